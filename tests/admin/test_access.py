"""The admin is for operators only (issue 14, acceptance 4): a specialist, an applicant and anonymous get the
admin login page or 403 at every admin URL — even a specialist or applicant given ``is_staff`` or
``is_superuser`` by mistake — and the admin's login form refuses them."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, reverse

pytestmark = pytest.mark.django_db

# What a URL's arguments are filled with: any value reaches the permission check before the view runs.
PLACEHOLDERS = {"app_label": "filings", "content_type_id": "1", "object_id": "1"}


def admin_urls() -> list[str]:
    """Every named URL of the admin site (models' views, the site's own pages, extra pages such as
    interventions or the dashboard), with placeholder arguments."""
    urls: list[str] = []

    def walk(patterns: list[Any]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names = list(pattern.pattern.converters) if hasattr(pattern.pattern, "converters") else []
                names += list(pattern.pattern.regex.groupindex)
                kwargs = {name: PLACEHOLDERS.get(name, "1") for name in dict.fromkeys(names)}
                urls.append(reverse(f"admin:{pattern.name}", kwargs=kwargs))

    walk(admin.site.get_urls())
    return sorted(set(urls))


def test_every_admin_url_is_walked():
    urls = admin_urls()
    assert reverse("admin:index") in urls
    assert reverse("admin:filings_filing_changelist") in urls
    assert reverse("admin:accounts_user_delete", args=[1]) in urls
    assert len(urls) > 5 * len(admin.site._registry)


def assert_no_admin_page(client, url: str) -> None:
    response = client.get(url, follow=True)
    if response.status_code in (403, 405):
        return
    assert response.status_code == 200, url
    templates = {template.name for template in response.templates}
    # The admin's login page is the only page shown, and never the page that was asked for.
    assert "admin/login.html" in templates, (url, sorted(templates))
    assert response.redirect_chain or response.request["PATH_INFO"] == reverse("admin:login"), url
    if response.redirect_chain:
        assert response.redirect_chain[-1][0].startswith(reverse("admin:login")), (
            url,
            response.redirect_chain,
        )


@pytest.fixture(params=["anonymous", "applicant", "specialist", "staff_specialist", "superuser_applicant"])
def outsider(request, client, django_user_model):
    if request.param == "anonymous":
        return client
    role = "specialist" if "specialist" in request.param else "applicant"
    user = django_user_model.objects.create_user(
        username=request.param,
        password="correct horse battery staple",
        role=role,
        is_staff=request.param != role,
        is_superuser=request.param == "superuser_applicant",
    )
    client.force_login(user)
    return client


def test_no_admin_page_for_anyone_but_an_operator(outsider):
    urls = [*admin_urls(), "/admin/dashboard/", "/admin/filings/filing/?state=approved"]
    for url in urls:
        assert_no_admin_page(outsider, url)


def test_no_admin_post_for_anyone_but_an_operator(outsider, build):
    filing = build.start()
    url = reverse("admin:filings_filing_changelist")
    response = outsider.post(
        url, {"action": "delete_selected", "_selected_action": [filing.pk], "post": "yes"}
    )
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"].startswith(reverse("admin:login"))
    assert type(filing).objects.filter(pk=filing.pk).exists()


def test_an_operator_is_let_in(client, olga):
    client.force_login(olga)
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_operator_needs_staff_status_too(client, django_user_model):
    user = django_user_model.objects.create_user(username="opal", password="x", role="operator")
    client.force_login(user)
    assert_no_admin_page(client, reverse("admin:index"))


@pytest.mark.parametrize("role", ["specialist", "applicant"])
def test_the_admin_login_form_refuses_a_staff_non_operator(client, django_user_model, role):
    django_user_model.objects.create_user(
        username="mistaken", password="correct horse battery staple", role=role, is_staff=True
    )
    response = client.post(
        reverse("admin:login"), {"username": "mistaken", "password": "correct horse battery staple"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_the_admin_login_form_lets_an_operator_in(client, olga):
    response = client.post(
        reverse("admin:login"), {"username": "olga", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200

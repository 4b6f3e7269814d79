"""The profile: one's own details only, the mobile masked until edited, the language saved and made active;
and the password change."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def carol(django_user_model):
    return django_user_model.objects.create_user(
        username="carol",
        password="correct horse battery staple",
        email="carol@example.com",
        mobile="13800138000",
        role="applicant",
    )


def _save(client, **changes: str):
    data = {"email": "carol@example.com", "mobile": "13800138000", "language": "zh-hans"} | changes
    return client.post("/accounts/profile/", data, HTTP_ACCEPT_LANGUAGE="en")


def test_anonymous_is_sent_to_login(client):
    for response in (client.get("/accounts/profile/"), client.post("/accounts/profile/", {})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/accounts/profile/")


def test_the_profile_shows_the_account_with_the_mobile_masked(client, carol):
    client.force_login(carol)
    page = client.get("/accounts/profile/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "carol" in page and "Applicant" in page and "carol@example.com" in page
    assert "138****8000" in page
    assert "13800138000" not in page
    assert "中文" in page
    assert 'href="/accounts/password_change/"' in page
    assert "<form" not in page.split('id="main"')[1]  # no form until asked for


def test_the_change_form_shows_the_mobile_as_stored(client, carol):
    client.force_login(carol)
    page = client.get("/accounts/profile/?change", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="13800138000"' in page
    assert 'value="carol@example.com"' in page
    assert 'name="language"' in page


def test_saving_changes_the_details_and_switches_the_language(client, carol):
    client.force_login(carol)
    response = _save(client, email="carol@example.org", mobile="+86 139 1234 5678", language="en")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    carol.refresh_from_db()
    assert (carol.email, carol.mobile, carol.language) == ("carol@example.org", "13912345678", "en")
    page = client.get("/accounts/profile/").content.decode()  # the cookie, not Accept-Language, decides
    assert 'lang="en"' in page
    assert "Your details are saved." in page
    assert "139****5678" in page


def test_switching_to_chinese_says_so_in_chinese(client, carol):
    carol.language = "en"
    carol.save()
    client.force_login(carol)
    response = _save(client, language="zh-hans")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    page = client.get("/accounts/profile/").content.decode()
    assert 'lang="zh-Hans"' in page


def test_a_bad_mobile_is_named_and_nothing_is_saved(client, carol):
    client.force_login(carol)
    response = _save(client, email="new@example.com", mobile="12345", language="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_mobile-error"' in page
    assert "“12345” is not a valid mobile number." in page
    assert 'value="new@example.com"' in page and 'value="12345"' in page
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    carol.refresh_from_db()
    assert (carol.email, carol.mobile, carol.language) == ("carol@example.com", "13800138000", "")


def test_another_accounts_email_is_refused_but_ones_own_is_kept(client, carol, alice):
    client.force_login(carol)
    page = _save(client, email="ALICE@example.com").content.decode()
    assert 'id="id_email-error"' in page
    assert _save(client, email="CAROL@example.com").status_code == 302


def test_an_applicant_must_keep_an_email_and_a_mobile(client, carol):
    client.force_login(carol)
    page = _save(client, email="", mobile="").content.decode()
    assert "Enter an email address." in page and "Enter a mobile number." in page


def test_an_unknown_language_is_refused(client, carol):
    client.force_login(carol)
    page = _save(client, language="fr").content.decode()
    assert 'id="id_language-error"' in page


def test_one_edits_only_ones_own_account(client, carol, bob):
    """There is no id in the URL; a posted id or username is ignored."""
    client.force_login(carol)
    _save(client, email="carol2@example.com", id=str(bob.pk), username="bob")
    bob.refresh_from_db()
    assert bob.email == "bob@example.com"
    assert User.objects.get(username="carol").email == "carol2@example.com"
    page = client.get("/accounts/profile/").content.decode()
    assert "bob@example.com" not in page


def test_a_specialists_profile_works_without_applicant_data(client, sam):
    client.force_login(sam)
    page = client.get("/accounts/profile/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Review specialist" in page and "sam" in page
    response = client.post(
        "/accounts/profile/", {"email": "", "mobile": "", "language": "en"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    sam.refresh_from_db()
    assert sam.language == "en" and sam.role == "specialist"


def test_the_password_change_needs_the_current_password(client, carol):
    client.force_login(carol)
    page = client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": "a new day rising", "new_password2": "a new day rising"},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert 'id="id_old_password-error"' in page
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "correct horse battery staple",
            "new_password1": "a new day rising",
            "new_password2": "a new day rising",
        },
    )
    assert response["Location"] == "/accounts/password_change/done/"
    assert client.get("/accounts/password_change/done/").status_code == 200  # still logged in
    carol.refresh_from_db()
    assert carol.check_password("a new day rising")


def test_the_password_change_needs_login(client):
    assert client.get("/accounts/password_change/")["Location"].startswith("/accounts/login/")


def test_a_weak_new_password_is_named_where_it_was_typed(client, carol):
    client.force_login(carol)
    page = client.post(
        "/accounts/password_change/",
        {"old_password": "correct horse battery staple", "new_password1": "carol", "new_password2": "carol"},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert 'id="id_new_password1-error"' in page
    carol.refresh_from_db()
    assert carol.check_password("correct horse battery staple")


def test_a_new_account_follows_the_browsers_language_until_it_chooses(client, django_user_model):
    dave = django_user_model.objects.create_user(username="dave", password="x" * 12, role="specialist")
    assert dave.language == ""
    client.force_login(dave)
    assert "The browser" in client.get("/accounts/profile/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.cookies["django_language"] = "en"
    response = client.post("/accounts/profile/", {"email": "", "mobile": "", "language": ""})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == ""  # the cookie is removed: the browser decides
    dave.refresh_from_db()
    assert dave.language == ""

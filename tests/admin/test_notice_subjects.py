"""Notice subjects in the admin (issue 14): an operator rewords a kind's subject per language; the next notice
of that kind uses it (the inbox and email alike), deleting it brings the template's wording back, and a subject
that would not render for that kind is refused beside the field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.models import Notification, SubjectOverride
from notifications.rendering import render

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client, olga):
    client.force_login(olga)
    return client


def notice(alice, language: str = "zh-hans") -> Notification:
    return Notification.objects.create(
        dedupe_key=f"test:{Notification.objects.count()}",
        recipient=alice,
        channel="inbox",
        kind="filing_returned",
        language=language,
        context={"filing_code": "x", "domains": ["example.com"], "reasons": [], "filing_url": "https://x/"},
    )


def add(client, **data):
    return client.post(reverse("admin:notifications_subjectoverride_add"), data)


def test_an_operators_subject_is_used_and_removing_it_restores_the_templates(operator, alice):
    before = render(notice(alice)).subject
    response = add(
        operator, kind="filing_returned", language="zh-hans", subject="请修改备案：{{ domains|join:'、' }}"
    )
    assert response.status_code == 302
    assert render(notice(alice)).subject == "请修改备案：example.com"
    assert render(notice(alice, "en")).subject != "请修改备案：example.com"  # the other language unchanged

    override = SubjectOverride.objects.get()
    response = operator.post(
        reverse("admin:notifications_subjectoverride_delete", args=[override.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert render(notice(alice)).subject == before


@pytest.mark.parametrize(
    "subject",
    [
        "{{ domains|join: }}",  # does not compile
        "{% if domains %}x{% endif %}",  # no tags
        "Returned: {{ tracking_number }}",  # not in a returned filing's notice
        "   ",
    ],
)
def test_a_subject_that_would_not_render_is_refused(operator, subject):
    response = add(operator, kind="filing_returned", language="en", subject=subject)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["subject"]
    assert not SubjectOverride.objects.exists()


def test_an_unknown_kind_is_refused(operator):
    response = add(operator, kind="no_such_kind", language="en", subject="Hello")
    assert list(response.context["adminform"].form.errors) == ["kind"]


def test_the_inbox_renders_subjects_without_a_query_per_row(client, alice, django_assert_max_num_queries):
    SubjectOverride.objects.create(kind="filing_returned", language="zh-hans", subject="请修改")
    rows = [notice(alice) for _ in range(20)]
    render(rows[0])  # the overrides are read once, then come from the cache
    with django_assert_max_num_queries(0):
        assert {render(row).subject for row in rows} == {"请修改"}

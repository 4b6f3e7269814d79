from __future__ import annotations

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_with_the_wrong_password_says_so(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override("zh-hans"):
        message = translation.gettext("Your username and password didn't match. Please try again.")
    assert message in page and "didn" not in message  # the Chinese words, in an alert
    assert 'role="alert"' in page


def test_an_applicant_sees_only_their_own_filings(client, build, alice, bob):
    mine = build.start()
    theirs = build.start(applicant=bob)
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert str(mine.code)[:10] in page
    assert str(theirs.code)[:10] not in page


def test_a_specialist_sees_the_review_queue_not_the_drafts(client, build, sam):
    draft = build.start()
    in_review = build.to(build.start(), "provider_review")
    client.force_login(sam)
    page = client.get("/").content.decode()
    assert str(in_review.code)[:10] in page
    assert str(draft.code)[:10] not in page


def test_the_operator_logs_in_to_the_admin(client, olga):
    assert client.login(username="olga", password="correct horse battery staple")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/filings/filing/").status_code == 200


def test_an_applicant_cannot_use_the_admin(client, alice):
    client.force_login(alice)
    assert client.get("/admin/").status_code == 302

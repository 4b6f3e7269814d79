"""Password reset by email, end to end with Django's outbox; and no hint of which emails have accounts."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import translation

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a lantern by the river"


@pytest.fixture(autouse=True)
def _outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _link(message) -> str:
    found = re.search(r"https?://\S+/accounts/reset/\S+/", message.body)
    assert found, message.body
    return found.group(0)


def test_the_page_asks_for_the_email(client):
    page = client.get("/accounts/password_reset/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="id_email"' in page
    assert "Reset your password" in page


def test_a_reset_round_trip_sets_a_new_password_that_logs_in(client, alice, settings):
    settings.ALLOWED_HOSTS = ["beian.example.net", "testserver"]
    response = client.post(
        "/accounts/password_reset/", {"email": "ALICE@example.com"}, HTTP_HOST="beian.example.net"
    )
    assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    link = _link(message)
    assert link.startswith("http://beian.example.net/accounts/reset/")  # the request's host

    path = link.removeprefix("http://beian.example.net")
    form_page = client.get(path, follow=True)  # Django moves the token into the session
    assert form_page.status_code == 200
    assert 'id="id_new_password1"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/accounts/reset/done/"

    assert client.login(username="alice", password=NEW_PASSWORD)
    client.logout()
    assert not client.login(username="alice", password="correct horse battery staple")
    # The link works once.
    page = client.get(path, follow=True, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This link does not work" in page


def test_the_email_is_in_the_accounts_language(client, alice, bob):
    alice.language = "en"
    alice.save()
    bob.language = "zh-hans"
    bob.save()
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})  # a Chinese page
    client.post("/accounts/password_reset/", {"email": "bob@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    to_alice, to_bob = mail.outbox
    with translation.override("zh-hans"):
        portal_in_chinese = translation.gettext("ICP filing portal")
    assert portal_in_chinese != "ICP filing portal"
    assert "Reset your password" in to_alice.subject
    assert "Hello alice" in to_alice.body
    assert "ICP filing portal" in to_alice.body
    assert portal_in_chinese in to_bob.body  # bob kept the default, Chinese, though he asked in English


def test_an_unknown_email_shows_the_same_page_and_sends_nothing(client, alice):
    known = client.post("/accounts/password_reset/", {"email": "alice@example.com"}, follow=True)
    unknown = client.post("/accounts/password_reset/", {"email": "nobody@example.com"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/accounts/password_reset/done/", 302)]
    csrf = re.compile(rb'value="[^"]+"|"X-CSRFToken": "[^"]+"')
    assert csrf.sub(b"", known.content) == csrf.sub(b"", unknown.content)
    assert len(mail.outbox) == 1


def test_an_inactive_account_gets_no_mail(client, alice):
    alice.is_active = False
    alice.save()
    response = client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_a_malformed_email_is_named_beside_the_field(client):
    page = client.post(
        "/accounts/password_reset/", {"email": "not an email"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="id_email-error"' in page
    assert 'value="not an email"' in page
    assert mail.outbox == []


def test_mismatched_new_passwords_are_refused(client, alice):
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    path = re.sub(r"^https?://[^/]+", "", _link(mail.outbox[0]))
    set_url = client.get(path, follow=True).redirect_chain[-1][0]
    page = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": "other"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="id_new_password2-error"' in page
    assert not client.login(username="alice", password=NEW_PASSWORD)


def test_a_forged_link_does_not_work(client, alice):
    response = client.get("/accounts/reset/MQ/abc-123/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "This link does not work" in response.content.decode()
    assert 'href="/accounts/password_reset/"' in response.content.decode()


def test_the_done_and_complete_pages_render(client):
    assert (
        "Check your email"
        in client.get("/accounts/password_reset/done/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert (
        "Your password is set"
        in client.get("/accounts/reset/done/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )

"""Login and logout: one message for every refusal, the username kept, the account's language made active."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the personas' (tests/conftest.py)


def test_the_login_page_links_to_register_and_reset(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/accounts/register/"' in page
    assert 'href="/accounts/password_reset/"' in page
    assert "Forgot your password?" in page


def test_logging_in_goes_home_and_makes_the_accounts_language_active(client, alice):
    alice.language = "en"
    alice.save()
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/").wsgi_request.user == alice
    assert 'lang="en"' in client.get("/").content.decode()


def test_logging_in_follows_next(client, alice):
    response = client.post(
        "/accounts/login/?next=/accounts/profile/",
        {"username": "alice", "password": PASSWORD, "next": "/accounts/profile/"},
    )
    assert response["Location"] == "/accounts/profile/"


def test_a_wrong_password_says_so_at_the_top_and_keeps_the_username(client, alice):
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert "Your username and password didn" in page
    assert 'value="alice"' in page
    assert "wrong" not in page.split('id="id_password"')[1].split(">")[0]  # the password is not sent back
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_a_wrong_password_in_chinese(client, alice):
    page = client.post("/accounts/login/", {"username": "alice", "password": "wrong"}).content.decode()
    assert "用户名或密码不正确" in page


def test_an_inactive_account_gets_the_same_message_and_no_session(client, alice):
    alice.is_active = False
    alice.save()
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Your username and password didn" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"username": "alice"},
        {"password": "x"},
        {"username": "x" * 300, "password": "x"},
        {"username": "\x00"},
    ],
)
def test_odd_input_is_a_form_error_never_a_500(client, alice, data):
    response = client.post("/accounts/login/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_empty_fields_say_what_to_enter(client):
    page = client.post("/accounts/login/", {}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Enter your username." in page and "Enter your password." in page
    assert 'href="#id_username"' in page


def test_logout_ends_the_session_and_says_so_on_the_login_page(client, alice):
    client.force_login(alice)
    response = client.post("/accounts/logout/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert not page.wsgi_request.user.is_authenticated
    assert "You are logged out." in page.content.decode()
    assert client.get("/")["Location"].startswith("/accounts/login/")


def test_logout_by_get_is_refused(client, alice):
    client.force_login(alice)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/").status_code == 200  # still logged in

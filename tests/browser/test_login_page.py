"""The login page: how it looks at both widths, a wrong password, the right one, and the English page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.pages import PERSONA_PASSWORD, login, look_at


def test_the_login_page_passes_the_look(page):
    page.goto("/accounts/login/")  # base_url is the live server's

    expect(page.locator("#id_username")).to_be_visible()
    look_at(page, "login")


def test_a_wrong_password_is_refused_with_a_message(page, live_server, alice):
    login(page, live_server, "alice", "not the password")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("alert")).to_be_visible()
    look_at(page, "login-refused")


def test_the_right_password_lands_on_the_home_page(page, live_server, django_user_model):
    django_user_model.objects.create_user(username="alice", password=PERSONA_PASSWORD, role="applicant")

    login(page, live_server, "alice", PERSONA_PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/")


def test_an_unknown_user_is_refused_like_a_wrong_password(page, live_server):
    login(page, live_server, "nobody", PERSONA_PASSWORD)

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("alert")).to_be_visible()


def test_the_login_page_speaks_the_browsers_language(page, english_page, live_server):
    chinese = page.goto(f"{live_server.url}/accounts/login/")
    english = english_page.goto(f"{live_server.url}/accounts/login/")

    assert chinese.headers["content-language"] == "zh-hans"
    assert english.headers["content-language"] == "en"

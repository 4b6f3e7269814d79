"""Registration: a new applicant's account, logged in at once; refusals name their field and keep the rest."""

from __future__ import annotations

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a quiet harbour at dawn"


def _form(**changes: str) -> dict[str, str]:
    return {
        "username": "carol",
        "email": "carol@example.com",
        "mobile": "+86 138 0013 8000",
        "password1": PASSWORD,
        "password2": PASSWORD,
    } | changes


def test_the_page_links_to_login(client):
    page = client.get("/accounts/register/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Already have an account?" in page
    assert 'href="/accounts/login/"' in page
    assert 'id="id_mobile"' in page


def test_registering_makes_a_logged_in_applicant_with_the_mobile_normalised(client):
    response = client.post("/accounts/register/", _form(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username="carol")
    assert user.role == "applicant"
    assert user.is_applicant and not user.is_staff
    assert user.mobile == "13800138000"
    assert user.email == "carol@example.com"
    assert user.language == "en"  # the language the page was in
    assert user.check_password(PASSWORD)
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert home.wsgi_request.user == user
    assert "Welcome, carol" in home.content.decode()


def test_registering_in_chinese_keeps_chinese(client):
    client.post("/accounts/register/", _form(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert User.objects.get(username="carol").language == "zh-hans"


def test_a_bad_mobile_is_named_beside_its_field_and_the_rest_is_kept(client):
    response = client.post("/accounts/register/", _form(mobile="12345"), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(username="carol").exists()
    assert 'id="id_mobile-error"' in page
    assert "“12345” is not a valid mobile number." in page  # the words of the wizard's mobile rule
    assert 'href="#id_mobile"' in page  # the error summary links to the field
    assert 'value="carol"' in page
    assert 'value="carol@example.com"' in page
    assert 'value="12345"' in page


@pytest.mark.parametrize(
    ("mobile", "words"),
    [
        ("+1 415 555 0100", "not a Mainland China number"),
        ("010 6552 9988", "is a landline number"),
        ("138abc00138", "contains letters"),
    ],
)
def test_a_mobile_that_is_not_a_mainland_mobile_is_refused(client, mobile, words):
    page = client.post(
        "/accounts/register/", _form(mobile=mobile), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert words in page
    assert not User.objects.exists()


def test_the_mobile_error_is_in_chinese_on_a_chinese_page(client):
    page = client.post("/accounts/register/", _form(mobile="12345")).content.decode()
    assert "不是有效的手机号码" in page
    assert "is not a valid mobile number" not in page


def test_mismatched_passwords_are_named_on_the_confirmation(client):
    response = client.post(
        "/accounts/register/", _form(password2="something else entirely"), HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert 'id="id_password2-error"' in page
    assert "The two passwords are not the same." in page
    assert 'value="carol"' in page and 'value="+86 138 0013 8000"' in page
    assert PASSWORD not in page  # passwords are never sent back
    assert not User.objects.exists()


def test_a_weak_password_is_refused_by_the_configured_validators(client):
    page = client.post(
        "/accounts/register/", _form(password1="password", password2="password"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="id_password1-error"' in page  # named where the password was chosen
    assert 'id="id_password2-error"' not in page
    assert "too common" in page
    assert not User.objects.exists()


def test_a_taken_username_is_named_whatever_its_case(client, alice):
    page = client.post(
        "/accounts/register/", _form(username="ALICE"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="id_username-error"' in page
    assert "is taken" in page
    assert 'value="carol@example.com"' in page
    assert User.objects.count() == 1


def test_a_taken_email_is_named_whatever_its_case(client, alice):
    page = client.post(
        "/accounts/register/", _form(email="Alice@EXAMPLE.com"), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="id_email-error"' in page
    assert "already exists" in page
    assert not User.objects.filter(username="carol").exists()


def test_empty_fields_each_say_what_to_enter(client):
    page = client.post("/accounts/register/", {}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for words in (
        "Enter a username.",
        "Enter an email address.",
        "Enter a mobile number.",
        "Enter a password.",
    ):
        assert words in page


def test_a_signed_in_account_goes_home(client, alice):
    client.force_login(alice)
    assert client.get("/accounts/register/")["Location"] == "/"
    client.post("/accounts/register/", _form())
    assert not User.objects.filter(username="carol").exists()

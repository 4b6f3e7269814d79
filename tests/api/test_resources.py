"""The smaller resources: the token, regions, instances, notifications; and the error shape everywhere."""

from __future__ import annotations

import pytest
from rest_framework import exceptions
from rest_framework.throttling import ScopedRateThrottle

from common.api import exception_handler, flatten_errors
from common.errors import ApplicationError
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


# --- The token ---------------------------------------------------------------------------------------------
def test_token_for_username_and_password_then_token_authentication(api, alice):
    response = api().post("/api/v1/auth/token/", {"username": "alice", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/filings/").status_code == 200
    again = api().post("/api/v1/auth/token/", {"username": "alice", "password": PASSWORD}, format="json")
    assert again.json()["token"] == token


def test_token_refusals(api, alice):
    wrong = api().post("/api/v1/auth/token/", {"username": "alice", "password": "nope"}, format="json")
    assert wrong.status_code == 400
    assert error_of(wrong)["code"] == "invalid_credentials"
    assert set(error_of(api().post("/api/v1/auth/token/", {}, format="json"))["fields"]) == {
        "username",
        "password",
    }
    assert api().get("/api/v1/auth/token/").status_code == 405
    response = api().post(
        "/api/v1/auth/token/", "username=alice", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415


def test_a_bad_token_is_401(api):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    response = client.get("/api/v1/filings/")
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"
    assert response["WWW-Authenticate"] == "Token"


def test_the_token_of_a_deactivated_user_is_401_and_another_user_s_token_is_theirs(api, alice, bob, build):
    """The compiled token look-up (``common.authentication``) answers as DRF's: each token is its own user's,
    and a deactivated user's token no longer works."""
    tokens = {
        user.username: api()
        .post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD})
        .json()["token"]
        for user in (alice, bob)
    }
    filing = build.start(domains=["token-owner.cn"])
    for username, token in tokens.items():
        client = api()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert client.get(f"/api/v1/filings/{filing.code}/").status_code == (
            200 if username == "alice" else 404
        )
    type(bob).objects.filter(pk=bob.pk).update(is_active=False)
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {tokens['bob']}")
    response = client.get("/api/v1/filings/")
    assert response.status_code == 401
    assert error_of(response)["code"] == "authentication_failed"


def test_token_issue_is_rate_limited(api, alice):
    original = ScopedRateThrottle.THROTTLE_RATES
    ScopedRateThrottle.THROTTLE_RATES = {**original, "auth": "3/minute"}
    try:
        body = {"username": "alice", "password": "wrong"}
        codes = [api().post("/api/v1/auth/token/", body, format="json").status_code for _ in range(4)]
        assert codes == [400, 400, 400, 429]
    finally:
        ScopedRateThrottle.THROTTLE_RATES = original


def test_session_authentication_works_for_the_browser(client, alice):
    client.force_login(alice)
    assert client.get("/api/v1/filings/").status_code == 200
    # A session write needs the CSRF token, as any browser form does.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    response = strict.post("/api/v1/filings/", {}, content_type="application/json")
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"


# --- Regions and instances ---------------------------------------------------------------------------------
def test_regions_with_their_rules_are_public(api):
    response = api().get("/api/v1/regions/")
    assert response.status_code == 200
    regions = {region["code"]: region for region in response.json()}
    assert len(regions) == 31
    assert regions["CN-ZJ"]["sms_required"] is True
    assert regions["CN-GD"]["mailing_rule"] == "individual>5;organization>31"
    assert api().post("/api/v1/regions/", {}, format="json").status_code == 405


def test_instances_with_free_service_numbers_of_the_caller_only(api, alice, bob, build):
    filing = build.to(build.start(), "instance_verification")
    numbers = build.service_numbers(filing, 1)
    api(alice).patch(
        f"/api/v1/filings/{filing.code}/", {"websites": [{"service_number": numbers[0]}]}, format="json"
    )
    response = api(alice).get("/api/v1/instances/")
    assert response.status_code == 200
    [instance] = response.json()["results"]
    assert len(instance["free_service_numbers"]) == 4
    assert numbers[0] not in instance["free_service_numbers"]
    assert api(bob).get("/api/v1/instances/").json()["results"] == []
    assert api().get("/api/v1/instances/").status_code == 401
    assert api(alice).post("/api/v1/instances/", {}, format="json").status_code == 405


# --- Notifications ------------------------------------------------------------------------------------------
def test_notifications_are_the_callers_own_inbox(api, alice, bob, sam, drive, build):
    filing = drive(build.start(), "provider_review")
    api(sam).post(f"/api/v1/review/filings/{filing.code}/claim/")
    reasons = [{"code": "address_incomplete", "field": "entity.mailing_address"}]
    api(sam).post(f"/api/v1/review/filings/{filing.code}/reject/", {"reasons": reasons}, format="json")
    inbox = api(alice).get("/api/v1/notifications/").json()["results"]
    assert [item["kind"] for item in inbox] == ["filing_returned", "filing_submitted"]  # newest first
    returned = inbox[0]
    assert set(returned) == {"id", "kind", "subject", "text", "filing", "created_at", "read_at"}
    assert returned["filing"] == str(filing.code) and returned["read_at"] is None
    assert (
        returned["subject"]
        and f"/filings/{filing.code}/information/#id_entity-mailing_address" in returned["text"]
    )
    assert api(bob).get("/api/v1/notifications/").json()["results"] == []
    assert api(sam).get("/api/v1/notifications/").json()["results"] == []  # nothing was assigned to him
    assert api().get("/api/v1/notifications/").status_code == 401
    assert api(alice).post("/api/v1/notifications/").status_code == 405


def test_a_notification_is_marked_read_by_its_owner_only(api, alice, bob, drive, build):
    drive(build.start(), "provider_review")
    notice = api(alice).get("/api/v1/notifications/").json()["results"][0]
    url = f"/api/v1/notifications/{notice['id']}/read/"
    assert api(bob).post(url).status_code == 404
    assert api().post(url).status_code == 401
    assert api(alice).get("/api/v1/notifications/").json()["results"][0]["read_at"] is None
    response = api(alice).post(url)
    assert response.status_code == 200 and response.json()["read_at"] is not None
    again = api(alice).post(url).json()
    assert again["read_at"] == response.json()["read_at"]  # the first reading time stays
    assert (
        api(alice).post("/api/v1/notifications/00000000-0000-0000-0000-000000000000/read/").status_code == 404
    )


# --- The error shape ----------------------------------------------------------------------------------------
def test_unknown_api_paths_are_json_404s(api, alice):
    for client in (api(alice), api()):
        response = client.get("/api/v1/nothing/here/")
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


def test_malformed_json_is_400(api, alice):
    response = api(alice).post("/api/v1/filings/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "parse_error"


def test_flatten_errors_gives_dotted_paths_with_list_indexes():
    detail = {
        "websites": [{}, {"domain": ["bad"]}],
        "entity": {"head": {"mobile": ["wrong"]}, "non_field_errors": ["inconsistent"]},
        "codes": {0: ["x"]},
    }
    assert flatten_errors(detail) == {
        "websites.1.domain": ["bad"],
        "entity.head.mobile": ["wrong"],
        "entity": ["inconsistent"],
        "codes.0": ["x"],
    }


def test_handler_maps_application_errors_with_their_status_and_unknown_exceptions_to_none():
    error = ApplicationError("Nope", code="nope", fields={"a.b": ["c"]})
    error.status = 409
    response = exception_handler(error, {})
    assert response.status_code == 409
    assert response.data == {"error": {"code": "nope", "message": "Nope", "fields": {"a.b": ["c"]}}}
    throttled = exception_handler(exceptions.Throttled(wait=12), {})
    assert throttled.status_code == 429 and throttled["Retry-After"] == "12"
    assert exception_handler(ZeroDivisionError(), {}) is None


def test_validation_error_with_one_problem_keeps_its_code_and_message():
    response = exception_handler(exceptions.ValidationError({"name": ["This field is required."]}), {})
    assert response.data["error"]["message"] == "This field is required."
    assert response.data["error"]["code"] == "invalid"
    coded = exceptions.ValidationError({"name": [exceptions.ErrorDetail("Required.", code="required")]})
    assert exception_handler(coded, {}).data["error"]["code"] == "required"
    general = exceptions.ValidationError(["Whole body wrong."])
    assert exception_handler(general, {}).data["error"] == {
        "code": "invalid",
        "message": "Whole body wrong.",
        "fields": {},
    }

"""Text a client sends that no database or JSON encoder can hold: unpaired surrogates are a field error with
its path (never a 500), and an error message never carries them back."""

from __future__ import annotations

import json

import pytest

from common.api import error_body
from tests.api.conftest import error_of
from tests.builders import resident_id

pytestmark = pytest.mark.django_db
FILINGS = "/api/v1/filings/"
SURROGATE = "\ud800"


def _start_body() -> dict:
    return {
        "region": "CN-BJ",
        "entity": {
            "nature": "individual",
            "certificate_type": "resident_id",
            "certificate_number": resident_id("110101"),
        },
        "websites": [{"domain": "surrogate-test.com"}],
    }


def _post_raw(client, url: str, body: dict):
    """JSON as a client may write it: ``\\ud800`` escaped (``ensure_ascii``), valid JSON that decodes to an
    unpaired surrogate."""
    return client.post(url, json.dumps(body), content_type="application/json")


def _assert_refused(response, path: str) -> None:
    assert response.status_code == 400, response.content
    error = error_of(response)
    assert error["code"] == "surrogate_characters_not_allowed"
    assert set(error["fields"]) == {path}
    assert SURROGATE not in response.content.decode()


@pytest.mark.parametrize(
    ("part", "field", "path"),
    [
        ("entity", "nature", "entity.nature"),
        ("entity", "certificate_type", "entity.certificate_type"),
        ("entity", "certificate_number", "entity.certificate_number"),
        ("top", "region", "region"),
    ],
)
def test_a_surrogate_in_a_start_field_is_a_field_error(api, alice, part, field, path):
    body = _start_body()
    target = body if part == "top" else body[part]
    target[field] = f"abc{SURROGATE}"
    _assert_refused(_post_raw(api(alice), FILINGS, body), path)


def test_a_surrogate_in_a_nested_list_field_is_a_field_error(api, alice):
    body = _start_body()
    body["websites"].append({"domain": f"x{SURROGATE}.com"})
    _assert_refused(_post_raw(api(alice), FILINGS, body), "websites.1.domain")


def test_a_surrogate_in_a_json_key_is_a_field_error_naming_the_key_escaped(api, alice):
    body = _start_body()
    body["entity"][f"k{SURROGATE}"] = "anything"
    _assert_refused(_post_raw(api(alice), FILINGS, body), "entity.k\\ud800")


def test_a_surrogate_in_a_transition_choice_is_a_field_error(api, alice, build):
    filing = build.to(build.start(), "information")
    response = _post_raw(api(alice), f"{FILINGS}{filing.code}/transitions/reopen/", {"step": SURROGATE})
    _assert_refused(response, "step")


def test_a_surrogate_in_a_review_decision_is_a_field_error(api, sam, drive, build):
    filing = drive(build.start(), "provider_review")
    client = api(sam)
    assert client.post(f"/api/v1/review/filings/{filing.code}/claim/").status_code == 200
    body = {"reasons": [{"code": "x", "field": f"entity.{SURROGATE}"}]}
    response = _post_raw(client, f"/api/v1/review/filings/{filing.code}/reject/", body)
    _assert_refused(response, "reasons.0.field")


def test_a_surrogate_in_the_token_request_is_a_field_error(api):
    response = _post_raw(api(), "/api/v1/auth/token/", {"username": SURROGATE, "password": "x"})
    _assert_refused(response, "username")


def test_a_paired_surrogate_is_an_ordinary_character(api, alice):
    """The negative: an emoji escaped as a surrogate pair decodes to one character and is no such error."""
    body = _start_body()
    body["entity"]["nature"] = "\ud83d\ude00"
    response = _post_raw(api(alice), FILINGS, body)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_choice"
    assert set(error["fields"]) == {"entity.nature"}


def test_an_error_message_never_carries_a_raw_surrogate():
    body = error_body("invalid", f"“{SURROGATE}” is wrong", {f"a{SURROGATE}": [f"b{SURROGATE}"]})
    json.dumps(body, ensure_ascii=False).encode("utf-8")  # what the renderer does: no UnicodeEncodeError
    assert body["error"]["message"] == "“\\ud800” is wrong"
    assert body["error"]["fields"] == {"a\\ud800": ["b\\ud800"]}

"""A transition not available in the filing's state is a 409 whatever its body (api.md: "checked before
the body"): the applicant's transitions by name and the specialists' decisions alike."""

from __future__ import annotations

import pytest

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


def _transition(filing, name: str) -> str:
    return f"/api/v1/filings/{filing.code}/transitions/{name}/"


def _review(filing, name: str) -> str:
    return f"/api/v1/review/filings/{filing.code}/{name}/"


@pytest.mark.parametrize(
    "body",
    [{}, {"codes": []}, {"codes": [{"mobile": "x"}]}, {"step": "nowhere"}, {"reason": 7}],
    ids=["empty", "no_codes", "code_incomplete", "bad_step", "bad_reason"],
)
def test_verify_sms_out_of_its_state_is_409_whatever_the_body(api, alice, build, body):
    filing = build.start()  # type_detection: no SMS to verify
    response = api(alice).post(_transition(filing, "verify_sms"), body, format="json")
    assert response.status_code == 409, response.json()
    error = error_of(response)
    assert error["code"] == "wrong_state"
    assert error["fields"] == {}


def test_reopen_out_of_its_state_is_409_even_without_its_step(api, alice, build):
    filing = build.start()
    response = api(alice).post(_transition(filing, "reopen"), {}, format="json")
    assert response.status_code == 409, response.json()
    assert error_of(response)["code"] == "wrong_state"


def test_an_available_transition_still_checks_its_body(api, alice, build):
    """The negative: in its state, the body is checked (400 with the field)."""
    filing = build.to(build.start(), "information")
    response = api(alice).post(_transition(filing, "reopen"), {"step": "nowhere"}, format="json")
    assert response.status_code == 400, response.json()
    error = error_of(response)
    assert error["code"] == "invalid_choice"
    assert set(error["fields"]) == {"step"}


def test_another_applicants_filing_stays_404_whatever_the_body(api, bob, build):
    response = api(bob).post(_transition(build.start(), "verify_sms"), {}, format="json")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("approve", {"overrides": "not a list"}),
        ("reject", {}),
        ("reject", {"reasons": [{"code": ""}]}),
        ("confirm-mail", {}),
    ],
)
def test_a_decision_out_of_its_state_is_409_whatever_the_body(api, sam, drive, build, action, body):
    """Claimed, then approved: the filing has left review, so no decision is available any more."""
    filing = drive(build.start(), "provider_review")
    client = api(sam)
    assert client.post(_review(filing, "claim")).status_code == 200
    assert client.post(_review(filing, "approve"), {}, format="json").status_code == 200
    response = client.post(_review(filing, action), body, format="json")
    assert response.status_code == 409, response.json()
    assert error_of(response)["code"] == "wrong_state"


def test_a_decision_in_its_state_still_checks_its_body(api, sam, drive, build):
    filing = drive(build.start(), "provider_review")
    client = api(sam)
    assert client.post(_review(filing, "claim")).status_code == 200
    response = client.post(_review(filing, "reject"), {}, format="json")
    assert response.status_code == 400, response.json()
    error = error_of(response)
    assert error["code"] == "required"
    assert set(error["fields"]) == {"reasons"}

"""The specialists' API: queue, inbox, archive and the actions on a filing."""

from __future__ import annotations

import pytest

from materials.models import Material
from reviews.findings import findings_compute
from reviews.models import CallAttempt, Finding
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db
REVIEW = "/api/v1/review/"


def _action(filing, name: str) -> str:
    return f"{REVIEW}filings/{filing.code}/{name}/"


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def in_review(drive, build):
    return drive(build.start(), "provider_review")


def test_queue_inbox_archive_follow_the_claim_and_the_decision(api, sam, tina, olga, in_review):
    code = str(in_review.code)
    assert _ids(api(sam).get(f"{REVIEW}queue/")) == [code]
    response = api(sam).post(_action(in_review, "claim"))
    assert response.status_code == 200, response.json()
    assert response.json()["available_transitions"] == ["approve", "reject"]
    assert _ids(api(sam).get(f"{REVIEW}queue/")) == []
    assert _ids(api(sam).get(f"{REVIEW}inbox/")) == [code]
    assert _ids(api(tina).get(f"{REVIEW}inbox/")) == []
    assert _ids(api(olga).get(f"{REVIEW}inbox/")) == [code]
    assert api(sam).get(f"{REVIEW}inbox/").json()["results"][0]["claimed_by"] == "sam"
    response = api(sam).post(_action(in_review, "approve"), {"note": "all good"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "miit_submission"
    assert _ids(api(sam).get(f"{REVIEW}archive/")) == [code]
    assert _ids(api(tina).get(f"{REVIEW}archive/")) == []
    assert _ids(api(olga).get(f"{REVIEW}archive/")) == [code]


def test_review_lists_filter(api, sam, drive, build):
    zhejiang = drive(build.start(region="CN-ZJ"), "provider_review")
    drive(build.start(), "provider_review")
    assert _ids(api(sam).get(f"{REVIEW}queue/", {"region": "CN-ZJ"})) == [str(zhejiang.code)]
    assert len(_ids(api(sam).get(f"{REVIEW}queue/", {"nature": "individual", "resubmission": "false"}))) == 2
    assert _ids(api(sam).get(f"{REVIEW}queue/", {"resubmission": "true"})) == []
    assert "nature" in error_of(api(sam).get(f"{REVIEW}queue/", {"nature": "alien"}))["fields"]


def test_two_specialists_claiming_one_wins_the_other_gets_409(api, sam, tina, in_review):
    assert api(sam).post(_action(in_review, "claim")).status_code == 200
    response = api(tina).post(_action(in_review, "claim"))
    assert response.status_code == 409
    assert error_of(response)["code"] == "claim_conflict"


def test_release_puts_it_back_and_only_the_holder_releases(api, sam, tina, in_review):
    api(sam).post(_action(in_review, "claim"))
    assert api(tina).post(_action(in_review, "release")).status_code == 409
    response = api(sam).post(_action(in_review, "release"))
    assert response.status_code == 200
    assert _ids(api(tina).get(f"{REVIEW}queue/")) == [str(in_review.code)]


def test_approve_needs_the_claim_and_checks_overrides(api, sam, tina, in_review):
    assert api(sam).post(_action(in_review, "approve"), {}, format="json").status_code == 403
    api(sam).post(_action(in_review, "claim"))
    assert api(tina).post(_action(in_review, "approve"), {}, format="json").status_code == 403
    # The materials' image check found blur (approval computes the round's findings if no job did).
    Material.objects.filter(filing=in_review).update(
        findings=[{"code": "blur", "severity": "advisory", "message": "blurry"}]
    )
    body = {"overrides": [{"finding": "no_such_finding", "note": ""}]}
    error = error_of(api(sam).post(_action(in_review, "approve"), body, format="json"))
    assert set(error["fields"]) == {"overrides.0.finding", "overrides.0.note"}
    findings_compute(filing_id=in_review.pk, review_round=in_review.review_round)
    findings = api(sam).get(_action(in_review, "findings")).json()
    assert findings and findings[0]["code"] == "blur" and findings[0]["is_open"] is False
    blur = findings[0]["id"]
    body = {"note": "ok", "overrides": [{"finding": str(blur), "note": "legible enough"}]}
    response = api(sam).post(_action(in_review, "approve"), body, format="json")
    assert response.status_code == 200, response.json()
    (recorded,) = in_review.events.last().payload["overrides"]
    assert recorded["finding"] == str(blur) and recorded["note"] == "legible enough"
    assert Finding.objects.get(pk=blur).resolution == "overridden"


def test_reject_needs_reasons_from_the_catalogue(api, alice, sam, in_review):
    api(sam).post(_action(in_review, "claim"))
    error = error_of(api(sam).post(_action(in_review, "reject"), {"reasons": []}, format="json"))
    assert error["code"] == "reasons_required"
    body = {"reasons": [{"code": "made_up", "field": "entity.name"}]}
    assert list(error_of(api(sam).post(_action(in_review, "reject"), body, format="json"))["fields"]) == [
        "reasons.0.code"
    ]
    assert (
        "reasons.0.field"
        in error_of(api(sam).post(_action(in_review, "reject"), {"reasons": [{"code": "x"}]}, format="json"))[
            "fields"
        ]
    )
    assert api(alice).post(_action(in_review, "reject"), body, format="json").status_code == 403


def test_call_attempts_count_failures_in_a_row(api, sam, tina, in_review):
    url = _action(in_review, "call-attempt")
    assert api(sam).post(url, {"reached": False}, format="json").status_code == 403  # not held
    api(sam).post(_action(in_review, "claim"))
    assert "reached" in error_of(api(sam).post(url, {}, format="json"))["fields"]
    first = api(sam).post(url, {"reached": False, "note": "no answer"}, format="json")
    assert first.status_code == 201, first.json()
    assert first.json()["failed_attempts"] == 1 and first.json()["rejection_suggested"] is False
    second = api(sam).post(url, {"reached": False}, format="json").json()
    assert second["failed_attempts"] == 2 and second["rejection_suggested"] is True
    assert api(tina).post(url, {"reached": True}, format="json").status_code == 403
    assert CallAttempt.objects.filter(filing=in_review).count() == 2


def test_confirm_mail_after_the_tracking_number(api, alice, sam, drive, build):
    from entities.models import Region

    Region.objects.filter(code="CN-BJ").update(mailing_rule="always")
    filing = drive(build.start(), "provider_review")
    api(sam).post(_action(filing, "claim"))
    assert api(sam).post(_action(filing, "approve"), {}, format="json").json()["state"] == "mailing"
    api(sam).post(_action(filing, "claim"))
    error = error_of(api(sam).post(_action(filing, "confirm-mail")))
    assert list(error["fields"]) == ["mailing.tracking_number"]
    body = {"mailing": {"courier": "EMS", "tracking_number": "EMS1"}}
    api(alice).patch(f"/api/v1/filings/{filing.code}/", body, format="json")
    response = api(sam).post(_action(filing, "confirm-mail"))
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "miit_submission"


def test_operators_reassign_specialists_do_not(api, sam, tina, olga, in_review):
    api(sam).post(_action(in_review, "claim"))
    url = _action(in_review, "reassign")
    assert api(sam).post(url, {"specialist": "tina"}, format="json").status_code == 403
    assert (
        error_of(api(olga).post(url, {"specialist": "alice"}, format="json"))["code"] == "specialist_unknown"
    )
    assert "specialist" in error_of(api(olga).post(url, {}, format="json"))["fields"]
    response = api(olga).post(url, {"specialist": "tina"}, format="json")
    assert response.status_code == 200, response.json()
    assert _ids(api(tina).get(f"{REVIEW}inbox/")) == [str(in_review.code)]
    assert api(tina).post(_action(in_review, "approve"), {}, format="json").status_code == 200
    assert api(olga).post(url, {"specialist": "sam"}, format="json").status_code == 409  # left review


def test_applicants_and_anonymous_have_no_review_api(api, alice, bob, in_review):
    for path in ("queue/", "inbox/", "archive/"):
        assert api(alice).get(f"{REVIEW}{path}").status_code == 403
        assert api().get(f"{REVIEW}{path}").status_code == 401
    assert api(alice).post(_action(in_review, "claim")).status_code == 403
    assert api(bob).post(_action(in_review, "claim")).status_code == 403
    assert api().post(_action(in_review, "claim")).status_code == 401


def test_specialists_do_not_see_filings_outside_their_lists(api, sam, build):
    draft = build.start()
    assert api(sam).post(_action(draft, "claim")).status_code == 404
    assert api(sam).get(f"/api/v1/filings/{draft.code}/").status_code == 404
    assert api(sam).get(f"{REVIEW}queue/").json()["results"] == []
    assert api(sam).get(f"{REVIEW}queue/", {"cursor": "garbage"}).status_code == 400  # names `cursor`
    assert api(sam).put(_action(draft, "claim")).status_code == 405

"""The findings in the review API: the list of the round's rows, resolve, and approve with overrides by id."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from instances.models import Instance
from reviews.findings import findings_compute
from reviews.models import Finding
from tests.api.conftest import error_of, token_client

pytestmark = pytest.mark.django_db
REVIEW = "/api/v1/review/filings/"
FIELD = "websites.0.service_number"


@pytest.fixture
def api():
    return token_client


@pytest.fixture
def blocked(build, api, sam):
    """A filing in review, held by sam, whose instance ran down since submit (one blocking finding)."""
    filing = build.to(build.start(), "provider_review")
    instance = filing.filing_websites.get().service_number.instance
    Instance.objects.filter(pk=instance.pk).update(expires_at=timezone.now() + dt.timedelta(days=10))
    findings_compute(filing_id=filing.pk, review_round=filing.review_round)
    assert api(sam).post(f"{REVIEW}{filing.code}/claim/").status_code == 200
    return filing


def _finding(filing) -> Finding:
    return Finding.objects.get(filing=filing, field=FIELD)


def _resolve(filing, finding) -> str:
    return f"{REVIEW}{filing.code}/findings/{finding.pk}/resolve/"


def test_the_findings_list_shows_the_rounds_rows(api, blocked, sam, tina, olga):
    for user in (sam, tina, olga):
        response = api(user).get(f"{REVIEW}{blocked.code}/findings/")
        assert response.status_code == 200, response.json()
        (item,) = response.json()
        assert (item["code"], item["field"], item["severity"], item["is_open"]) == (
            "instance_expires_too_soon",
            FIELD,
            "blocking",
            True,
        )
        assert item["id"] == _finding(blocked).pk and item["resolution"] == "" and item["resolved_by"] is None


def test_applicants_and_anonymous_do_not_see_findings(api, blocked, alice, bob):
    assert api(alice).get(f"{REVIEW}{blocked.code}/findings/").status_code == 403
    assert api(bob).get(f"{REVIEW}{blocked.code}/findings/").status_code == 403
    assert api().get(f"{REVIEW}{blocked.code}/findings/").status_code == 401


def test_approve_is_refused_with_findings_open_then_allowed_with_an_override_note(api, blocked, sam):
    url = f"{REVIEW}{blocked.code}/approve/"
    response = api(sam).post(url, {"note": "ok"}, format="json")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "findings_open" and list(error["fields"]) == [FIELD]
    finding = _finding(blocked)
    body = {"overrides": [{"finding": str(finding.pk), "note": ""}]}
    assert list(error_of(api(sam).post(url, body, format="json"))["fields"]) == ["overrides.0.note"]
    body = {"overrides": [{"finding": str(finding.pk), "note": "Renewed; checked in the console."}]}
    response = api(sam).post(url, body, format="json")
    assert response.status_code == 200, response.json()
    finding.refresh_from_db()
    assert (finding.resolution, finding.resolved_by.username) == ("overridden", "sam")
    payload = blocked.events.filter(transition="approve").get().payload
    assert payload["overrides"][0]["note"] == "Renewed; checked in the console."


def test_the_holder_resolves_a_finding_then_approves(api, blocked, sam):
    finding = _finding(blocked)
    response = api(sam).post(_resolve(blocked, finding), {"note": "Called: renewed."}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["resolution"] == "resolved" and response.json()["is_open"] is False
    assert response.json()["resolved_by"] == "sam"
    assert (
        error_of(api(sam).post(_resolve(blocked, finding), {}, format="json"))["code"] == "finding_resolved"
    )
    assert api(sam).post(f"{REVIEW}{blocked.code}/approve/", {}, format="json").status_code == 200


def test_only_the_holder_resolves_or_overrides(api, blocked, tina, olga, alice):
    finding = _finding(blocked)
    body = {"overrides": [{"finding": str(finding.pk), "note": "n"}]}
    assert api(tina).post(_resolve(blocked, finding), {"note": "n"}, format="json").status_code == 403
    assert api(tina).post(f"{REVIEW}{blocked.code}/approve/", body, format="json").status_code == 403
    assert api(olga).post(_resolve(blocked, finding), {"note": "n"}, format="json").status_code == 403
    assert api(alice).post(_resolve(blocked, finding), {"note": "n"}, format="json").status_code == 403
    assert api().post(_resolve(blocked, finding), {"note": "n"}, format="json").status_code == 401
    assert _finding(blocked).is_open


def test_resolve_refuses_a_finding_of_another_filing_bad_input_and_get(api, blocked, build, sam):
    other = build.to(build.start(), "provider_review")
    foreign = Finding.objects.create(
        filing=other, review_round=1, code="x", field="entity.name", severity="blocking", message="x / x"
    )
    assert api(sam).post(_resolve(blocked, foreign), {}, format="json").status_code == 404
    assert api(sam).post(f"{REVIEW}{blocked.code}/findings/999999/resolve/", {}).status_code == 404
    finding = _finding(blocked)
    assert api(sam).post(_resolve(blocked, finding), {"note": "x" * 1001}, format="json").status_code == 400
    assert api(sam).get(_resolve(blocked, finding)).status_code == 405
    assert _finding(blocked).is_open

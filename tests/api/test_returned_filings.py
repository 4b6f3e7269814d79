"""A returned filing over the API: its open reasons with their ids, resubmission with explanations, and the
findings the reviewer sees (advisories included)."""

from __future__ import annotations

import pytest

from filings import services
from reviews import services as review_services

pytestmark = pytest.mark.django_db


def _url(filing, suffix: str = "") -> str:
    return f"/api/v1/filings/{filing.code}/{suffix}"


def test_returned_filing_shows_its_open_reasons_and_resubmits(api, alice, sam, drive, build):
    filing = drive(build.start(), "provider_review")
    client = api(sam)
    client.post(f"/api/v1/review/filings/{filing.code}/claim/")
    reasons = [{"code": "address_incomplete", "field": "entity.mailing_address"}]
    response = client.post(
        f"/api/v1/review/filings/{filing.code}/reject/",
        {"reasons": reasons, "message": "请补全"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    detail = api(alice).get(_url(filing)).json()
    assert detail["state"] == "provider_rejected"
    # The catalogue's words are kept with the reason (Chinese / English), so the applicant reads them.
    message = "通讯地址不详细或与证件住所不在同一城市 / The mailing address is incomplete or in another city"
    assert detail["reasons"] == [{"id": "0", **reasons[0], "message": message}]
    assert detail["events"][-1]["message"] == "请补全"
    assert set(detail["available_transitions"]) == {"resubmit", "withdraw"}
    # Returned: edited in place, then resubmitted.
    response = api(alice).patch(
        _url(filing), {"entity": {"mailing_address": "北京市示例路2号101室"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "provider_rejected"
    response = api(alice).post(
        _url(filing, "transitions/resubmit/"), {"explanation": "补全了地址"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "provider_review"
    assert response.json()["review_round"] == 2


def test_resubmit_explanations_through_the_api(api, alice, sam, build):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    reasons = [{"code": "address_incomplete", "field": "entity.mailing_address"}]
    filing = review_services.review_reject(filing=filing, by=sam, reasons=reasons)
    url = f"/api/v1/filings/{filing.code}/transitions/resubmit/"
    detail = api(alice).get(f"/api/v1/filings/{filing.code}/").json()
    assert [reason["id"] for reason in detail["reasons"]] == ["0"]
    refused = api(alice).post(url, {}, format="json")
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"entity.mailing_address"}
    wrong = api(alice).post(url, {"explanations": {"3": "无"}}, format="json")
    assert (wrong.status_code, list(wrong.json()["error"]["fields"])) == (400, ["explanations.3"])
    answered = api(alice).post(url, {"explanations": {"0": "地址无误"}}, format="json")
    assert answered.status_code == 200, answered.json()
    assert answered.json()["state"] == "provider_review"


def test_the_reviewer_sees_the_advisory_among_the_findings_and_the_applicant_does_not(api, build, alice, sam):
    filing = build.to(build.start(region="CN-BJ"), "information")
    info = build.information(filing)
    info["entity_head"]["mobile"] = "19912345678"
    services.filing_save_information(filing=filing, by=alice, **info)
    filing = build.to(services.filing_enter_information(filing=filing, by=alice), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    findings = api(sam).get(f"/api/v1/filings/{filing.code}/").json()["findings"]
    assert {"code": "mobile_home_unknown", "severity": "advisory", "field": "entity.head.mobile"} in [
        {key: item[key] for key in ("code", "severity", "field")} for item in findings
    ]
    assert "19912345678" not in str(findings)
    assert api(alice).get(f"/api/v1/filings/{filing.code}/").json()["findings"] == []


def test_an_operators_intervention_is_not_in_the_filings_history(api, alice, sam, olga, drive, build):
    from filings.services.operator import filing_release_claim

    filing = drive(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    filing_release_claim(filing=filing, by=olga, reason="sam is on leave")
    assert filing.events.filter(kind="intervention").count() == 1

    events = api(alice).get(_url(filing)).json()["events"]
    assert events and all(event["to_state"] for event in events)
    assert events[-1]["to_state"] == "provider_review"

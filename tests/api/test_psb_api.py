"""``POST /api/v1/filings/{id}/psb/``: each website's PSB number, by the applicant once approved (issue 13)."""

from __future__ import annotations

import pytest

from tests.api.conftest import error_of
from tests.filings.test_reminders import approve

pytestmark = pytest.mark.django_db

GOOD = "京公网安备11010102000001号"


def _url(filing) -> str:
    return f"/api/v1/filings/{filing.code}/psb/"


def test_the_applicant_records_the_numbers(api, alice, build):
    filing = approve(build, build.start(domains=["api-psb.cn"]))
    answer = api(alice).post(_url(filing), {"websites": [{"psb_number": GOOD}]}, format="json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["websites"][0]["psb_number"] == GOOD


def test_a_wrong_number_names_its_field(api, alice, build):
    filing = approve(build, build.start(domains=["api-psb-bad.cn"]))
    answer = api(alice).post(_url(filing), {"websites": [{"psb_number": "京公网安备1号"}]}, format="json")
    assert answer.status_code == 400
    assert list(error_of(answer)["fields"]) == ["websites.0.psb_number"]


def test_before_the_approval_409_and_another_applicant_404(api, alice, bob, build):
    draft = build.start(domains=["api-psb-draft.cn"])
    assert (
        api(alice).post(_url(draft), {"websites": [{"psb_number": GOOD}]}, format="json").status_code == 409
    )
    assert api(bob).post(_url(draft), {"websites": [{"psb_number": GOOD}]}, format="json").status_code == 404

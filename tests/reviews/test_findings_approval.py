"""Approval against the automated findings (service): refused while a blocking finding is open, allowed with an
override note (the rows marked, the event keeping it) or after the holder resolved it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from instances.models import Instance
from reviews import services as review_services
from reviews.assignment import review_approve_with_overrides, review_resolve_finding
from reviews.findings import findings_compute
from reviews.models import Finding

pytestmark = pytest.mark.django_db
FIELD = "websites.0.service_number"


@pytest.fixture
def blocked(build, sam):
    """A filing held by sam whose instance ran down since submit (one blocking finding)."""
    filing = build.to(build.start(), "provider_review")
    instance = filing.filing_websites.get().service_number.instance
    Instance.objects.filter(pk=instance.pk).update(expires_at=timezone.now() + dt.timedelta(days=10))
    findings_compute(filing_id=filing.pk, review_round=filing.review_round)
    return review_services.review_claim(filing=filing, by=sam)


def finding_of(filing) -> Finding:
    return Finding.objects.get(filing=filing, field=FIELD)


def test_approve_is_refused_naming_each_open_blocking_finding(blocked, sam):
    for approve in (review_services.review_approve, review_approve_with_overrides):
        with pytest.raises(ApplicationError) as refused:
            approve(filing=blocked, by=sam)
        assert refused.value.code == "findings_open"
        assert list(refused.value.fields) == [FIELD]
        assert "renew it first" in refused.value.fields[FIELD][0]
    blocked.refresh_from_db()
    assert blocked.state == "provider_review" and finding_of(blocked).is_open


def test_an_override_with_a_note_approves_and_marks_the_row(blocked, sam):
    finding = finding_of(blocked)
    overrides = [{"finding": str(finding.pk), "note": "  Renewed today, seen in the console. "}]
    approved = review_approve_with_overrides(filing=blocked, by=sam, note="fine", overrides=overrides)
    assert approved.state != "provider_review"
    finding.refresh_from_db()
    assert (finding.resolution, finding.resolved_by, finding.note) == (
        "overridden",
        sam,
        "Renewed today, seen in the console.",
    )
    assert not finding.is_open and finding.resolved_at is not None
    event = blocked.events.filter(transition="approve").get()
    assert event.payload["overrides"] == [
        {"finding": str(finding.pk), "code": finding.code, "field": FIELD, "note": finding.note}
    ]


def test_an_override_needs_a_note_and_a_finding_of_this_round(blocked, sam, build):
    other = build.to(build.start(), "provider_review")
    Finding.objects.create(
        filing=other, review_round=1, code="x", field="entity.name", severity="blocking", message="x / x"
    )
    elsewhere = Finding.objects.get(filing=other)
    overrides = [
        {"finding": str(finding_of(blocked).pk), "note": " "},
        {"finding": str(elsewhere.pk), "note": "n"},
    ]
    with pytest.raises(ApplicationError) as refused:
        review_approve_with_overrides(filing=blocked, by=sam, overrides=overrides)
    assert set(refused.value.fields) == {"overrides.0.note", "overrides.1.finding"}
    assert finding_of(blocked).is_open


def test_a_finding_resolved_by_the_holder_no_longer_stands_in_the_way(blocked, sam):
    finding = review_resolve_finding(finding=finding_of(blocked), by=sam, note="Called: renewed.")
    assert (finding.resolution, finding.resolved_by, finding.note) == ("resolved", sam, "Called: renewed.")
    with pytest.raises(TransitionConflict):
        review_resolve_finding(finding=finding, by=sam)
    with pytest.raises(ApplicationError) as refused:  # a resolved finding is not overridden again
        review_approve_with_overrides(
            filing=blocked, by=sam, overrides=[{"finding": str(finding.pk), "note": "n"}]
        )
    assert list(refused.value.fields) == ["overrides.0.finding"]
    assert review_services.review_approve(filing=blocked, by=sam).state != "provider_review"


def test_only_the_holder_resolves_or_overrides(blocked, sam, tina, alice, olga):
    finding = finding_of(blocked)
    for user in (tina, alice, olga):
        with pytest.raises(NotPermitted):
            review_resolve_finding(finding=finding, by=user, note="n")
        with pytest.raises(NotPermitted):
            review_approve_with_overrides(
                filing=blocked, by=user, overrides=[{"finding": str(finding.pk), "note": "n"}]
            )
    assert finding_of(blocked).is_open


def test_a_finding_of_an_earlier_round_cannot_be_resolved(blocked, sam):
    finding = finding_of(blocked)
    Finding.objects.filter(pk=finding.pk).update(review_round=0)
    finding.refresh_from_db()
    with pytest.raises(TransitionConflict):
        review_resolve_finding(finding=finding, by=sam)


def test_advisory_findings_do_not_stop_approval(build, sam):
    filing = build.to(build.start(), "provider_review")
    Finding.objects.create(
        filing=filing, review_round=filing.review_round, code="blurry", field="materials.id_front",
        severity="advisory", message="模糊 / Blurry",
    )  # fmt: skip
    review_services.review_claim(filing=filing, by=sam)
    assert review_services.review_approve(filing=filing, by=sam).state != "provider_review"


def test_approving_before_the_job_ran_computes_the_rounds_findings_first(build, sam):
    from reviews.models import FindingRun

    filing = build.to(build.start(), "provider_review")
    filing = review_services.review_claim(filing=filing, by=sam)
    assert not FindingRun.objects.filter(filing=filing).exists()  # no worker ran the job here
    review_services.review_approve(filing=filing, by=sam)
    assert FindingRun.objects.filter(filing=filing, review_round=filing.review_round).exists()


def test_a_problem_found_only_at_approval_still_stops_it(build, sam):
    filing = build.to(build.start(), "provider_review")
    instance = filing.filing_websites.get().service_number.instance
    Instance.objects.filter(pk=instance.pk).update(expires_at=timezone.now() + dt.timedelta(days=10))
    filing = review_services.review_claim(filing=filing, by=sam)  # the job never ran
    with pytest.raises(ApplicationError) as refused:
        review_services.review_approve(filing=filing, by=sam)
    assert refused.value.code == "findings_open" and FIELD in refused.value.fields
    filing.refresh_from_db()
    assert filing.state == "provider_review"

"""The findings job: dispatched when a filing enters provider review (submit, resubmit), computed once per
round, quiet when the filing moved on."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from common.errors import ApplicationError
from filings import services
from filings.models import Filing
from instances.models import Instance
from materials.models import Material
from reviews import services as review_services
from reviews.findings import findings_compute
from reviews.models import Finding, FindingRun
from reviews.tasks import review_findings_task
from tests.conftest import wait_until

pytestmark = pytest.mark.django_db
SENT = "reviews.tasks.review_findings_task.delay_on_commit"


def _run_down_instance(filing: Filing) -> None:
    instance = filing.filing_websites.get().service_number.instance
    Instance.objects.filter(pk=instance.pk).update(expires_at=timezone.now() + dt.timedelta(days=10))


@pytest.fixture
def in_review(build):
    return build.to(build.start(), "provider_review")


def test_running_the_job_twice_for_one_round_writes_once(in_review):
    _run_down_instance(in_review)
    review_findings_task(in_review.pk, in_review.review_round)
    review_findings_task(in_review.pk, in_review.review_round)
    assert findings_compute(filing_id=in_review.pk, review_round=in_review.review_round) is None
    assert Finding.objects.filter(filing=in_review).count() == 1
    assert FindingRun.objects.filter(filing=in_review).count() == 1


def test_a_clean_round_is_marked_done_with_no_row(in_review):
    review_findings_task(in_review.pk, in_review.review_round)
    assert FindingRun.objects.filter(filing=in_review, review_round=1).exists()
    assert not Finding.objects.filter(filing=in_review).exists()


def test_the_job_is_quiet_for_another_round_another_state_or_a_missing_filing(in_review, build, sam):
    _run_down_instance(in_review)
    assert findings_compute(filing_id=in_review.pk, review_round=2) is None
    assert findings_compute(filing_id=0, review_round=1) is None
    review_services.review_claim(filing=in_review, by=sam)
    review_services.review_reject(
        filing=in_review, by=sam, reasons=[{"code": "address_incomplete", "field": "entity.mailing_address"}]
    )
    review_findings_task(in_review.pk, 1)
    assert not FindingRun.objects.exists() and not Finding.objects.exists()


def test_submit_and_resubmit_dispatch_the_job_for_the_new_round(build, alice, sam):
    filing = build.to(build.start(), "self_check")
    with mock.patch(SENT) as sent:
        services.filing_submit(filing=filing, by=alice)
    sent.assert_called_once_with(filing.pk, 1)
    review_services.review_claim(filing=filing, by=sam)
    with mock.patch(SENT) as sent:
        review_services.review_reject(
            filing=filing, by=sam, reasons=[{"code": "address_incomplete", "field": "entity.mailing_address"}]
        )
        sent.assert_not_called()
        services.filing_resubmit(filing=filing, by=alice, explanations={"0": "地址已精确到门牌号"})
    sent.assert_called_once_with(filing.pk, 2)


def test_a_refused_submit_sends_nothing(build, alice, django_capture_on_commit_callbacks):
    filing = build.to(build.start(), "self_check")
    _run_down_instance(filing)  # the submit refuses it: no round starts, nothing is sent
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ApplicationError):
        services.filing_submit(filing=filing, by=alice)
    assert callbacks == []


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_the_findings_of_a_submitted_filing(celery_worker, build, alice):
    filing = build.to(build.start(), "self_check")
    material = Material.objects.filter(filing=filing, status="accepted", website__isnull=True).first()
    Material.objects.filter(pk=material.pk).update(
        findings=[{"code": "blurry", "severity": "advisory", "message": "模糊 / Blurry"}]
    )
    services.filing_submit(filing=filing, by=alice)
    wait_until(lambda: FindingRun.objects.filter(filing=filing, review_round=1).exists())
    (row,) = Finding.objects.filter(filing=filing, review_round=1)
    assert (row.code, row.field, row.severity) == ("blurry", f"materials.{material.kind}", "advisory")

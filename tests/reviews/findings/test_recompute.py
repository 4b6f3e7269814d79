"""An operator's "re-run the findings": the round's checks again, open findings replaced, the specialist's
resolved ones kept, nothing done once the filing has left the round."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from filings.models import Filing
from instances.models import Instance
from reviews.findings import findings_recompute
from reviews.models import Finding, FindingRun
from reviews.tasks import review_findings_recompute_task, review_findings_task

pytestmark = pytest.mark.django_db


def _instance_of(filing: Filing) -> Instance:
    return filing.filing_websites.get().service_number.instance


@pytest.fixture
def in_review(build):
    return build.to(build.start(), "provider_review")


def test_a_finding_that_no_longer_holds_goes_and_a_new_one_comes(in_review):
    instance = _instance_of(in_review)
    Instance.objects.filter(pk=instance.pk).update(expires_at=timezone.now() + dt.timedelta(days=10))
    review_findings_task(in_review.pk, in_review.review_round)
    assert Finding.objects.filter(filing=in_review).count() == 1

    # The instance was renewed: the first run's finding is stale, and the first job will not run again.
    Instance.objects.filter(pk=instance.pk).update(expires_at=timezone.now() + dt.timedelta(days=400))
    review_findings_task(in_review.pk, in_review.review_round)
    assert Finding.objects.filter(filing=in_review).count() == 1

    review_findings_recompute_task(in_review.pk, in_review.review_round)
    assert not Finding.objects.filter(filing=in_review).exists()
    assert FindingRun.objects.filter(filing=in_review, review_round=in_review.review_round).count() == 1


def test_a_resolved_finding_is_kept_as_the_specialist_left_it(in_review, sam):
    instance = _instance_of(in_review)
    Instance.objects.filter(pk=instance.pk).update(expires_at=timezone.now() + dt.timedelta(days=10))
    review_findings_task(in_review.pk, in_review.review_round)
    finding = Finding.objects.get(filing=in_review)
    Finding.objects.filter(pk=finding.pk).update(
        resolved_by=sam, resolved_at=timezone.now(), resolution="overridden", note="renewal ordered"
    )

    findings_recompute(filing_id=in_review.pk, review_round=in_review.review_round)

    kept = Finding.objects.get(filing=in_review)
    assert kept.pk == finding.pk and kept.note == "renewal ordered"


def test_nothing_happens_for_another_round_or_a_missing_filing(in_review):
    assert findings_recompute(filing_id=in_review.pk, review_round=in_review.review_round + 1) is None
    assert findings_recompute(filing_id=0, review_round=1) is None
    assert not FindingRun.objects.filter(filing=in_review).exists()

"""Handing a filing to MIIT is idempotent: twice, or redelivered, is one MIIT submission."""

from __future__ import annotations

import pytest

from filings import services
from filings.models import Filing
from filings.tasks import filing_hand_to_miit_task, miit_handover_sweep_task
from gateways.miit import miit_gateway
from reviews import services as review_services
from simulators.models import MiitSubmission
from tests.conftest import wait_until


def _approved_by_provider(build, sam) -> Filing:
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    return review_services.review_approve(filing=filing, by=sam)


@pytest.mark.django_db
def test_running_the_handover_twice_creates_one_submission(build, sam):
    filing = _approved_by_provider(build, sam)
    assert filing.state == "miit_submission"
    services.filing_hand_to_miit(filing_id=filing.pk)
    assert services.filing_hand_to_miit(filing_id=filing.pk) is None  # already handed: nothing to do
    assert MiitSubmission.objects.count() == 1
    assert Filing.objects.get(pk=filing.pk).events.filter(transition="hand_to_miit").count() == 1


@pytest.mark.django_db
def test_a_redelivery_after_the_submission_but_before_the_transition_reuses_it(build, sam):
    """The worker died after MIIT accepted but before the state changed: the next run finds the same one."""
    filing = _approved_by_provider(build, sam)
    first = miit_gateway().submit(services.submission_for(filing))
    filing = services.filing_hand_to_miit(filing_id=filing.pk)
    assert filing.miit_reference == first.reference
    assert MiitSubmission.objects.count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_job_dispatched_twice_through_the_worker_submits_once(celery_worker, build, sam):
    filing = _approved_by_provider(build, sam)  # the commit dispatches the job once
    filing_hand_to_miit_task.delay(filing.pk)  # and a redelivery / duplicate
    miit_handover_sweep_task.delay()
    wait_until(lambda: Filing.objects.get(pk=filing.pk).state == "approved")
    assert MiitSubmission.objects.count() == 1
    assert Filing.objects.get(pk=filing.pk).events.filter(transition="hand_to_miit").count() == 1


@pytest.mark.django_db
def test_a_concurrent_run_that_finishes_first_leaves_nothing_to_do(build, sam, monkeypatch):
    """Two runs both reach MIIT (same submission); the one that records second finds the work done."""
    from simulators.miit import SimulatedMiitGateway

    filing = _approved_by_provider(build, sam)
    real_submit = SimulatedMiitGateway.submit
    calls = []

    def submit_while_another_run_finishes(self, submission):
        receipt = real_submit(self, submission)
        if not calls:
            calls.append(1)
            assert services.filing_hand_to_miit(filing_id=filing.pk).state == "miit_review"
        return receipt

    monkeypatch.setattr(SimulatedMiitGateway, "submit", submit_while_another_run_finishes)
    assert services.filing_hand_to_miit(filing_id=filing.pk) is None
    assert MiitSubmission.objects.count() == 1
    assert Filing.objects.get(pk=filing.pk).events.filter(transition="hand_to_miit").count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_transient_miit_error_is_retried_with_backoff_and_submits_once(
    celery_worker, build, sam, monkeypatch
):
    from gateways.miit import MiitUnavailable
    from simulators.miit import SimulatedMiitGateway

    real_submit = SimulatedMiitGateway.submit
    failures = []

    def flaky_submit(self, submission):
        if not failures:
            failures.append(1)
            raise MiitUnavailable("MIIT timed out")
        return real_submit(self, submission)

    monkeypatch.setattr(SimulatedMiitGateway, "submit", flaky_submit)
    filing = _approved_by_provider(build, sam)
    wait_until(lambda: Filing.objects.get(pk=filing.pk).state == "approved", timeout=60)
    assert failures == [1]
    assert MiitSubmission.objects.count() == 1

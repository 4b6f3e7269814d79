"""The reviews app's jobs: thin callers of its services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from common.errors import ServiceUnavailable
from common.jobs import dispatch, retried_task
from reviews.claims import BATCH, review_claims_expire, review_escalate_overdue
from reviews.findings import findings_compute, findings_missing, findings_recompute
from reviews.notices import due_today_notices


@retried_task(ServiceUnavailable)
def review_findings_task(filing_id: int, review_round: int) -> None:
    """The automated findings of a review round; the registrar and MIIT being away is retried."""
    findings_compute(filing_id=filing_id, review_round=review_round)


@retried_task(ServiceUnavailable)
def review_findings_recompute_task(filing_id: int, review_round: int) -> None:
    """An operator's "re-run the findings": the round's checks again, unresolved findings replaced."""
    findings_recompute(filing_id=filing_id, review_round=review_round)


@shared_task(acks_late=True)
def review_findings_sweep_task() -> None:
    """The findings jobs whose dispatch never reached the broker, sent again (a bounded batch a run)."""
    for filing_id, review_round in findings_missing():
        dispatch("reviews.tasks.review_findings_task", filing_id, review_round)


# --- Claims and deadlines (periodic: icp_portal/celery.py) ---------------------------------------------------
@shared_task(acks_late=True)
def review_claims_expire_task() -> None:
    """Claims unused for ``REVIEW_CLAIM_TIMEOUT_MINUTES`` go back to the queue (a bounded batch a run)."""
    review_claims_expire()


@shared_task(acks_late=True)
def review_overdue_escalate_task() -> None:
    """Filings past their provider-review day are flagged for the operators (and told to them and the
    holder), once a round; the holders of filings due today are told so, once a day."""
    review_escalate_overdue()
    due_today_notices(today=timezone.localdate(), limit=BATCH)

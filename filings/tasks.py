"""The filing's background jobs. Each takes ids, re-reads, checks the state and returns quietly when its work
is already done, so a retry or a redelivery has the effect of one run."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from common.errors import ApplicationError
from common.jobs import retried_task
from filings.models import Filing
from filings.reminders import idle_filing_sweep, psb_reminders, sms_expiring_reminders
from filings.services import (
    filing_expire_sms,
    filing_hand_to_miit,
    filing_record_miit_outcome,
)
from filings.states import FilingState
from gateways.miit import MiitUnavailable

S = FilingState
BATCH = 200


# A filing waiting this long in miit_submission lost its dispatch (the broker was down at commit).
HANDOVER_GRACE = dt.timedelta(seconds=60)


@retried_task(MiitUnavailable)
def filing_hand_to_miit_task(filing_id: int) -> None:
    filing_hand_to_miit(filing_id=filing_id)


@retried_task(MiitUnavailable)
def filing_miit_outcome_task(filing_id: int) -> None:
    filing_record_miit_outcome(filing_id=filing_id)


def miit_outcome_received(reference: str) -> None:
    """MIIT's callback (the simulator calls it through ``settings.MIIT_OUTCOME_CALLBACK``; a real deployment
    from its HTTP endpoint): record the outcome in a job."""
    filing_id = Filing.objects.filter(miit_reference=reference).values_list("pk", flat=True).first()
    if filing_id is not None:
        filing_miit_outcome_task.delay_on_commit(filing_id)


@shared_task(acks_late=True)
def miit_outcome_poll_task() -> None:
    """The safety net for a lost callback: ask MIIT about the filings under review, oldest first."""
    pending = Filing.objects.filter(state=S.MIIT_REVIEW).order_by("updated_at").values_list("pk", flat=True)
    for filing_id in pending[:BATCH]:
        filing_record_miit_outcome(filing_id=filing_id)


@shared_task(acks_late=True)
def miit_handover_sweep_task() -> None:
    """Dispatch the hand-over again for filings whose first dispatch never reached the broker."""
    stale = Filing.objects.filter(state=S.MIIT_SUBMISSION, updated_at__lt=timezone.now() - HANDOVER_GRACE)
    for filing_id in stale.values_list("pk", flat=True)[:BATCH]:
        filing_hand_to_miit_task.delay(filing_id)


@shared_task(acks_late=True)
def sms_expiry_sweep_task() -> None:
    """Return the filings whose SMS codes are 24 hours old (``expire_sms``)."""
    due = Filing.objects.filter(state=S.SMS_VERIFICATION, sms_expires_at__lte=timezone.now())
    for filing in due[:BATCH]:
        try:
            filing_expire_sms(filing=filing, cause="timeout")
        except ApplicationError:  # verified or expired by someone else meanwhile: nothing left to do
            continue


def miit_outcome_poll_now() -> int:
    """``settings.MIIT_OUTCOME_POLL``: the simulated MIIT's "run the outcome job now" runs the poll at once; the
    filings still in MIIT review afterwards, counted."""
    miit_outcome_poll_task()
    return Filing.objects.filter(state=S.MIIT_REVIEW).count()


@shared_task(acks_late=True)
def sms_expiring_reminder_task() -> None:
    """Remind the people whose SMS codes expire within 4 hours (once per round of codes)."""
    sms_expiring_reminders()


@shared_task(acks_late=True)
def idle_filing_sweep_task() -> None:
    """Idle applicant steps: reminders at 7, 15 and 30 days; withdrawn by the system at 45."""
    idle_filing_sweep()


@shared_task(acks_late=True)
def psb_reminder_task() -> None:
    """The PSB duty: reminders 7, 20 and 28 days after the approval until every PSB number is recorded."""
    psb_reminders()

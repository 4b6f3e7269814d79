"""The filing's background jobs. Each takes ids, re-reads, checks the state and returns quietly when its work
is already done, so a retry or a redelivery has the effect of one run."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from filings.material_models import (
    FaceVerification,
    FaceVerificationStatus,
    Material,
    MaterialStatus,
    StorageUnavailable,
)
from filings.models import Filing
from filings.states import FilingState
from gateways.liveness import LivenessUnavailable
from gateways.miit import MiitUnavailable

S = FilingState
BATCH = 200


def retried_task(*transient: type[Exception], max_retries: int = 10, backoff_max: int = 600):
    """A job that calls an outside system: acknowledged late, retried with backoff only for that system's
    transient errors (anything else is a bug or a refusal, and retrying would not help)."""
    return shared_task(
        acks_late=True,
        autoretry_for=transient,
        retry_backoff=2,
        retry_backoff_max=backoff_max,
        retry_jitter=True,
        max_retries=max_retries,
    )


# A filing waiting this long in miit_submission lost its dispatch (the broker was down at commit).
HANDOVER_GRACE = dt.timedelta(seconds=60)


@retried_task(MiitUnavailable)
def filing_hand_to_miit_task(filing_id: int) -> None:
    from filings.services import filing_hand_to_miit

    filing_hand_to_miit(filing_id=filing_id)


@retried_task(MiitUnavailable)
def filing_miit_outcome_task(filing_id: int) -> None:
    from filings.services import filing_record_miit_outcome

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
    from filings.services import filing_record_miit_outcome

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
    from common.errors import ApplicationError
    from filings.services import filing_expire_sms

    due = Filing.objects.filter(state=S.SMS_VERIFICATION, sms_expires_at__lte=timezone.now())
    for filing in due[:BATCH]:
        try:
            filing_expire_sms(filing=filing, cause="timeout")
        except ApplicationError:  # verified or expired by someone else meanwhile: nothing left to do
            continue


# --- Materials and face verification (step 4) ------------------------------------------------------------
# An upload still processing after this long lost its dispatch (or its worker): send it again, a few times.
MATERIAL_PROCESSING_GRACE = dt.timedelta(minutes=2)
MAX_PROCESSING_ATTEMPTS = 5
FACE_RESULT_GRACE = dt.timedelta(seconds=30)


@retried_task(StorageUnavailable, max_retries=5, backoff_max=300)
def material_process_task(material_id: int) -> None:
    from filings.material_services import material_process

    material_process(material_id=material_id)


@retried_task(LivenessUnavailable, backoff_max=300)
def face_verification_result_task(verification_id: int) -> None:
    from filings.material_services import face_verification_record_result

    face_verification_record_result(verification_id=verification_id)


@shared_task(acks_late=True)
def material_processing_sweep_task() -> None:
    """Dispatch processing again for uploads stuck in ``processing`` (a lost message, a killed worker); after
    ``MAX_PROCESSING_ATTEMPTS`` runs they are left to the operators (admin: filter by status, retry)."""
    stuck = Material.objects.filter(
        status=MaterialStatus.PROCESSING,
        created_at__lt=timezone.now() - MATERIAL_PROCESSING_GRACE,
        attempts__lt=MAX_PROCESSING_ATTEMPTS,
    ).order_by("created_at")
    for material_id in stuck.values_list("pk", flat=True)[:BATCH]:
        material_process_task.delay(material_id)


@shared_task(acks_late=True)
def face_verification_poll_task() -> None:
    """Ask again about checks whose selfie went to the provider but whose result was never recorded."""
    waiting = FaceVerification.objects.filter(
        status=FaceVerificationStatus.PENDING,
        selfie_submitted_at__lt=timezone.now() - FACE_RESULT_GRACE,
    ).order_by("selfie_submitted_at")
    for verification_id in waiting.values_list("pk", flat=True)[:BATCH]:
        face_verification_result_task.delay(verification_id)

"""Step 4's jobs: processing an upload, reading a face check's result, and the sweeps that re-dispatch
work whose first dispatch was lost. Each takes ids, re-reads and returns quietly when its work is done."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from common.jobs import retried_task
from gateways.liveness import LivenessUnavailable
from gateways.ocr import OcrUnavailable
from materials.models import (
    FaceVerification,
    FaceVerificationStatus,
    Material,
    MaterialStatus,
    StorageUnavailable,
)
from materials.recognition.services import recognition_run, recognitions_to_sweep
from materials.services import face_verification_record_result, material_process

BATCH = 200


# --- Materials and face verification (step 4) ------------------------------------------------------------
# An upload still processing after this long lost its dispatch (or its worker): send it again, a few times.
MATERIAL_PROCESSING_GRACE = dt.timedelta(minutes=2)
MAX_PROCESSING_ATTEMPTS = 5
FACE_RESULT_GRACE = dt.timedelta(seconds=30)


@retried_task(StorageUnavailable, max_retries=5, backoff_max=300)
def material_process_task(material_id: int) -> None:
    material_process(material_id=material_id)


@retried_task(LivenessUnavailable, backoff_max=300)
def face_verification_result_task(verification_id: int) -> None:
    face_verification_record_result(verification_id=verification_id)


@retried_task(OcrUnavailable, StorageUnavailable, max_retries=5, backoff_max=300)
def certificate_recognition_task(recognition_id: int) -> None:
    """On the ``ocr`` queue (settings route it): the only worker that loads the OCR model."""
    recognition_run(recognition_id=recognition_id)


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
def certificate_recognition_sweep_task() -> None:
    """Send again the recognitions whose job was lost; delete the step-1 photos no filing ever took."""
    stuck, _deleted = recognitions_to_sweep()
    for recognition_id in stuck:
        certificate_recognition_task.delay(recognition_id)


@shared_task(acks_late=True)
def face_verification_poll_task() -> None:
    """Ask again about checks whose selfie went to the provider but whose result was never recorded."""
    waiting = FaceVerification.objects.filter(
        status=FaceVerificationStatus.PENDING,
        selfie_submitted_at__lt=timezone.now() - FACE_RESULT_GRACE,
    ).order_by("selfie_submitted_at")
    for verification_id in waiting.values_list("pk", flat=True)[:BATCH]:
        face_verification_result_task.delay(verification_id)

"""Face verification of the websites' people in charge: start, selfie, result (the job's body)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from common.errors import ApplicationError, TransitionConflict
from common.jobs import dispatch_on_commit
from entities.models import Person
from gateways.liveness import (
    LivenessCheckClosed,
    LivenessStatus,
    LivenessUnavailable,
    UnknownLivenessCheck,
    liveness_gateway,
)
from materials.models import FaceVerification, FaceVerificationStatus
from materials.pipeline import check_file_size  # the selfie is held to the upload size rule
from materials.requirements import face_verification_people
from materials.services.editing import ProviderUnavailable, filing_rules


# --- Face verification ----------------------------------------------------------------------------------
def face_verification_start(*, filing: Any, by: Any, person: Person) -> FaceVerification:
    """Open a liveness check for one website's person in charge. A person who already passed for this
    filing is not asked again: the passed check is returned."""
    filing_rules().require_owner(filing, by)
    filing_rules().require_editable(filing)
    if person.pk not in {p.pk for p in face_verification_people(filing)}:
        message = (
            f"{person.name}不是本备案网站的负责人，无需人脸核验。 / {person.name} is not a website's person in "
            "charge in this filing: no face verification is needed."
        )
        raise ApplicationError(message, code="face_person_not_required", fields={"materials.face": [message]})
    latest = FaceVerification.objects.filter(filing=filing, person=person).order_by("created_at", "id").last()
    if latest is not None and latest.status == FaceVerificationStatus.PASSED:
        return latest
    try:
        reference = liveness_gateway().start_check(
            person_reference=str(person.code), name=person.name, certificate_number=person.certificate_number
        )
    except LivenessUnavailable as error:
        raise _provider_unavailable() from error
    with transaction.atomic():
        locked = type(filing).objects.select_for_update().get(pk=filing.pk)
        filing_rules().require_editable(locked)
        verification = FaceVerification.objects.create(
            filing=locked, person=person, gateway_reference=reference, started_by=by
        )
        filing_rules().reopen(locked, by=by)
    filing.refresh_from_db(fields=["state"])
    return verification


def face_verification_submit_selfie(
    *, verification: FaceVerification, by: Any, image: bytes
) -> FaceVerification:
    """Hand the selfie to the provider (and nowhere else), then read the result in a job."""
    filing_rules().require_owner(verification.filing, by)
    filing_rules().require_editable(verification.filing)
    if verification.status != FaceVerificationStatus.PENDING or verification.selfie_submitted_at is not None:
        raise TransitionConflict(
            "这次人脸核验已提交过自拍，请重新开始核验。 / A selfie was already sent for this check; start a new "
            "face verification.",
            code="face_check_closed",
        )
    if not image:
        message = "自拍照片为空。 / The selfie is empty."
        raise ApplicationError(message, code="empty", fields={"selfie": [message]})
    check_file_size(image)
    try:
        liveness_gateway().submit_selfie(reference=verification.gateway_reference, image=image)
    except (LivenessCheckClosed, UnknownLivenessCheck) as error:
        raise TransitionConflict(
            "服务商已关闭这次核验，请重新开始人脸核验。 / The provider closed this check; start a new face "
            "verification.",
            code="face_check_closed",
        ) from error
    except LivenessUnavailable as error:
        raise _provider_unavailable() from error
    with transaction.atomic():
        FaceVerification.objects.filter(pk=verification.pk, selfie_submitted_at=None).update(
            selfie_submitted_at=timezone.now()
        )
        _dispatch_face_result(verification)
    verification.refresh_from_db()
    return verification


def face_verification_record_result(*, verification_id: int) -> FaceVerification | None:
    """Ask the provider for a pending check's outcome and keep it (idempotent: a decided check is left alone).

    ``LivenessUnavailable`` propagates: the job retries it.
    """
    verification = FaceVerification.objects.filter(pk=verification_id).first()
    if verification is None or verification.status != FaceVerificationStatus.PENDING:
        return verification
    try:
        result = liveness_gateway().result(verification.gateway_reference)
        status, reason = result.status, result.reason
    except UnknownLivenessCheck:
        status = LivenessStatus.FAILED
        reason = "服务商没有这次核验的记录，请重新核验 The provider has no record of this check; start again"
    if status == LivenessStatus.PENDING:
        return verification
    FaceVerification.objects.filter(pk=verification.pk, status=FaceVerificationStatus.PENDING).update(
        status=FaceVerificationStatus(status.value), reason=reason, decided_at=timezone.now()
    )
    verification.refresh_from_db()
    return verification


def _dispatch_face_result(verification: FaceVerification) -> None:
    dispatch_on_commit("materials.tasks.face_verification_result_task", verification.pk)


def _provider_unavailable() -> ProviderUnavailable:
    return ProviderUnavailable(
        "人脸核验服务暂时不可用，请稍后再试。 / The face verification service is unavailable; try again shortly.",
        code="face_provider_unavailable",
    )

"""The simulated face-verification provider: a check passes unless an operator staged a failure for it.

A staged ``FaceCheckOutcome`` names a person (the portal's reference) or a certificate and is consumed by
the next selfie of that person, so a failed attempt followed by a new check plays a retry that passes. The
selfie is looked at for its size only and then dropped: nothing of the image is stored.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.identity import identity_hash, mask_identity, normalise_certificate_number
from gateways.liveness import LivenessCheckClosed, LivenessResult, LivenessStatus, UnknownLivenessCheck
from simulators.models import FaceCheck, FaceCheckOutcome, FaceCheckStatus

REASON_NOT_LIVE = "非活体检测未通过 Not a live person"
REASON_FACE_MISMATCH = "人脸与证件照片不一致 The face does not match the certificate photo"


def certificate_hash(number: str) -> str:
    return identity_hash(number, scope="liveness-certificate")


class SimulatedLivenessGateway:
    """Implements ``gateways.liveness.LivenessGateway`` against ``FaceCheck`` rows."""

    def start_check(self, *, person_reference: str, name: str, certificate_number: str) -> str:
        if not person_reference or not normalise_certificate_number(certificate_number):
            raise ValueError("a face check needs the person's reference and certificate number")
        check = FaceCheck.objects.create(
            reference=f"FACE-{uuid.uuid4().hex[:16].upper()}",
            person_reference=person_reference,
            certificate_hash=certificate_hash(certificate_number),
            certificate_masked=mask_identity(normalise_certificate_number(certificate_number)),
        )
        return check.reference

    def submit_selfie(self, *, reference: str, image: bytes) -> None:
        """Decide at once: the oldest unconsumed staged outcome for this person or certificate, else a pass."""
        if not image:
            raise ValueError("the selfie is empty")
        with transaction.atomic():
            check = FaceCheck.objects.select_for_update().filter(reference=reference).first()
            if check is None:
                raise UnknownLivenessCheck(f"no face check {reference!r}")
            if check.status != FaceCheckStatus.PENDING:
                raise LivenessCheckClosed(f"face check {reference} is already {check.status}")
            now = timezone.now()
            outcome = (
                FaceCheckOutcome.objects.select_for_update()
                .filter(consumed_at__isnull=True)
                .filter(
                    Q(person_reference=check.person_reference) | Q(certificate_hash=check.certificate_hash)
                )
                .order_by("created_at", "id")
                .first()
            )
            if outcome is None:
                check.status, check.reason = FaceCheckStatus.PASSED, ""
            else:
                outcome.consumed_at, outcome.consumed_by = now, check
                outcome.save(update_fields=["consumed_at", "consumed_by"])
                check.status, check.reason = FaceCheckStatus.FAILED, outcome.reason
            check.selfie_size = len(image)
            check.decided_at = now
            check.save(update_fields=["status", "reason", "selfie_size", "decided_at"])

    def result(self, reference: str) -> LivenessResult:
        check = FaceCheck.objects.filter(reference=reference).first()
        if check is None:
            raise UnknownLivenessCheck(f"no face check {reference!r}")
        return LivenessResult(status=LivenessStatus(check.status), reason=check.reason)


def set_outcome_certificate(outcome: FaceCheckOutcome, number: str) -> None:
    normalised = normalise_certificate_number(number)
    outcome.certificate_hash = certificate_hash(normalised) if normalised else ""
    outcome.certificate_masked = mask_identity(normalised)


# --- Staging: how the demo, the tests and operators set up the outside world ------------------------------
def stage_face_outcome(
    *, person_reference: str = "", certificate_number: str = "", reason: str = REASON_NOT_LIVE
) -> FaceCheckOutcome:
    """Make the next check of this person (or of anyone with this certificate) fail with ``reason``."""
    if not person_reference and not normalise_certificate_number(certificate_number):
        raise ValueError("stage a face-check outcome for a person reference or a certificate number")
    if not reason:
        raise ValueError("a staged failure needs its reason")
    outcome = FaceCheckOutcome(person_reference=person_reference, reason=reason)
    set_outcome_certificate(outcome, certificate_number)
    outcome.save()
    return outcome

from __future__ import annotations

import hashlib
import os

import pytest
from django.db import connection
from django.urls import reverse

from gateways import load_gateway
from gateways.liveness import (
    LivenessCheckClosed,
    LivenessResult,
    LivenessStatus,
    UnknownLivenessCheck,
    liveness_gateway,
)
from simulators.liveness import (
    REASON_FACE_MISMATCH,
    REASON_NOT_LIVE,
    SimulatedLivenessGateway,
    stage_face_outcome,
)
from simulators.models import FaceCheck, FaceCheckOutcome

pytestmark = pytest.mark.django_db

CERTIFICATE = "11010119900307123X"
PERSON = "person-7f3a"


def _start(person_reference: str = PERSON, certificate_number: str = CERTIFICATE) -> str:
    return liveness_gateway().start_check(
        person_reference=person_reference, name="张三", certificate_number=certificate_number
    )


def _selfie() -> bytes:
    return b"\xff\xd8\xff\xe0SELFIE" + os.urandom(64)


def test_load_gateway_returns_the_simulator():
    assert isinstance(load_gateway("LIVENESS_GATEWAY"), SimulatedLivenessGateway)


def test_a_check_is_pending_until_the_selfie_then_passes_by_default():
    gateway = liveness_gateway()
    reference = _start()
    assert gateway.result(reference) == LivenessResult(status=LivenessStatus.PENDING, reason="")
    gateway.submit_selfie(reference=reference, image=_selfie())
    assert gateway.result(reference) == LivenessResult(status=LivenessStatus.PASSED, reason="")
    assert FaceCheck.objects.get(reference=reference).decided_at is not None


def test_staged_failure_fails_once_and_a_retry_passes():
    gateway = liveness_gateway()
    stage_face_outcome(person_reference=PERSON, reason=REASON_FACE_MISMATCH)
    first = _start()
    gateway.submit_selfie(reference=first, image=_selfie())
    assert gateway.result(first) == LivenessResult(status=LivenessStatus.FAILED, reason=REASON_FACE_MISMATCH)
    outcome = FaceCheckOutcome.objects.get()
    assert outcome.consumed_at is not None and outcome.consumed_by.reference == first

    retry = _start()
    gateway.submit_selfie(reference=retry, image=_selfie())
    assert gateway.result(retry).status == LivenessStatus.PASSED


def test_failure_staged_by_certificate_applies_to_that_certificate_only():
    gateway = liveness_gateway()
    stage_face_outcome(certificate_number=CERTIFICATE.lower())  # normalised like any number
    other = _start(person_reference="someone-else", certificate_number="110101199003071234")
    gateway.submit_selfie(reference=other, image=_selfie())
    assert gateway.result(other).status == LivenessStatus.PASSED

    same = _start(person_reference="someone-else")
    gateway.submit_selfie(reference=same, image=_selfie())
    assert gateway.result(same) == LivenessResult(status=LivenessStatus.FAILED, reason=REASON_NOT_LIVE)


def test_staged_failures_are_consumed_in_order():
    gateway = liveness_gateway()
    stage_face_outcome(person_reference=PERSON, reason=REASON_NOT_LIVE)
    stage_face_outcome(person_reference=PERSON, reason=REASON_FACE_MISMATCH)
    reasons = []
    for _attempt in range(3):
        reference = _start()
        gateway.submit_selfie(reference=reference, image=_selfie())
        reasons.append(gateway.result(reference).reason)
    assert reasons == [REASON_NOT_LIVE, REASON_FACE_MISMATCH, ""]


def test_a_decided_check_takes_no_second_selfie():
    gateway = liveness_gateway()
    reference = _start()
    gateway.submit_selfie(reference=reference, image=_selfie())
    with pytest.raises(LivenessCheckClosed):
        gateway.submit_selfie(reference=reference, image=_selfie())


def test_unknown_reference_is_an_error():
    gateway = liveness_gateway()
    with pytest.raises(UnknownLivenessCheck, match="FACE-NOPE"):
        gateway.result("FACE-NOPE")
    with pytest.raises(UnknownLivenessCheck, match="FACE-NOPE"):
        gateway.submit_selfie(reference="FACE-NOPE", image=_selfie())


def test_invalid_input_is_refused():
    gateway = liveness_gateway()
    with pytest.raises(ValueError):
        gateway.start_check(person_reference="", name="张三", certificate_number=CERTIFICATE)
    with pytest.raises(ValueError):
        gateway.start_check(person_reference=PERSON, name="张三", certificate_number=" ")
    with pytest.raises(ValueError):
        gateway.submit_selfie(reference=_start(), image=b"")
    with pytest.raises(ValueError):
        stage_face_outcome()


def test_the_selfie_and_the_certificate_number_are_never_stored():
    gateway = liveness_gateway()
    stage_face_outcome(certificate_number=CERTIFICATE)
    image = _selfie()
    for _attempt in range(2):
        reference = _start()
        gateway.submit_selfie(reference=reference, image=image)
    text_needles = [image.hex().upper(), hashlib.sha256(image).hexdigest().upper(), CERTIFICATE]
    for table in ("simulators_facecheck", "simulators_facecheckoutcome"):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table}")
            values = [value for row in cursor.fetchall() for value in row]
        assert values
        for value in values:
            if isinstance(value, bytes | memoryview):
                assert image not in bytes(value), f"{table} holds the selfie"
            elif isinstance(value, str):
                assert not any(n in value.upper() for n in text_needles), f"{table} holds {value[:12]}…"
    assert FaceCheck.objects.filter(selfie_size=len(image)).count() == 2


def test_admin_stages_a_failure_by_certificate_without_keeping_the_number(client, olga):
    client.force_login(olga)
    response = client.post(
        reverse("admin:simulators_facecheckoutcome_add"),
        {"person_reference": "", "certificate_number": CERTIFICATE, "reason": REASON_NOT_LIVE},
    )
    assert response.status_code == 302
    outcome = FaceCheckOutcome.objects.get()
    assert outcome.certificate_masked == "1101**********123X"
    page = client.get(reverse("admin:simulators_facecheckoutcome_change", args=[outcome.pk])).content.decode()
    assert CERTIFICATE not in page

    reference = _start(person_reference="anyone")
    liveness_gateway().submit_selfie(reference=reference, image=_selfie())
    assert liveness_gateway().result(reference).status == LivenessStatus.FAILED


def test_admin_refuses_an_outcome_that_names_nobody(client, olga):
    client.force_login(olga)
    response = client.post(
        reverse("admin:simulators_facecheckoutcome_add"),
        {"person_reference": "", "certificate_number": "", "reason": REASON_NOT_LIVE},
    )
    assert response.status_code == 200
    assert not FaceCheckOutcome.objects.exists()

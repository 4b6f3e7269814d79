"""The recognition job with the real OCR model (rapidocr on onnxruntime, the settings' engine) on a real
Celery worker: a generated licence photo is read into proposals, a photo of no certificate is "nothing
recognised". Slow: the model loads once per worker process and reads on the CPU."""

from __future__ import annotations

import pytest
from django.conf import settings

from materials.recognition.models import CertificateRecognition, RecognitionStatus
from materials.recognition.services import recognition_upload
from tests.conftest import wait_until
from tests.recognition.make_certificates import make_set

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
READ_WITHIN = 180  # seconds: the first read loads the model; CI machines are shared


def test_a_licence_photo_is_read_by_the_worker_with_the_real_model(alice, celery_worker):
    assert settings.OCR_ENGINE == "gateways.rapidocr_engine.RapidOcrEngine"
    licence, nothing = make_set(licences=1, id_cards=0, others=1, seed=21)
    read = recognition_upload(
        by=alice, purpose="entity_certificate", content=licence.image, filename="licence.jpg"
    )
    other = recognition_upload(
        by=alice, purpose="entity_certificate", content=nothing.image, filename="x.jpg"
    )

    def done() -> bool:
        return not CertificateRecognition.objects.filter(status=RecognitionStatus.PROCESSING).exists()

    wait_until(done, timeout=READ_WITHIN, interval=0.5)
    read.refresh_from_db()
    other.refresh_from_db()
    assert read.status == RecognitionStatus.RECOGNISED and read.kind == "business_licence"
    values = read.proposal_values()
    assert values["credit_code"]["value"] == licence.truth["credit_code"]
    # The parsers' field-level accuracy is the benchmark's (P7); here: the name is proposed, with its confidence.
    assert licence.truth["name"] in values["name"]["value"]
    assert 0 < values["name"]["confidence"] <= 1
    assert other.status == RecognitionStatus.NOTHING and other.proposals == {}

"""The recognition job: routed to the ``ocr`` queue, retried on a transient failure of the engine, idempotent
when delivered twice."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from celery import current_app

from gateways.ocr import OcrUnavailable
from materials.models import private_storage
from materials.recognition.models import CertificateRecognition, RecognitionStatus
from materials.recognition.services import recognition_attach, recognition_run, recognition_upload
from materials.tasks import certificate_recognition_sweep_task, certificate_recognition_task
from tests.material_files import photo

pytestmark = pytest.mark.django_db


def _upload(user):
    return recognition_upload(by=user, purpose="entity_certificate", content=photo(seed=5), filename="x.jpg")


def test_the_job_runs_on_the_ocr_queue():
    route = current_app.amqp.router.route({}, "materials.tasks.certificate_recognition_task")
    assert route["queue"].name == "ocr"


def test_an_engine_down_is_retried_with_backoff_then_recognised(alice, settings, fixed_ocr):
    recognition = _upload(alice)
    settings.OCR_ENGINE = "tests.materials.recognition.engines.DownEngine"
    options = certificate_recognition_task
    assert options.max_retries == 5 and options.retry_backoff and options.acks_late
    # Run in this process, Celery retries at once (a worker would wait 2, 4, 8 ... s) and gives up after the
    # last retry with the engine's error; the recognition waits, unrecorded, for the next delivery.
    result = certificate_recognition_task.apply(args=[recognition.pk])
    assert result.state == "FAILURE" and isinstance(result.result, OcrUnavailable)
    recognition.refresh_from_db()
    assert recognition.status == RecognitionStatus.PROCESSING and recognition.attempts == 6

    settings.OCR_ENGINE = "tests.materials.recognition.engines.FixedEngine"
    certificate_recognition_task.apply(args=[recognition.pk])
    certificate_recognition_task.apply(args=[recognition.pk])  # delivered twice: read once
    recognition.refresh_from_db()
    assert recognition.status == RecognitionStatus.RECOGNISED and recognition.attempts == 7


def test_the_sweep_sends_lost_readings_again_and_deletes_unused_photos(alice, build, fixed_ocr, now):
    lost = _upload(alice)
    fresh = _upload(alice)
    unused = _upload(alice)
    recognition_run(recognition_id=unused.pk)  # read at step 1, but no filing was ever started
    kept = _upload(alice)
    recognition_run(recognition_id=kept.pk)
    recognition_attach(recognition=kept, filing=build.start(nature="enterprise"), by=alice)
    CertificateRecognition.objects.filter(pk=lost.pk).update(created_at=now - dt.timedelta(minutes=5))
    CertificateRecognition.objects.filter(pk__in=[unused.pk, kept.pk]).update(
        created_at=now - dt.timedelta(days=2)
    )
    unused.refresh_from_db()
    assert private_storage().exists(unused.upload_path)
    with mock.patch("materials.tasks.certificate_recognition_task.delay") as delay:
        certificate_recognition_sweep_task()
    delay.assert_called_once_with(lost.pk)  # not the fresh one, still within its grace
    assert not CertificateRecognition.objects.filter(pk=unused.pk).exists()
    assert not private_storage().exists(unused.upload_path)
    assert set(CertificateRecognition.objects.values_list("pk", flat=True)) == {lost.pk, fresh.pk, kept.pk}
    assert "certificate-recognition-sweep" in current_app.conf.beat_schedule

"""Certificate recognition's life: the upload, the job's body, the attachment to a filing (fake engine and
parsers: the parsers have their own tests, the real model its own slow ones)."""

from __future__ import annotations

import json
from unittest import mock

import pytest

from common.errors import ApplicationError, NotPermitted
from entities.models import EntityNature
from materials.models import Material, MaterialKind, MaterialStatus, private_storage
from materials.pipeline import MAX_FILE_BYTES, MaterialRejected
from materials.recognition.models import CertificateRecognition, RecognitionStatus
from materials.recognition.services import (
    latest_recognitions,
    recognition_attach,
    recognition_run,
    recognition_upload,
)
from tests.material_files import photo
from tests.materials.recognition import engines
from tests.materials.step_helpers import process

pytestmark = pytest.mark.django_db


def _upload(user, purpose="entity_certificate", **extra) -> CertificateRecognition:
    return recognition_upload(
        by=user, purpose=purpose, content=photo(seed=3), filename="licence.jpg", **extra
    )


def test_an_upload_is_stored_privately_and_read_by_a_job_after_the_commit(
    alice, fixed_ocr, django_capture_on_commit_callbacks
):
    with (
        mock.patch("materials.tasks.certificate_recognition_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        recognition = _upload(alice)
    delay.assert_called_once_with(recognition.pk)
    assert recognition.status == RecognitionStatus.PROCESSING and recognition.filing is None
    assert private_storage().exists(recognition.upload_path)
    assert fixed_ocr.reads == 0  # the web process never reads it


def test_the_job_keeps_the_proposals_only_with_the_number_encrypted(alice, fixed_ocr):
    recognition = recognition_run(recognition_id=_upload(alice).pk)
    assert recognition.status == RecognitionStatus.RECOGNISED
    assert recognition.kind == "business_licence"
    stored = json.dumps(recognition.proposals, ensure_ascii=False)
    assert "91330106MA2GL0YT5U" not in stored  # encrypted at rest, like a typed number
    assert recognition.proposals["credit_code"]["masked"] == "9133" + "*" * 10 + "YT5U"
    assert "营业执照" not in stored  # the OCR's lines are not kept
    values = recognition.proposal_values()
    assert values["credit_code"]["value"] == "91330106MA2GL0YT5U"
    assert values["name"] == {
        "value": "杭州云帆科技有限公司",
        "masked": "杭州云帆科技有限公司",
        "confidence": 0.97,
    }
    assert recognition.recognised_at is not None and recognition.attempts == 1


def test_the_job_is_idempotent(alice, fixed_ocr):
    recognition = _upload(alice)
    recognition_run(recognition_id=recognition.pk)
    fixed_ocr.result = engines.ID_FRONT  # a second run would record this: it must not run
    again = recognition_run(recognition_id=recognition.pk)
    assert fixed_ocr.reads == 1 and again.kind == "business_licence"
    assert recognition_run(recognition_id=999_999) is None


@pytest.mark.parametrize(
    ("purpose", "result"),
    [
        ("entity_certificate", engines.NOTHING),  # not a certificate
        ("entity_head_id", engines.LICENCE),  # a licence where an ID card was asked for
    ],
)
def test_nothing_recognised_is_a_status_not_an_error(alice, build, fixed_ocr, purpose, result):
    fixed_ocr.result = result
    filing = build.start(nature=EntityNature.ENTERPRISE) if purpose != "entity_certificate" else None
    recognition = recognition_run(recognition_id=_upload(alice, purpose, filing=filing).pk)
    assert recognition.status == RecognitionStatus.NOTHING and recognition.proposals == {}


def test_an_image_the_engine_cannot_decode_is_nothing_recognised(alice, settings):
    settings.OCR_ENGINE = "tests.materials.recognition.engines.UndecodableEngine"
    recognition = recognition_run(recognition_id=_upload(alice).pk)
    assert recognition.status == RecognitionStatus.NOTHING


def test_a_lost_photo_is_nothing_recognised(alice, fixed_ocr):
    recognition = _upload(alice)
    private_storage().delete(recognition.upload_path)
    assert recognition_run(recognition_id=recognition.pk).status == RecognitionStatus.NOTHING


def test_only_photos_within_the_limit_are_accepted(alice):
    with pytest.raises(MaterialRejected) as refused:
        recognition_upload(by=alice, purpose="entity_certificate", content=b"%PDF-1.4 x", filename="a.pdf")
    assert refused.value.status == 415
    with pytest.raises(MaterialRejected) as refused:
        recognition_upload(
            by=alice, purpose="entity_certificate", content=b"\xff\xd8\xff" * MAX_FILE_BYTES, filename="b.jpg"
        )
    assert refused.value.status == 413
    with pytest.raises(ApplicationError) as refused:
        recognition_upload(by=alice, purpose="passport", content=photo(), filename="c.jpg")
    assert "purpose" in refused.value.fields
    assert not CertificateRecognition.objects.exists()


def test_a_website_head_photo_names_a_website_of_the_filing(alice, build):
    filing = build.start(nature=EntityNature.ENTERPRISE)
    other = build.start(nature=EntityNature.ENTERPRISE, domains=["elsewhere.cn"])
    with pytest.raises(ApplicationError) as refused:
        _upload(alice, "website_head_id", filing=filing)
    assert refused.value.code == "recognition_website_required"
    with pytest.raises(ApplicationError) as refused:
        _upload(alice, "website_head_id", filing=filing, website=other.filing_websites.get().website)
    assert refused.value.code == "recognition_website_unknown"


def test_attaching_makes_the_photo_the_material_processed_by_the_pipeline(
    alice, build, fixed_ocr, django_capture_on_commit_callbacks
):
    recognition = _upload(alice)
    recognition_run(recognition_id=recognition.pk)
    filing = build.start(nature=EntityNature.ENTERPRISE)
    with (
        mock.patch("materials.tasks.material_process_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        material = recognition_attach(recognition=recognition, filing=filing, by=alice)
    delay.assert_called_once_with(material.pk)
    assert material.kind == MaterialKind.ENTITY_CERTIFICATE and material.filing == filing
    assert material.original_name == "licence.jpg" and material.uploaded_by == alice
    recognition.refresh_from_db()
    assert recognition.filing == filing and recognition.material == material
    assert recognition.upload_path == ""  # read and handed on: the material holds the only copy
    assert process(material).status == MaterialStatus.ACCEPTED
    assert latest_recognitions(filing)[("entity_certificate", None)] == recognition
    # Once per recognition: attaching again changes nothing.
    assert recognition_attach(recognition=recognition, filing=filing, by=alice) == material
    assert Material.objects.count() == 1


def test_a_photo_attached_before_it_is_read_becomes_the_material_when_read(
    alice, build, fixed_ocr, django_capture_on_commit_callbacks
):
    fixed_ocr.result = engines.ID_FRONT
    filing = build.start()  # an individual: their ID card is the entity's certificate
    recognition = _upload(alice)
    assert recognition_attach(recognition=recognition, filing=filing, by=alice) is None
    recognition.refresh_from_db()
    assert recognition.filing == filing and recognition.upload_path  # waiting for the job
    with django_capture_on_commit_callbacks(execute=True):
        recognition = recognition_run(recognition_id=recognition.pk)
    recognition.refresh_from_db()
    assert recognition.status == RecognitionStatus.RECOGNISED and recognition.upload_path == ""
    assert recognition.material.kind == MaterialKind.ID_FRONT and recognition.material.filing == filing


@pytest.mark.parametrize(
    ("nature", "result"),
    [
        (EntityNature.ENTERPRISE, engines.ID_FRONT),  # an ID card is not an organisation's certificate
        (EntityNature.INDIVIDUAL, engines.LICENCE),  # nor a licence an individual's
        (EntityNature.ENTERPRISE, engines.NOTHING),  # a photo of no certificate
    ],
)
def test_a_photo_that_is_not_the_certificate_needed_is_not_kept_as_a_material(
    alice, build, fixed_ocr, nature, result, django_capture_on_commit_callbacks
):
    fixed_ocr.result = result
    filing = build.start(nature=nature)
    with django_capture_on_commit_callbacks(execute=True):
        recognition = recognition_run(recognition_id=_upload(alice).pk)
        recognition_attach(recognition=recognition, filing=filing, by=alice)
    recognition.refresh_from_db()
    assert recognition.filing == filing and recognition.material is None
    assert recognition.upload_path == "" and not Material.objects.exists()


def test_a_step_3_photo_becomes_the_persons_id_with_its_website(alice, build, fixed_ocr):
    fixed_ocr.result = engines.ID_FRONT
    filing = build.start(nature=EntityNature.ENTERPRISE)
    website = filing.filing_websites.get().website
    recognition = _upload(alice, "website_head_id", filing=filing, website=website)
    assert recognition.filing == filing and recognition.material is None
    recognition = recognition_run(recognition_id=recognition.pk)
    assert recognition.material.kind == MaterialKind.WEBSITE_HEAD_ID_FRONT
    assert recognition.material.website == website
    assert latest_recognitions(filing)[("website_head_id", website.pk)] == recognition


def test_nobody_else_attaches_or_uploads_for_a_filing(alice, bob, build, fixed_ocr):
    filing = build.start(nature=EntityNature.ENTERPRISE)
    bobs_filing = build.start(applicant=bob, nature=EntityNature.ENTERPRISE, domains=["bob-site.cn"])
    with pytest.raises(NotPermitted):
        _upload(bob, "entity_head_id", filing=filing)
    with pytest.raises(ApplicationError) as refused:
        recognition_attach(recognition=_upload(alice), filing=bobs_filing, by=bob)
    assert refused.value.code == "recognition_not_found"
    assert not Material.objects.exists()

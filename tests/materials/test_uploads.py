"""Step 4: uploading and processing materials, and the sweep that processes lost uploads again."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from entities.models import EntityNature, Region
from filings import services
from materials.models import Material, MaterialStatus, private_storage
from materials.pipeline import MAX_FILE_BYTES, MaterialRejected
from materials.requirements import materials_checklist
from materials.tasks import MAX_PROCESSING_ATTEMPTS, material_processing_sweep_task
from reviews import services as review_services
from tests.conftest import wait_until
from tests.material_files import gray_photo, photo
from tests.materials.step_helpers import (  # noqa: F401 (private_root: a fixture, used by being imported)
    DATA,
    fields_of,
    pass_face,
    private_root,
    process,
    upload,
    website_of,
)

pytestmark = pytest.mark.django_db


# --- Upload and processing ---------------------------------------------------------------------------------
def test_an_upload_is_quarantined_then_processed_into_a_clean_file_and_thumbnail(
    build, django_capture_on_commit_callbacks
):
    filing = build.to(build.start(), "materials")
    with (
        mock.patch("materials.tasks.material_process_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        material = upload(filing, "id_front", (DATA / "exif_gps_orientation.jpg").read_bytes())
    delay.assert_called_once_with(material.pk)  # dispatched after the commit, with the id only
    assert material.status == MaterialStatus.PROCESSING
    storage = private_storage()
    assert storage.exists(material.quarantine_path)

    material = process(material)
    assert material.status == MaterialStatus.ACCEPTED
    assert storage.exists(material.file_path) and storage.exists(material.thumbnail_path)
    assert not storage.exists(material.quarantine_path)
    with storage.open(material.file_path) as handle:
        content = handle.read()
    assert b"Exif" not in content[:200] and material.content_type == "image/jpeg"
    assert (material.width, material.height) > (0, 0) and len(material.sha256) == 64
    assert len(material.perceptual_hash) == 16
    assert material.uploaded_by == filing.applicant and material.attempts == 1


def test_processing_twice_changes_nothing(build):
    filing = build.to(build.start(), "materials")
    material = process(upload(filing, "id_front"))
    again = process(material)
    assert (again.status, again.file_path, again.processed_at, again.attempts) == (
        "accepted",
        material.file_path,
        material.processed_at,
        1,
    )


@pytest.mark.parametrize(
    ("kind", "content", "code", "words"),
    [
        ("id_front", gray_photo(), "grayscale", "not the original"),
        ("id_front", (DATA / "html_as.jpg").read_bytes(), "unsupported_type", "HTML"),
        ("id_front", (DATA / "too_small.jpg").read_bytes(), "too_small", "minimum is 500×300"),
        ("id_front", (DATA / "document.pdf").read_bytes(), "unsupported_type", "PDF"),
        ("verification_form", (DATA / "javascript.pdf").read_bytes(), "pdf_active_content", "/JavaScript"),
    ],
)
def test_a_refused_upload_says_why_and_is_not_kept(build, kind, content, code, words):
    filing = build.to(build.start(), "materials")
    website = website_of(filing) if kind == "verification_form" else None
    material = process(upload(filing, kind, content, website=website))
    assert (material.status, material.rejection_code) == ("rejected", code)
    assert words in material.rejection_message and " / " in material.rejection_message  # Chinese / English
    assert not material.file_path and not private_storage().exists(material.quarantine_path)


def test_the_verification_form_may_be_a_pdf_or_a_photo(build):
    filing = build.to(build.start(), "materials")
    website = website_of(filing)
    pdf = process(upload(filing, "verification_form", (DATA / "document.pdf").read_bytes(), website=website))
    scan = process(upload(filing, "verification_form", photo(seed=3), website=website))
    assert (pdf.status, pdf.content_type, pdf.thumbnail_path) == ("accepted", "application/pdf", "")
    assert (scan.status, scan.content_type) == ("accepted", "image/jpeg") and scan.thumbnail_path


def test_a_file_over_5_mb_is_refused_before_anything_is_stored(build):
    filing = build.to(build.start(), "materials")
    with pytest.raises(MaterialRejected) as refused:
        upload(filing, "id_front", b"\xff\xd8\xff" + b"0" * MAX_FILE_BYTES)
    assert (refused.value.status, refused.value.code) == (413, "file_too_large")
    assert not Material.objects.exists()


def test_only_the_owner_uploads_and_only_in_the_materials_step(build, bob):
    filing = build.start()
    with pytest.raises(NotPermitted):
        upload(filing, "id_front", by=bob)
    with pytest.raises(TransitionConflict) as wrong_state:
        upload(filing, "id_front")
    assert wrong_state.value.status == 409


@pytest.mark.parametrize(
    ("kind", "with_website", "field", "words"),
    [
        ("entity_certificate", False, "materials.entity_certificate", "does not need"),
        ("residence_permit", False, "materials.residence_permit", "does not need"),
        ("verification_form", False, "materials.verification_form", "Choose the website"),
        ("auxiliary", False, "materials.auxiliary", "only when a reviewer asks"),
        ("passport_scan", False, "materials", "is not a kind of material"),
    ],
)
def test_a_material_the_filing_does_not_need_is_refused_with_its_field(
    build, kind, with_website, field, words
):
    filing = build.to(build.start(), "materials")
    with pytest.raises(ApplicationError) as refused:
        upload(filing, kind, website=website_of(filing) if with_website else None)
    assert refused.value.status == 400 and words in refused.value.fields[field][0]


def test_an_authorisation_letter_must_be_dated_within_three_months(build):
    Region.objects.filter(code="CN-BJ").update(head_must_be_legal_rep=True)
    filing = build.start(nature=EntityNature.ENTERPRISE)
    filing = build.to(filing, "information")
    information = build.information(filing)
    information["entity_head"]["is_legal_representative"] = False
    services.filing_save_information(filing=filing, by=filing.applicant, **information)
    filing = services.filing_enter_information(filing=filing, by=filing.applicant)
    field = "materials.authorisation_letter.document_date"
    today = timezone.localdate()
    for date, words in (
        (None, "Enter the date"),
        (today - dt.timedelta(days=100), "within the last 3 months"),
    ):
        with pytest.raises(ApplicationError) as refused:
            upload(filing, "authorisation_letter", document_date=date)
        assert words in refused.value.fields[field][0]
    letter = process(upload(filing, "authorisation_letter", document_date=today - dt.timedelta(days=10)))
    assert letter.status == "accepted" and letter.document_date == today - dt.timedelta(days=10)


def test_only_the_latest_upload_counts(build):
    filing = build.to(build.start(), "materials")
    process(upload(filing, "id_front", gray_photo()))
    good = process(upload(filing, "id_front", photo(seed=1)))
    checklist = {item.requirement.kind: item for item in materials_checklist(filing)}
    assert checklist["id_front"].material == good and checklist["id_front"].status == "accepted"

    process(upload(filing, "id_front", gray_photo()))  # a worse file replaces the good one
    with pytest.raises(ApplicationError) as refused:
        services.filing_complete_materials(filing=filing, by=filing.applicant)
    assert "not the original" in " ".join(refused.value.fields["materials.id_front"])


def test_the_same_photo_as_two_materials_is_noted_for_the_reviewer(build):
    filing = build.to(build.start(), "materials")
    process(upload(filing, "id_front", photo(seed=5)))
    back = process(upload(filing, "id_back", photo(seed=5)))
    duplicate = [finding for finding in back.findings if finding["code"] == "duplicate_image"]
    assert len(duplicate) == 1 and duplicate[0]["severity"] == "advisory"
    assert "ID, front" in duplicate[0]["message"]


def test_an_upload_in_self_check_goes_back_to_materials(build):
    filing = build.to(build.start(), "self_check")
    upload(filing, "id_front")
    filing.refresh_from_db()
    assert filing.state == "materials"
    event = filing.events.last()
    assert (event.transition, event.from_state, event.payload) == (
        "reopen",
        "self_check",
        {"step": "materials"},
    )


def test_a_returned_filing_takes_uploads_in_place_including_auxiliary_ones(build, sam):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    filing = review_services.review_reject(
        filing=filing, by=sam, reasons=[{"code": "auxiliary_missing", "field": "materials"}]
    )
    extra = process(upload(filing, "auxiliary", (DATA / "document.pdf").read_bytes()))
    process(upload(filing, "id_front", photo(seed=11)))
    filing.refresh_from_db()
    assert filing.state == "provider_rejected" and extra.status == "accepted"
    services.filing_resubmit(filing=filing, by=filing.applicant)
    filing.refresh_from_db()
    assert filing.state == "provider_review"


# --- The safety net ----------------------------------------------------------------------------------------
def test_the_sweep_dispatches_uploads_stuck_in_processing_a_few_times(build):
    filing = build.to(build.start(), "materials")
    stuck = upload(filing, "id_front")
    fresh = upload(filing, "id_back")
    given_up = upload(filing, "verification_form", website=website_of(filing))
    Material.objects.filter(pk__in=[stuck.pk, given_up.pk]).update(
        created_at=timezone.now() - dt.timedelta(minutes=10)
    )
    Material.objects.filter(pk=given_up.pk).update(attempts=MAX_PROCESSING_ATTEMPTS)
    with mock.patch("materials.tasks.material_process_task.delay") as delay:
        material_processing_sweep_task()
    assert [call.args for call in delay.call_args_list] == [(stuck.pk,)]
    assert fresh.status == "processing"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_worker_processes_an_upload(celery_worker, build):
    filing = build.to(build.start(), "materials")
    material = upload(filing, "id_front", photo(seed=4))
    wait_until(lambda: Material.objects.get(pk=material.pk).status != "processing")
    material.refresh_from_db()
    assert material.status == "accepted" and private_storage().exists(material.thumbnail_path)


def test_a_pre_approval_document_is_uploaded_for_its_category_with_its_date(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE), "materials")
    website = website_of(filing)
    website.pre_approvals = [
        {"category": "news", "number": "N-1", "issuer": "网信办", "valid_until": "2030-01-01"}
    ]
    website.save()
    today = timezone.localdate()
    document = upload(filing, "pre_approval_document", website=website, category="news", document_date=today)
    assert process(document).status == "accepted"
    with pytest.raises(ApplicationError) as refused:
        upload(filing, "pre_approval_document", website=website, category="finance", document_date=today)
    assert "has no “finance” pre-approval" in refused.value.fields["materials.pre_approval_document"][0]

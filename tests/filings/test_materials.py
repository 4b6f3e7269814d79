"""Step 4: which materials a filing needs, uploading and processing them, and leaving ``materials``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from unittest import mock

import pytest
from django.utils import timezone

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from entities.models import EntityNature, Person, Region
from filings import material_services, services
from filings.material_models import Material, MaterialStatus, private_storage
from filings.materials import MAX_FILE_BYTES, MaterialRejected
from filings.requirements import face_verification_people, materials_checklist, required_materials
from filings.tasks import MAX_PROCESSING_ATTEMPTS, material_processing_sweep_task
from reviews import services as review_services
from tests.builders import resident_id
from tests.conftest import wait_until
from tests.material_files import gray_photo, photo, selfie

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def _fields(filing) -> list[str]:
    return [item.field for item in required_materials(filing)]


def _upload(filing, kind, content=None, *, website=None, by=None, **extra) -> Material:
    return material_services.material_upload(
        filing=filing,
        by=by or filing.applicant,
        kind=kind,
        website=website,
        content=photo(seed=len(kind) + 7) if content is None else content,
        filename="scan.jpg",
        **extra,
    )


def _process(material: Material) -> Material:
    return material_services.material_process(material_id=material.pk)


def _website(filing, index=0):
    return filing.filing_websites.select_related("website").get(position=index).website


def _pass_face(filing) -> None:
    for person in face_verification_people(filing):
        check = material_services.face_verification_start(filing=filing, by=filing.applicant, person=person)
        material_services.face_verification_submit_selfie(
            verification=check, by=filing.applicant, image=selfie()
        )
        material_services.face_verification_record_result(verification_id=check.pk)


# --- Which materials ---------------------------------------------------------------------------------------
def test_an_individual_uploads_the_id_once_and_a_form_per_website(build):
    filing = build.to(build.start(domains=["one.com", "two.com"]), "materials")
    assert _fields(filing) == [
        "materials.id_front",
        "materials.id_back",
        "materials.verification_form.0",
        "materials.verification_form.1",
    ]
    assert face_verification_people(filing) == [filing.entity.head]  # one person in charge of both


def test_an_organisation_uploads_its_licence_and_its_head_id(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE), "materials")
    assert _fields(filing) == [
        "materials.entity_certificate",
        "materials.entity_head_id_front",
        "materials.entity_head_id_back",
        "materials.verification_form.0",
    ]


def test_a_website_head_other_than_the_entity_head_uploads_an_id_once_and_verifies_the_face(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE, domains=["a.com", "b.com"]), "materials")
    other = Person.objects.create(entity=filing.entity, name="李四", mobile="13900000001")
    other.set_certificate_number(resident_id())
    other.save()
    for index in (0, 1):  # one person in charge of both websites: one ID, one face check
        website = _website(filing, index)
        website.head = other
        website.save()
    assert _fields(filing)[-4:] == [
        "materials.verification_form.0",
        "materials.website_head_id_front.0",
        "materials.website_head_id_back.0",
        "materials.verification_form.1",
    ]
    assert face_verification_people(filing) == [other]


def test_a_passport_has_one_page_to_upload(build):
    filing = build.to(build.start(), "materials")
    filing.entity.certificate_type = "passport"
    filing.entity.save()
    assert _fields(filing)[:2] == ["materials.id_front", "materials.verification_form.0"]


def test_residence_permit_for_a_non_local_individual_where_the_region_says_so(build):
    shanghai = Region.objects.get(code="CN-SH")
    assert shanghai.individual_residency == "residence_permit"
    outsider = build.to(build.start(region="CN-SH", certificate_number=resident_id("110101")), "materials")
    local = build.to(build.start(region="CN-SH", certificate_number=resident_id("310101")), "materials")
    assert "materials.residence_permit" in _fields(outsider)
    assert "materials.residence_permit" not in _fields(local)

    Region.objects.filter(pk=shanghai.pk).update(individual_residency="any")  # the rule is data
    outsider.refresh_from_db()
    assert "materials.residence_permit" not in _fields(outsider)


def test_authorisation_letter_where_the_region_requires_the_legal_representative(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE), "materials")
    Person.objects.filter(pk=filing.entity.head_id).update(is_legal_representative=False)
    filing.entity.refresh_from_db()
    assert "materials.authorisation_letter" not in _fields(filing)  # Beijing does not require it

    Region.objects.filter(code="CN-BJ").update(head_must_be_legal_rep=True)
    filing.refresh_from_db()
    assert "materials.authorisation_letter" in _fields(filing)

    Person.objects.filter(pk=filing.entity.head_id).update(is_legal_representative=True)
    filing.entity.refresh_from_db()
    assert "materials.authorisation_letter" not in _fields(filing)


def test_a_document_per_pre_approval_category(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE), "materials")
    website = _website(filing)
    website.pre_approvals = [
        {"category": "news", "number": "N-1", "issuer": "网信办", "valid_until": "2030-01-01"}
    ]
    website.save()
    required = [item for item in required_materials(filing) if item.kind == "pre_approval_document"]
    assert [item.field for item in required] == ["materials.pre_approval_document.0.news"]
    assert "新闻" in required[0].label_zh


# --- Upload and processing ---------------------------------------------------------------------------------
def test_an_upload_is_quarantined_then_processed_into_a_clean_file_and_thumbnail(
    build, django_capture_on_commit_callbacks
):
    filing = build.to(build.start(), "materials")
    with (
        mock.patch("filings.tasks.material_process_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        material = _upload(filing, "id_front", (DATA / "exif_gps_orientation.jpg").read_bytes())
    delay.assert_called_once_with(material.pk)  # dispatched after the commit, with the id only
    assert material.status == MaterialStatus.PROCESSING
    storage = private_storage()
    assert storage.exists(material.quarantine_path)

    material = _process(material)
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
    material = _process(_upload(filing, "id_front"))
    again = _process(material)
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
    website = _website(filing) if kind == "verification_form" else None
    material = _process(_upload(filing, kind, content, website=website))
    assert (material.status, material.rejection_code) == ("rejected", code)
    assert words in material.rejection_message and " / " in material.rejection_message  # Chinese / English
    assert not material.file_path and not private_storage().exists(material.quarantine_path)


def test_the_verification_form_may_be_a_pdf_or_a_photo(build):
    filing = build.to(build.start(), "materials")
    website = _website(filing)
    pdf = _process(
        _upload(filing, "verification_form", (DATA / "document.pdf").read_bytes(), website=website)
    )
    scan = _process(_upload(filing, "verification_form", photo(seed=3), website=website))
    assert (pdf.status, pdf.content_type, pdf.thumbnail_path) == ("accepted", "application/pdf", "")
    assert (scan.status, scan.content_type) == ("accepted", "image/jpeg") and scan.thumbnail_path


def test_a_file_over_5_mb_is_refused_before_anything_is_stored(build):
    filing = build.to(build.start(), "materials")
    with pytest.raises(MaterialRejected) as refused:
        _upload(filing, "id_front", b"\xff\xd8\xff" + b"0" * MAX_FILE_BYTES)
    assert (refused.value.status, refused.value.code) == (413, "file_too_large")
    assert not Material.objects.exists()


def test_only_the_owner_uploads_and_only_in_the_materials_step(build, bob):
    filing = build.start()
    with pytest.raises(NotPermitted):
        _upload(filing, "id_front", by=bob)
    with pytest.raises(TransitionConflict) as wrong_state:
        _upload(filing, "id_front")
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
        _upload(filing, kind, website=_website(filing) if with_website else None)
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
            _upload(filing, "authorisation_letter", document_date=date)
        assert words in refused.value.fields[field][0]
    letter = _process(_upload(filing, "authorisation_letter", document_date=today - dt.timedelta(days=10)))
    assert letter.status == "accepted" and letter.document_date == today - dt.timedelta(days=10)


def test_only_the_latest_upload_counts(build):
    filing = build.to(build.start(), "materials")
    _process(_upload(filing, "id_front", gray_photo()))
    good = _process(_upload(filing, "id_front", photo(seed=1)))
    checklist = {item.requirement.kind: item for item in materials_checklist(filing)}
    assert checklist["id_front"].material == good and checklist["id_front"].status == "accepted"

    _process(_upload(filing, "id_front", gray_photo()))  # a worse file replaces the good one
    with pytest.raises(ApplicationError) as refused:
        services.filing_complete_materials(filing=filing, by=filing.applicant)
    assert "not the original" in " ".join(refused.value.fields["materials.id_front"])


def test_the_same_photo_as_two_materials_is_noted_for_the_reviewer(build):
    filing = build.to(build.start(), "materials")
    _process(_upload(filing, "id_front", photo(seed=5)))
    back = _process(_upload(filing, "id_back", photo(seed=5)))
    duplicate = [finding for finding in back.findings if finding["code"] == "duplicate_image"]
    assert len(duplicate) == 1 and duplicate[0]["severity"] == "advisory"
    assert "ID, front" in duplicate[0]["message"]


def test_an_upload_in_self_check_goes_back_to_materials(build):
    filing = build.to(build.start(), "self_check")
    _upload(filing, "id_front")
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
    extra = _process(_upload(filing, "auxiliary", (DATA / "document.pdf").read_bytes()))
    _process(_upload(filing, "id_front", photo(seed=11)))
    filing.refresh_from_db()
    assert filing.state == "provider_rejected" and extra.status == "accepted"
    services.filing_resubmit(filing=filing, by=filing.applicant)
    filing.refresh_from_db()
    assert filing.state == "provider_review"


# --- Leaving the materials step ----------------------------------------------------------------------------
def test_complete_materials_is_refused_until_every_material_is_accepted_and_the_face_passed(build):
    filing = build.to(build.start(), "materials")
    person = filing.entity.head
    with pytest.raises(ApplicationError) as refused:
        services.filing_complete_materials(filing=filing, by=filing.applicant)
    assert refused.value.status == 400
    assert set(refused.value.fields) == {
        "materials.id_front",
        "materials.id_back",
        "materials.verification_form.0",
        f"materials.face.{person.code}",
    }
    assert "Upload the ID, front" in refused.value.fields["materials.id_front"][0]

    _upload(filing, "id_front", photo(seed=1))  # not processed yet
    _process(_upload(filing, "id_back", photo(seed=2)))
    _process(
        _upload(filing, "verification_form", (DATA / "document.pdf").read_bytes(), website=_website(filing))
    )
    with pytest.raises(ApplicationError) as refused:
        services.filing_complete_materials(filing=filing, by=filing.applicant)
    assert set(refused.value.fields) == {"materials.id_front", f"materials.face.{person.code}"}
    assert "still being processed" in refused.value.fields["materials.id_front"][0]

    for material in Material.objects.filter(status="processing"):
        _process(material)
    _pass_face(filing)
    filing = services.filing_complete_materials(filing=filing, by=filing.applicant)
    assert filing.state == "self_check"


def test_submit_checks_the_materials_again(build):
    filing = build.to(build.start(), "self_check")
    Material.objects.filter(filing=filing, kind="id_back").update(status="rejected", rejection_message="x")
    with pytest.raises(ApplicationError) as refused:
        services.filing_submit(filing=filing, by=filing.applicant)
    assert list(refused.value.fields) == ["materials.id_back"]


# --- The safety net ----------------------------------------------------------------------------------------
def test_the_sweep_dispatches_uploads_stuck_in_processing_a_few_times(build):
    filing = build.to(build.start(), "materials")
    stuck = _upload(filing, "id_front")
    fresh = _upload(filing, "id_back")
    given_up = _upload(filing, "verification_form", website=_website(filing))
    Material.objects.filter(pk__in=[stuck.pk, given_up.pk]).update(
        created_at=timezone.now() - dt.timedelta(minutes=10)
    )
    Material.objects.filter(pk=given_up.pk).update(attempts=MAX_PROCESSING_ATTEMPTS)
    with mock.patch("filings.tasks.material_process_task.delay") as delay:
        material_processing_sweep_task()
    assert [call.args for call in delay.call_args_list] == [(stuck.pk,)]
    assert fresh.status == "processing"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_worker_processes_an_upload(celery_worker, build):
    filing = build.to(build.start(), "materials")
    material = _upload(filing, "id_front", photo(seed=4))
    wait_until(lambda: Material.objects.get(pk=material.pk).status != "processing")
    material.refresh_from_db()
    assert material.status == "accepted" and private_storage().exists(material.thumbnail_path)


def test_a_pre_approval_document_is_uploaded_for_its_category_with_its_date(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE), "materials")
    website = _website(filing)
    website.pre_approvals = [
        {"category": "news", "number": "N-1", "issuer": "网信办", "valid_until": "2030-01-01"}
    ]
    website.save()
    today = timezone.localdate()
    document = _upload(filing, "pre_approval_document", website=website, category="news", document_date=today)
    assert _process(document).status == "accepted"
    with pytest.raises(ApplicationError) as refused:
        _upload(filing, "pre_approval_document", website=website, category="finance", document_date=today)
    assert "has no “finance” pre-approval" in refused.value.fields["materials.pre_approval_document"][0]

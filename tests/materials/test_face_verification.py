"""Face verification of each website's person in charge, through the liveness gateway (the simulator)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from entities.models import Person
from filings import services
from materials import services as material_services
from materials.models import FaceVerification
from materials.tasks import face_verification_poll_task
from simulators.liveness import REASON_FACE_MISMATCH, stage_face_outcome
from simulators.models import FaceCheck
from tests.builders import resident_id
from tests.material_files import selfie

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture
def filing(build):
    """A filing in ``materials`` with every material accepted: only the face check is missing."""
    filing = build.to(build.start(), "materials")
    build.upload_materials(filing)
    return filing


def _verify(filing, person=None):
    person = person or filing.entity.head
    check = material_services.face_verification_start(filing=filing, by=filing.applicant, person=person)
    check = material_services.face_verification_submit_selfie(
        verification=check, by=filing.applicant, image=selfie()
    )
    return material_services.face_verification_record_result(verification_id=check.pk)


def test_a_face_check_passes_and_the_filing_leaves_materials(filing, django_capture_on_commit_callbacks):
    person = filing.entity.head
    check = material_services.face_verification_start(filing=filing, by=filing.applicant, person=person)
    assert (check.status, check.person, check.selfie_submitted_at) == ("pending", person, None)
    with (
        mock.patch("materials.tasks.face_verification_result_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        check = material_services.face_verification_submit_selfie(
            verification=check, by=filing.applicant, image=selfie()
        )
    delay.assert_called_once_with(check.pk)  # the result is read by a job, after the commit
    check = material_services.face_verification_record_result(verification_id=check.pk)
    assert (check.status, check.reason) == ("passed", "") and check.decided_at is not None
    # Only the result and the reference are kept; the provider saw the selfie's size, and kept no image.
    assert FaceCheck.objects.get(reference=check.gateway_reference).selfie_size == len(selfie())
    assert {f.name for f in FaceVerification._meta.get_fields()}.isdisjoint({"selfie", "image", "photo"})
    assert services.filing_complete_materials(filing=filing, by=filing.applicant).state == "self_check"


def test_a_failed_check_says_why_and_a_retry_passes(filing):
    person = filing.entity.head
    stage_face_outcome(person_reference=str(person.code), reason=REASON_FACE_MISMATCH)
    failed = _verify(filing)
    assert (failed.status, failed.reason) == ("failed", REASON_FACE_MISMATCH)
    with pytest.raises(ApplicationError) as refused:
        services.filing_complete_materials(filing=filing, by=filing.applicant)
    message = refused.value.fields[f"materials.face.{person.code}"][0]
    assert "face verification failed" in message and "does not match the certificate photo" in message

    retry = _verify(filing)
    assert retry.pk != failed.pk and retry.status == "passed"
    assert services.filing_complete_materials(filing=filing, by=filing.applicant).state == "self_check"


def test_a_pending_check_keeps_the_filing_in_materials(filing):
    person = filing.entity.head
    material_services.face_verification_start(filing=filing, by=filing.applicant, person=person)
    with pytest.raises(ApplicationError) as refused:
        services.filing_complete_materials(filing=filing, by=filing.applicant)
    assert "not finished" in refused.value.fields[f"materials.face.{person.code}"][0]


def test_a_person_who_passed_is_not_asked_again(filing):
    passed = _verify(filing)
    again = material_services.face_verification_start(
        filing=filing, by=filing.applicant, person=passed.person
    )
    assert again.pk == passed.pk and FaceVerification.objects.count() == 1


def test_recording_the_result_twice_changes_nothing(filing):
    check = _verify(filing)
    again = material_services.face_verification_record_result(verification_id=check.pk)
    assert (again.status, again.decided_at) == ("passed", check.decided_at)


def test_one_selfie_per_check(filing):
    check = _verify(filing)
    with pytest.raises(TransitionConflict) as refused:
        material_services.face_verification_submit_selfie(
            verification=check, by=filing.applicant, image=selfie()
        )
    assert refused.value.status == 409 and "start a new face verification" in refused.value.message


def test_only_the_owner_and_only_a_website_head(filing, bob):
    with pytest.raises(NotPermitted):
        material_services.face_verification_start(filing=filing, by=bob, person=filing.entity.head)
    stranger = Person.objects.create(entity=filing.entity, name="王五", mobile="13900000002")
    stranger.set_certificate_number(resident_id())
    stranger.save()
    with pytest.raises(ApplicationError) as refused:
        material_services.face_verification_start(filing=filing, by=filing.applicant, person=stranger)
    assert "no face verification is needed" in refused.value.fields["materials.face"][0]


def test_the_poll_asks_again_about_checks_whose_result_was_not_recorded(filing):
    person = filing.entity.head
    check = material_services.face_verification_start(filing=filing, by=filing.applicant, person=person)
    check = material_services.face_verification_submit_selfie(
        verification=check, by=filing.applicant, image=selfie()
    )
    FaceVerification.objects.filter(pk=check.pk).update(
        selfie_submitted_at=timezone.now() - dt.timedelta(minutes=5)
    )
    material_services.face_verification_start(
        filing=filing, by=filing.applicant, person=person
    )  # no selfie yet
    with mock.patch("materials.tasks.face_verification_result_task.delay") as delay:
        face_verification_poll_task()
    assert [call.args for call in delay.call_args_list] == [(check.pk,)]

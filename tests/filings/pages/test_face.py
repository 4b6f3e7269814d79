"""Face verification on the step-4 page: start, the selfie, the result polled, a failure in words, retry."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from entities.models import Person
from filings.models import Filing
from materials.models import FaceVerification
from materials.services import face_verification_record_result
from simulators.models import FaceCheckOutcome
from tests.material_files import selfie

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def at_materials(build):
    return build.to(build.start(), "materials")


def _person(filing: Filing) -> Person:
    return filing.filing_websites.get().website.head


def _url(filing: Filing, person: Person, tail: str = "") -> str:
    return f"/filings/{filing.code}/face/{person.code}/{tail}"


def _send_selfie(client, filing, person, content: bytes, **extra):
    data = {f"face-{person.code}-selfie": SimpleUploadedFile("me.jpg", content, "image/jpeg")}
    return client.post(_url(filing, person, "selfie/"), data, **EN, **extra)


def test_start_then_selfie_then_the_result_passes(client, alice, at_materials):
    person = _person(at_materials)
    client.force_login(alice)
    page = client.get(f"/filings/{at_materials.code}/materials/", **EN).content.decode()
    assert "Start face verification" in page and f'id="id_materials-face-{person.code}"' in page
    response = client.post(_url(at_materials, person), **EN)
    assert response.status_code == 302 and response["Location"].endswith(f"#id_materials-face-{person.code}")
    page = client.get(f"/filings/{at_materials.code}/materials/", **EN).content.decode()
    assert "Waiting for the selfie" in page and f'name="face-{person.code}-selfie"' in page
    assert _send_selfie(client, at_materials, person, selfie()).status_code == 302
    check = FaceVerification.objects.get(filing=at_materials, person=person)
    row = client.get(_url(at_materials, person, "status/"), HTTP_HX_REQUEST="true", **EN).content.decode()
    assert "Checking" in row and 'hx-trigger="every 2s"' in row
    face_verification_record_result(verification_id=check.pk)
    row = client.get(_url(at_materials, person, "status/"), HTTP_HX_REQUEST="true", **EN).content.decode()
    assert "Passed" in row and "every 2s" not in row


def test_a_failed_check_says_why_and_offers_to_try_again(client, alice, at_materials):
    person = _person(at_materials)
    FaceCheckOutcome.objects.create(
        person_reference=str(person.code), reason="非活体检测未通过 Not a live person"
    )
    client.force_login(alice)
    client.post(_url(at_materials, person), HTTP_HX_REQUEST="true")
    row = _send_selfie(client, at_materials, person, selfie(), HTTP_HX_REQUEST="true").content.decode()
    assert "Checking" in row
    face_verification_record_result(verification_id=FaceVerification.objects.get(person=person).pk)
    page = client.get(f"/filings/{at_materials.code}/materials/", **EN).content.decode()
    assert "Not a live person" in page and "Try again" in page
    client.post(_url(at_materials, person))
    assert FaceVerification.objects.filter(person=person).count() == 2


def test_an_empty_or_missing_selfie_is_named_beside_the_field(client, alice, at_materials):
    person = _person(at_materials)
    client.force_login(alice)
    client.post(_url(at_materials, person))
    response = client.post(_url(at_materials, person, "selfie/"), **EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        f'id="id_face-{person.code}-selfie-error"' in page and f'href="#id_face-{person.code}-selfie"' in page
    )
    assert FaceVerification.objects.get(person=person).selfie_submitted_at is None


def test_a_second_selfie_for_the_same_check_is_refused_in_words(client, alice, at_materials):
    person = _person(at_materials)
    client.force_login(alice)
    client.post(_url(at_materials, person))
    _send_selfie(client, at_materials, person, selfie())
    response = _send_selfie(client, at_materials, person, selfie())
    assert response.status_code == 200 and "already sent" in response.content.decode()


# --- Negatives ----------------------------------------------------------------------------------------------
def _urls(filing, person):
    return [
        ("post", _url(filing, person)),
        ("post", _url(filing, person, "selfie/")),
        ("get", _url(filing, person, "status/")),
    ]


def test_another_applicants_filing_is_not_found(client, bob, at_materials):
    person = _person(at_materials)
    client.force_login(bob)
    for method, url in _urls(at_materials, person):
        assert getattr(client, method)(url).status_code == 404, url
    assert not FaceVerification.objects.exists()


def test_a_person_of_another_entity_is_not_found(client, alice, build, at_materials):
    other = build.to(build.start(), "materials")
    client.force_login(alice)
    assert client.post(_url(at_materials, _person(other))).status_code == 404


def test_anonymous_is_sent_to_log_in_and_a_specialist_is_forbidden(client, sam, at_materials):
    person = _person(at_materials)
    for method, url in _urls(at_materials, person):
        assert getattr(client, method)(url)["Location"].startswith("/accounts/login/"), url
    client.force_login(sam)
    for method, url in _urls(at_materials, person):
        assert getattr(client, method)(url).status_code == 403, url


def test_the_wrong_method_is_refused(client, alice, at_materials):
    person = _person(at_materials)
    client.force_login(alice)
    assert client.get(_url(at_materials, person)).status_code == 405
    assert client.post(_url(at_materials, person, "status/")).status_code == 405


def test_in_review_a_face_check_cannot_start_and_there_is_no_500(client, alice, build):
    filing = build.to(build.start(), "provider_review")
    person = _person(filing)
    client.force_login(alice)
    before = FaceVerification.objects.count()
    response = client.post(_url(filing, person), **EN)
    assert response.status_code == 200 and "cannot change" in response.content.decode()
    assert FaceVerification.objects.count() == before

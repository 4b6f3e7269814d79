"""Step 4 and step 8 over the API: uploads, the private file, face verification, the verification form,
SMS codes and their resend."""

from __future__ import annotations

import pytest

from filings import services
from materials.models import Material, MaterialDownload
from materials.pipeline import MAX_FILE_BYTES
from materials.requirements import face_verification_people
from simulators.liveness import stage_face_outcome
from simulators.miit import latest_code_sent_to
from tests.api.conftest import error_of, photo

pytestmark = pytest.mark.django_db


def _url(filing, suffix: str = "") -> str:
    return f"/api/v1/filings/{filing.code}/{suffix}"


def _upload(client, filing, kind, content=None, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = {
        "kind": kind,
        "file": SimpleUploadedFile(f"{kind}.jpg", content or photo(3), "image/jpeg"),
        **fields,
    }
    return client.post(_url(filing, "materials/"), body, format="multipart")


@pytest.fixture
def at_materials(build):
    return build.to(build.start(), "materials")


def test_upload_answers_201_processing_and_the_checklist_follows(api, alice, at_materials):
    client = api(alice)
    response = _upload(client, at_materials, "id_front")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "processing" and body["kind"] == "id_front" and body["file"] == ""
    material = Material.objects.get(code=body["id"])
    from materials.services import material_process

    material_process(material_id=material.pk)
    detail = client.get(_url(at_materials)).json()
    front = next(item for item in detail["required_materials"] if item["kind"] == "id_front")
    assert front["status"] == "accepted" and front["material"] == body["id"]
    listed = client.get(_url(at_materials, "materials/")).json()["results"]
    assert listed[0]["file"] == f"/api/v1/filings/{at_materials.code}/materials/{body['id']}/file"


def test_per_website_material_names_its_website(api, alice, at_materials):
    client = api(alice)
    error = error_of(_upload(client, at_materials, "verification_form"))
    assert error["code"] == "material_website_required"
    website = at_materials.filing_websites.get().website
    response = _upload(client, at_materials, "verification_form", website=str(website.code))
    assert response.status_code == 201, response.json()
    assert response.json()["website"] == str(website.code)
    error = error_of(_upload(client, at_materials, "verification_form", website="0" * 32))
    assert error["fields"] == {"website": [error["message"]]}


def test_upload_refusals_in_the_error_shape(api, alice, bob, at_materials):
    client = api(alice)
    response = _upload(client, at_materials, "id_front", b"x" * (MAX_FILE_BYTES + 1))
    assert response.status_code == 413
    assert error_of(response)["code"] == "file_too_large"
    response = _upload(client, at_materials, "id_front", b"x" * (MAX_FILE_BYTES + 512 * 1024))
    assert response.status_code == 413  # refused from Content-Length, before parsing
    error = error_of(_upload(client, at_materials, "passport_photo"))
    assert "kind" in error["fields"]
    error = error_of(client.post(_url(at_materials, "materials/"), {"kind": "id_front"}, format="multipart"))
    assert "file" in error["fields"]
    response = client.post(_url(at_materials, "materials/"), {"kind": "id_front"}, format="json")
    assert response.status_code == 415
    assert error_of(response)["code"] == "unsupported_media_type"
    assert _upload(api(bob), at_materials, "id_front").status_code == 404
    assert _upload(api(), at_materials, "id_front").status_code == 401


def test_upload_after_submit_is_a_conflict(api, alice, drive, build):
    filing = drive(build.start(), "provider_review")
    response = _upload(api(alice), filing, "id_front")
    assert response.status_code == 409


def test_file_streams_to_the_owner_and_the_reviewers_only_and_logs_others(
    api, alice, bob, sam, olga, drive, build
):
    filing = drive(build.start(), "provider_review")
    material = filing.materials.filter(status="accepted").first()
    url = _url(filing, f"materials/{material.code}/file")
    response = api(alice).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    assert not MaterialDownload.objects.exists()
    assert api(sam).get(url).status_code == 200
    assert api(olga).get(url).status_code == 200
    assert MaterialDownload.objects.filter(material=material).count() == 2
    assert api(bob).get(url).status_code == 404
    assert api().get(url).status_code == 401
    other = drive(build.start(applicant=bob), "materials")
    # A material reached through another filing's URL is not found either.
    assert api(alice).get(_url(filing, f"materials/{other.code}/file")).status_code == 404
    assert api(alice).post(url).status_code == 405


def test_face_verification_returns_the_reference_and_the_result(api, alice, at_materials):
    person = face_verification_people(at_materials)[0]
    from django.core.files.uploadedfile import SimpleUploadedFile

    def verify():
        body = {"person": str(person.code), "selfie": SimpleUploadedFile("me.jpg", photo(9), "image/jpeg")}
        return api(alice).post(_url(at_materials, "face-verification/"), body, format="multipart")

    stage_face_outcome(person_reference=str(person.code), reason="非活体 Not live")
    response = verify()
    assert response.status_code == 201, response.json()
    first = response.json()
    assert first["reference"].startswith("FACE-") and first["person"] == str(person.code)
    assert first["status"] == "pending"  # the result is read by a job
    from materials.models import FaceVerification
    from materials.services import face_verification_record_result

    face_verification_record_result(verification_id=FaceVerification.objects.get(code=first["id"]).pk)
    face = api(alice).get(_url(at_materials)).json()["face_verification"]
    assert face[0]["status"] == "failed" and "Not live" in face[0]["reason"]
    second = verify().json()
    assert second["reference"] != first["reference"]


def test_face_verification_negatives(api, alice, bob, at_materials):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def post(client, person, selfie=True):
        body = {"person": person}
        if selfie:
            body["selfie"] = SimpleUploadedFile("me.jpg", photo(9), "image/jpeg")
        return client.post(_url(at_materials, "face-verification/"), body, format="multipart")

    person = face_verification_people(at_materials)[0]
    assert error_of(post(api(alice), "00000000-0000-0000-0000-000000000000"))["code"] == "face_person_unknown"
    assert "person" in error_of(post(api(alice), "nobody"))["fields"]
    assert "selfie" in error_of(post(api(alice), str(person.code), selfie=False))["fields"]
    assert post(api(bob), str(person.code)).status_code == 404
    assert post(api(), str(person.code)).status_code == 401


def test_verification_form_is_a_pdf_for_the_owner(api, alice, bob, sam, at_materials):
    website = at_materials.filing_websites.get().website
    url = _url(at_materials, f"verification-form/{website.code}/")
    response = api(alice).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert api(bob).get(url).status_code == 404
    assert api(sam).get(url).status_code == 404
    assert api(alice).get(_url(at_materials, f"verification-form/{at_materials.code}/")).status_code == 404
    assert api().get(url).status_code == 401


@pytest.fixture
def awaiting_sms(drive, build):
    filing = drive(build.start(region="CN-ZJ"), "miit_submission")
    services.filing_hand_to_miit(filing_id=filing.pk)
    filing.refresh_from_db()
    assert filing.state == "sms_verification"
    return filing


def test_sms_codes_verified_over_the_transition(api, alice, awaiting_sms):
    filing = awaiting_sms
    client = api(alice)
    sms = client.get(_url(filing)).json()["sms"]
    assert sms["required"] is True and sms["expires_at"]
    mobiles = [person["mobile"] for person in sms["people"]]
    assert len(mobiles) == 1 and "*" not in mobiles[0]
    tail = filing.entity.certificate_number[-6:]
    wrong = {"codes": [{"mobile": mobiles[0], "code": "000000", "certificate_tail": "XXXXXX"}]}
    response = client.post(_url(filing, "transitions/verify_sms/"), wrong, format="json")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "sms_code_wrong" and list(error["fields"]) == ["codes.0.code"]
    assert client.get(_url(filing)).json()["sms"]["people"][0]["attempts_left"] == 4
    right = {
        "codes": [{"mobile": mobiles[0], "code": latest_code_sent_to(mobiles[0]), "certificate_tail": tail}]
    }
    response = client.post(_url(filing, "transitions/verify_sms/"), right, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "miit_review"
    assert response.json()["deadlines"]["miit_review_due"]


def test_verify_sms_negatives(api, alice, sam, awaiting_sms):
    client = api(alice)
    url = _url(awaiting_sms, "transitions/verify_sms/")
    assert error_of(client.post(url, {}, format="json"))["fields"] == {
        "codes": [error_of(client.post(url, {}, format="json"))["message"]]
    }
    bad_shape = {"codes": [{"mobile": "1"}]}
    assert set(error_of(client.post(url, bad_shape, format="json"))["fields"]) == {
        "codes.0.code",
        "codes.0.certificate_tail",
    }
    unknown = {"codes": [{"mobile": "13900000000", "code": "1", "certificate_tail": "1"}]}
    assert list(error_of(client.post(url, unknown, format="json"))["fields"]) == ["codes.0.mobile"]
    assert api(sam).post(url, unknown, format="json").status_code == 404  # not his to review


def test_sms_resend_once_then_refused_with_429(api, alice, bob, awaiting_sms, settings):
    client = api(alice)
    mobile = awaiting_sms.sms_verifications.get().mobile
    url = _url(awaiting_sms, "sms/resend/")
    from simulators.models import SmsInboxMessage

    # MIIT rate-limits a number to one text a minute: let the first code be older than that.
    SmsInboxMessage.objects.filter(mobile=mobile).update(sent_at="2020-01-01T00:00:00Z")
    first = latest_code_sent_to(mobile)
    response = client.post(url, {"mobile": mobile}, format="json")
    assert response.status_code == 202, response.json()
    assert (
        latest_code_sent_to(mobile) is not None and SmsInboxMessage.objects.filter(mobile=mobile).count() == 2
    )
    assert first is not None
    response = client.post(url, {"mobile": mobile}, format="json")
    assert response.status_code == 429
    assert error_of(response)["code"] == "sms_resend_refused"
    assert (
        error_of(client.post(url, {"mobile": "13900000000"}, format="json"))["code"] == "sms_unknown_mobile"
    )
    assert "mobile" in error_of(client.post(url, {}, format="json"))["fields"]
    assert api(bob).post(url, {"mobile": mobile}, format="json").status_code == 404


def test_sms_endpoints_are_rate_limited(api, alice, awaiting_sms, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK}
    from rest_framework.throttling import ScopedRateThrottle

    original = ScopedRateThrottle.THROTTLE_RATES
    ScopedRateThrottle.THROTTLE_RATES = {**original, "sms": "2/minute"}
    try:
        client = api(alice)
        url = _url(awaiting_sms, "transitions/verify_sms/")
        wrong = {"codes": [{"mobile": "13900000000", "code": "1", "certificate_tail": "1"}]}
        assert [client.post(url, wrong, format="json").status_code for _ in range(3)] == [400, 400, 429]
        response = client.post(url, wrong, format="json")
        assert error_of(response)["code"] == "throttled"
        assert int(response["Retry-After"]) > 0
        # Other transitions are not limited by the SMS rate.
        assert client.post(_url(awaiting_sms, "transitions/submit/")).status_code == 409
    finally:
        ScopedRateThrottle.THROTTLE_RATES = original


def test_sms_resend_outside_sms_verification_is_a_conflict(api, alice, at_materials):
    response = api(alice).post(_url(at_materials, "sms/resend/"), {"mobile": "13900000000"}, format="json")
    assert response.status_code == 409


def test_uploads_are_rate_limited_reading_is_not(api, alice, at_materials):
    from rest_framework.throttling import ScopedRateThrottle

    original = ScopedRateThrottle.THROTTLE_RATES
    ScopedRateThrottle.THROTTLE_RATES = {**original, "uploads": "2/minute"}
    try:
        client = api(alice)
        assert [_upload(client, at_materials, "id_front").status_code for _ in range(3)] == [201, 201, 429]
        assert error_of(_upload(client, at_materials, "id_back"))["code"] == "throttled"
        assert client.get(_url(at_materials, "materials/")).status_code == 200
    finally:
        ScopedRateThrottle.THROTTLE_RATES = original

"""Certificate recognition over the API: send, poll, attach, a filing's list; and the negatives (another
user's photo or filing → 404, bad input → field errors, a specialist does not send photos)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from materials.models import Material, MaterialKind
from materials.recognition.models import CertificateRecognition
from materials.recognition.services import recognition_run
from tests.api.conftest import token_client
from tests.material_files import photo
from tests.materials.recognition import engines

pytestmark = pytest.mark.django_db
NUMBER = "91330106MA2GL0YT5U"  # the fake parsers' licence (tests/materials/recognition/engines.py)


def _send(client, purpose="entity_certificate", content=None, **fields):
    body = {
        "purpose": purpose,
        "file": SimpleUploadedFile("photo.jpg", content or photo(seed=21), "image/jpeg"),
        **fields,
    }
    with mock.patch("materials.tasks.certificate_recognition_task.delay"):
        return client.post("/api/v1/recognitions/", body, format="multipart")


def test_send_then_poll_the_proposals(alice, fixed_ocr):
    client = token_client(alice)
    sent = _send(client)
    assert sent.status_code == 202, sent.json()
    body = sent.json()
    assert body["status"] == "processing" and body["proposals"] == [] and body["filing"] is None
    recognition_run(recognition_id=CertificateRecognition.objects.get(code=body["id"]).pk)

    polled = client.get(f"/api/v1/recognitions/{body['id']}/").json()
    assert polled["status"] == "recognised" and polled["kind"] == "business_licence"
    proposals = {item["field"]: item for item in polled["proposals"]}
    assert proposals["credit_code"]["value"] == NUMBER  # the sender's own: whole, to fill the form
    assert proposals["credit_code"]["masked"] == "9133**********YT5U"
    assert proposals["name"]["confidence"] == 0.97


def test_attach_step_1s_photo_to_its_filing_and_list_it_masked(alice, sam, build, fixed_ocr):
    client = token_client(alice)
    body = _send(client).json()
    recognition_run(recognition_id=CertificateRecognition.objects.get(code=body["id"]).pk)
    filing = build.start(nature="enterprise")
    with mock.patch("materials.tasks.material_process_task.delay"):
        attached = client.post(
            f"/api/v1/recognitions/{body['id']}/attach/", {"filing": str(filing.code)}, format="json"
        )
        again = client.post(
            f"/api/v1/recognitions/{body['id']}/attach/", {"filing": str(filing.code)}, format="json"
        )
    assert attached.status_code == 200, attached.json()
    assert attached.json()["filing"] == str(filing.code)
    material = Material.objects.get(filing=filing)
    assert material.kind == MaterialKind.ENTITY_CERTIFICATE
    assert attached.json()["material"] == again.json()["material"] == str(material.code)

    listed = client.get(f"/api/v1/filings/{filing.code}/recognitions/").json()
    number = next(item for item in listed[0]["proposals"] if item["field"] == "credit_code")
    assert number["value"] is None and number["masked"] == "9133**********YT5U"
    assert NUMBER not in str(listed)


def test_a_step_3_photo_names_its_filing_and_website(alice, build, fixed_ocr):
    fixed_ocr.result = engines.ID_FRONT
    filing = build.to(build.start(nature="enterprise"), "information")
    website = filing.filing_websites.get().website
    sent = _send(
        token_client(alice), "website_head_id", filing=str(filing.code), website=str(website.code)
    ).json()
    assert sent["filing"] == str(filing.code) and sent["website"] == str(website.code)
    recognition = recognition_run(recognition_id=CertificateRecognition.objects.get(code=sent["id"]).pk)
    assert recognition.material.kind == MaterialKind.WEBSITE_HEAD_ID_FRONT


def test_another_users_photo_or_filing_is_not_found(alice, bob, build, fixed_ocr):
    body = _send(token_client(alice)).json()
    filing = build.start(nature="enterprise")
    other = token_client(bob)
    assert other.get(f"/api/v1/recognitions/{body['id']}/").status_code == 404
    attach = other.post(f"/api/v1/recognitions/{body['id']}/attach/", {"filing": str(filing.code)})
    assert attach.status_code == 404
    assert other.get(f"/api/v1/filings/{filing.code}/recognitions/").status_code == 404
    assert _send(other, "entity_head_id", filing=str(filing.code)).status_code == 404
    assert token_client().get(f"/api/v1/recognitions/{body['id']}/").status_code == 401
    assert not Material.objects.exists()


def test_bad_input_is_named_field_by_field(alice, build):
    client = token_client(alice)
    response = client.post("/api/v1/recognitions/", {"purpose": "passport"}, format="multipart")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) >= {"purpose", "file"}
    not_a_photo = _send(client, content=b"%PDF-1.4 no photo")
    assert not_a_photo.status_code == 415
    filing = build.to(build.start(nature="enterprise"), "information")
    no_website = _send(client, "website_head_id", filing=str(filing.code))
    assert no_website.status_code == 400 and "website" in no_website.json()["error"]["fields"]
    body = _send(client).json()
    bad = client.post(f"/api/v1/recognitions/{body['id']}/attach/", {"filing": "nope"}, format="json")
    assert bad.status_code == 400 and "filing" in bad.json()["error"]["fields"]
    assert client.get("/api/v1/recognitions/not-a-uuid/").status_code == 404


def test_a_submitted_filing_takes_no_more_photos(alice, build):
    filing = build.to(build.start(nature="enterprise"), "provider_review")
    refused = _send(token_client(alice), "entity_head_id", filing=str(filing.code))
    assert refused.status_code == 409
    assert not CertificateRecognition.objects.exists()

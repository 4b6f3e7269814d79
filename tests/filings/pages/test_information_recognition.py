"""Step 3's proposals from the photos: the entity's name, address and validity from step 1's certificate, a
person's name and number from their ID photo; used only when asked, nothing saved, a correction wins (fake
engine and parsers: see tests/materials/recognition/)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from entities.recognition import CertificateKind, Proposal, Recognition
from materials.models import MaterialKind
from materials.recognition.models import CertificateRecognition
from materials.recognition.services import recognition_attach, recognition_run, recognition_upload
from tests.builders import resident_id
from tests.filings.pages.test_information import _post, _url
from tests.material_files import photo
from tests.materials.recognition import engines

pytestmark = pytest.mark.django_db
LICENCE = Recognition(
    kind=CertificateKind.BUSINESS_LICENCE,
    fields={
        "name": Proposal("杭州云帆科技有限公司", 0.97),
        "address": Proposal("浙江省杭州市西湖区文三路90号", 0.88),
        "valid_until": Proposal("2046-05-01", 0.9),
    },
)


@pytest.fixture
def fixed_ocr(settings, monkeypatch):
    return engines.use_fixed_ocr(settings, monkeypatch)


@pytest.fixture
def filing(alice, build, fixed_ocr):
    """An organisation's filing at step 3 whose step 1 started from a photo of its licence."""
    fixed_ocr.result = LICENCE
    filing = build.to(build.start(nature="enterprise", domains=["yunfan.cn"]), "information")
    recognition = recognition_upload(
        by=alice, purpose="entity_certificate", content=photo(seed=11), filename="licence.jpg"
    )
    recognition_run(recognition_id=recognition.pk)
    recognition_attach(recognition=recognition, filing=filing, by=alice)
    return filing


def test_the_entitys_proposals_stand_beside_its_fields_with_their_confidence(client, alice, filing):
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    panel = page.split('id="recognition-entity"')[1].split('id="entity-head"')[0]
    assert "杭州云帆科技有限公司" in panel and "(97% sure)" in panel
    assert "浙江省杭州市西湖区文三路90号" in panel and "2046-05-01" in panel
    assert 'name="accept_recognition" value="entity"' in panel


def test_using_the_proposals_fills_the_fields_and_saves_nothing(client, alice, build, filing):
    client.force_login(alice)
    data = _post(build.information(filing), button="accept_recognition") | {"accept_recognition": "entity"}
    page = client.post(_url(filing), data).content.decode()
    assert 'value="杭州云帆科技有限公司"' in page
    assert 'value="文三路90号"' in page  # the street; the province, city and district are chosen
    assert 'value="2046-05-01"' in page
    filing.entity.refresh_from_db()
    assert filing.entity.name == ""  # nothing saved until "save"

    # The applicant corrects the name the photo gave: what they submit is what is stored.
    data = _post(build.information(filing), button="later") | {"entity-name": "杭州云帆网络科技有限公司"}
    assert client.post(_url(filing), data).status_code == 302
    filing.entity.refresh_from_db()
    assert filing.entity.name == "杭州云帆网络科技有限公司"


def test_a_persons_id_photo_is_read_and_kept_as_their_id(client, alice, build, filing, fixed_ocr):
    fixed_ocr.result = engines.ID_FRONT
    client.force_login(alice)
    data = _post(build.information(filing), button="recognise") | {"recognise": "entity-head"}
    data["entity-head-photo"] = SimpleUploadedFile("id.jpg", photo(seed=12), content_type="image/jpeg")
    with mock.patch("materials.tasks.certificate_recognition_task.delay"):
        page = client.post(_url(filing), data).content.decode()
    recognition = CertificateRecognition.objects.get(purpose="entity_head_id")
    assert recognition.filing == filing
    assert "refresh_recognition" in page  # being read
    recognition = recognition_run(recognition_id=recognition.pk)
    assert recognition.material.kind == MaterialKind.ENTITY_HEAD_ID_FRONT  # their ID for step 4

    data = _post(build.information(filing), button="x") | {"accept_recognition": "entity-head"}
    page = client.post(_url(filing), data).content.decode()
    assert 'value="李四"' in page and 'value="110101199003074258"' in page


def test_a_website_head_photo_opens_their_fields(client, alice, build, filing, fixed_ocr):
    fixed_ocr.result = Recognition(
        kind=CertificateKind.ID_CARD_FRONT,
        fields={"name": Proposal("赵六", 0.9), "number": Proposal(resident_id(), 0.9)},
    )
    client.force_login(alice)
    data = _post(build.information(filing), button="recognise") | {"recognise": "websites-0-head"}
    data["websites-0-head-photo"] = SimpleUploadedFile("id.jpg", photo(seed=13), content_type="image/jpeg")
    client.post(_url(filing), data)
    recognition = recognition_run(
        recognition_id=CertificateRecognition.objects.get(purpose="website_head_id").pk
    )
    assert recognition.material.kind == MaterialKind.WEBSITE_HEAD_ID_FRONT
    assert recognition.website == filing.filing_websites.get().website
    data = _post(build.information(filing), button="x") | {"accept_recognition": "websites-0-head"}
    page = client.post(_url(filing), data).content.decode()
    assert 'value="赵六"' in page
    assert 'name="websites-0-own_head" id="id_websites-0-own_head" checked' in page


def test_a_photo_without_a_file_or_not_a_photo_is_named_beside_the_photo_field(client, alice, build, filing):
    client.force_login(alice)
    data = _post(build.information(filing), button="recognise") | {"recognise": "entity-head"}
    assert 'id="id_entity-head-photo-error"' in client.post(_url(filing), data).content.decode()
    data["entity-head-photo"] = SimpleUploadedFile("id.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert 'id="id_entity-head-photo-error"' in client.post(_url(filing), data).content.decode()
    assert not CertificateRecognition.objects.filter(purpose="entity_head_id").exists()


def test_another_applicant_sees_nothing(client, bob, build, filing):
    client.force_login(bob)
    data = _post(build.information(filing), button="x") | {"accept_recognition": "entity"}
    assert client.post(_url(filing), data).status_code == 404
    recognition = CertificateRecognition.objects.get()
    assert client.get(f"/filings/recognitions/{recognition.code}/panel/?slot=entity").status_code == 404


def test_an_individuals_step_1_id_proposes_their_own_name_and_number(client, alice, build, fixed_ocr):
    number = resident_id()
    fixed_ocr.result = Recognition(
        kind=CertificateKind.ID_CARD_FRONT,
        fields={
            "name": Proposal("王小明", 0.95),
            "number": Proposal(number, 0.92),
            "address": Proposal("北京市东城区建国路1号", 0.9),
        },
    )
    filing = build.to(build.start(certificate_number=number), "information")
    recognition = recognition_upload(
        by=alice, purpose="entity_certificate", content=photo(seed=14), filename="id.jpg"
    )
    recognition_run(recognition_id=recognition.pk)
    recognition_attach(recognition=recognition, filing=filing, by=alice)
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="entity-head-photo"' not in page  # their ID was sent at step 1: no second photo asked
    head = page.split('id="recognition-entity-head"')[1]
    assert "王小明" in head and number[:4] + "*" * 10 + number[-4:] in head and number not in head
    data = _post(build.information(filing), button="x") | {"accept_recognition": "entity-head"}
    used = client.post(_url(filing), data).content.decode()
    assert f'value="{number}"' in used and 'value="王小明"' in used

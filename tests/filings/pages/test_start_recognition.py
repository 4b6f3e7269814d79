"""Step 1 from a photo of the certificate: the photo is read by the job, its proposals are shown with their
confidence, "use these values" fills the fields without saving anything, a correction wins, and the photo
becomes the filing's certificate material (fake engine and parsers: see tests/materials/recognition/)."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from entities.recognition import CertificateKind, Proposal, Recognition
from filings.models import Filing
from materials.models import Material, MaterialKind
from materials.recognition.models import CertificateRecognition, RecognitionStatus
from materials.recognition.services import recognition_run
from tests.builders import credit_code
from tests.material_files import photo
from tests.materials.recognition import engines

pytestmark = pytest.mark.django_db
START = "/filings/new/start/"


@pytest.fixture
def fixed_ocr(settings, monkeypatch):
    return engines.use_fixed_ocr(settings, monkeypatch)


def _form(**extra) -> dict:
    data = {
        "entity-region": "CN-ZJ",
        "entity-nature": "",
        "entity-certificate_type": "",
        "entity-certificate_number": "",
        "websites-TOTAL_FORMS": "1",
        "websites-INITIAL_FORMS": "0",
        "websites-MIN_NUM_FORMS": "1",
        "websites-MAX_NUM_FORMS": "10",
        "websites-0-domain": "yunfan-keji.cn",
    }
    return data | extra


def _licence(number: str) -> Recognition:
    return Recognition(
        kind=CertificateKind.BUSINESS_LICENCE,
        fields={"name": Proposal("杭州云帆科技有限公司", 0.97), "credit_code": Proposal(number, 0.93)},
    )


def _send_photo(client, content: bytes = b""):
    with mock.patch("materials.tasks.certificate_recognition_task.delay"):
        upload = SimpleUploadedFile("licence.jpg", content or photo(seed=9), content_type="image/jpeg")
        return client.post(START, _form(recognise="entity", **{"entity-photo": upload}))


def test_a_photo_is_read_by_the_job_and_the_typed_domain_stays(client, alice, fixed_ocr):
    client.force_login(alice)
    page = _send_photo(client).content.decode()
    recognition = CertificateRecognition.objects.get(owner=alice)
    assert (
        recognition.status == RecognitionStatus.PROCESSING and fixed_ocr.reads == 0
    )  # not in the web process
    assert 'value="yunfan-keji.cn"' in page
    assert f'name="entity-recognition" value="{recognition.code}"' in page
    assert f"/filings/recognitions/{recognition.code}/panel/?slot=entity&amp;step=1" in page  # htmx polls
    assert 'name="refresh_recognition"' in page  # without JavaScript: check again
    assert not Filing.objects.exists()


def test_the_proposals_are_used_only_when_asked_and_a_correction_wins(client, alice, fixed_ocr):
    number = credit_code("330106")
    fixed_ocr.result = _licence(number)
    client.force_login(alice)
    _send_photo(client)
    recognition = recognition_run(recognition_id=CertificateRecognition.objects.get().pk)
    form = _form(**{"entity-recognition": str(recognition.code)})

    shown = client.post(START, form | {"refresh_recognition": "entity"}, HTTP_ACCEPT_LANGUAGE="en")
    page = shown.content.decode()
    assert "Business licence" in page and "(93% sure)" in page
    assert number not in page  # masked until the applicant uses it
    assert 'name="accept_recognition"' in page

    used = client.post(START, form | {"accept_recognition": "entity"}).content.decode()
    assert f'value="{number}"' in used
    assert '<option value="enterprise" selected>' in used
    assert '<option value="business_licence" selected>' in used
    assert not Filing.objects.exists()  # nothing saved by using them

    corrected = credit_code("330106")  # the applicant types another number: theirs is what counts
    answer = {
        "entity-nature": "enterprise",
        "entity-certificate_type": "business_licence",
        "entity-certificate_number": corrected,
    }
    with mock.patch("materials.tasks.material_process_task.delay"):
        response = client.post(START, form | answer)
    assert response.status_code == 302
    filing = Filing.objects.get()
    assert filing.entity.certificate_number == corrected
    recognition.refresh_from_db()
    assert recognition.filing == filing
    assert Material.objects.get(filing=filing).kind == MaterialKind.ENTITY_CERTIFICATE


def test_a_photo_that_is_no_certificate_says_nothing_recognised(client, alice, fixed_ocr):
    fixed_ocr.result = engines.NOTHING
    client.force_login(alice)
    _send_photo(client)
    recognition = recognition_run(recognition_id=CertificateRecognition.objects.get().pk)
    response = client.post(
        START, _form(**{"entity-recognition": str(recognition.code), "refresh_recognition": "1"})
    )
    assert response.status_code == 200
    # force_login does not switch the language as the login page does: the page is in Chinese.
    with translation.override("zh-hans"):
        assert translation.gettext("Nothing recognised") in response.content.decode()


def test_a_file_that_is_not_a_photo_is_refused_beside_the_photo_field(client, alice):
    client.force_login(alice)
    response = _send_photo(client, content=b"%PDF-1.4 not a photo")
    assert response.status_code == 200
    assert 'id="id_entity-photo-error"' in response.content.decode()
    assert not CertificateRecognition.objects.exists()


def test_the_panel_is_the_owners_only(client, alice, bob, fixed_ocr):
    client.force_login(alice)
    _send_photo(client)
    recognition = CertificateRecognition.objects.get()
    url = f"/filings/recognitions/{recognition.code}/panel/?slot=entity&step=1"
    assert client.get(url).status_code == 200
    client.force_login(bob)
    assert client.get(url).status_code == 404
    # Another's photo named in the form is ignored: no proposals, no attachment.
    page = client.post(
        START, _form(**{"entity-recognition": str(recognition.code), "accept_recognition": "1"})
    )
    assert str(recognition.code) not in page.content.decode()
    client.logout()
    assert client.get(url).status_code == 302  # to the login page

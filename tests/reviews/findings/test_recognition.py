"""The recognition finding: a name or number submitted differently from what was read on the photo that is
the filing's material is an advisory naming both (numbers masked); a matching one, a replaced photo or a
photo with nothing read gives none."""

from __future__ import annotations

import pytest

from entities.recognition import CertificateKind, Proposal, Recognition
from materials.models import Material
from materials.recognition.services import recognition_attach, recognition_run, recognition_upload
from reviews.findings import run_findings
from tests.builders import credit_code
from tests.material_files import photo
from tests.materials.recognition import engines

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixed_ocr(settings, monkeypatch):
    return engines.use_fixed_ocr(settings, monkeypatch)


@pytest.fixture
def in_review(build):
    return build.to(build.start(nature="enterprise", region="CN-ZJ"), "provider_review")


def _read(filing, fixed_ocr, *, name: str, number: str, purpose: str = "entity_certificate"):
    fixed_ocr.result = Recognition(
        kind=CertificateKind.BUSINESS_LICENCE
        if purpose == "entity_certificate"
        else CertificateKind.ID_CARD_FRONT,
        fields={
            "name": Proposal(name, 0.9),
            ("credit_code" if purpose == "entity_certificate" else "number"): Proposal(number, 0.9),
        },
    )
    recognition = recognition_upload(
        by=filing.applicant, purpose=purpose, content=photo(seed=31), filename="licence.jpg"
    )
    recognition_run(recognition_id=recognition.pk)
    recognition_attach(recognition=recognition, filing=filing, by=filing.applicant)
    return recognition


def _recognition_findings(filing):
    return {item.field: item for item in run_findings(filing) if item.code == "recognised_value_differs"}


def test_what_matches_the_photo_gives_no_finding(in_review, fixed_ocr):
    entity = in_review.entity
    _read(in_review, fixed_ocr, name=entity.name.replace("(", "（"), number=entity.certificate_number)
    assert _recognition_findings(in_review) == {}


def test_a_name_and_number_typed_otherwise_are_advisories_naming_both(in_review, fixed_ocr):
    entity = in_review.entity
    read_number = credit_code("330106")
    _read(in_review, fixed_ocr, name="杭州另一家科技有限公司", number=read_number)
    findings = _recognition_findings(in_review)
    assert set(findings) == {"entity.name", "entity.certificate_number"}
    assert {item.severity for item in findings.values()} == {"advisory"}
    name = findings["entity.name"]
    assert entity.name in name.message and "杭州另一家科技有限公司" in name.message and " / " in name.message
    number = findings["entity.certificate_number"]
    assert entity.certificate_number not in number.message and read_number not in number.message
    assert entity.certificate_number_masked in number.message
    assert number.evidence["recognised"] == read_number[:4] + "*" * 10 + read_number[-4:]
    assert number.evidence["group"] == "recognition" and number.evidence["material"]


def test_a_persons_photo_is_compared_with_that_person(in_review, fixed_ocr):
    head = in_review.entity.head
    _read(in_review, fixed_ocr, name="王五", number=head.certificate_number, purpose="entity_head_id")
    assert set(_recognition_findings(in_review)) == {"entity.head.name"}


def test_a_photo_replaced_by_a_later_upload_no_longer_counts(in_review, fixed_ocr):
    _read(in_review, fixed_ocr, name="杭州另一家科技有限公司", number=credit_code("330106"))
    assert _recognition_findings(in_review)
    # A later upload of the licence (step 4 re-opened, or returned): the photo read is no longer the material.
    Material.objects.create(filing=in_review, kind="entity_certificate", original_name="later.jpg")
    assert _recognition_findings(in_review) == {}


def test_nothing_read_gives_no_finding(in_review, fixed_ocr):
    fixed_ocr.result = engines.NOTHING
    recognition = recognition_upload(
        by=in_review.applicant, purpose="entity_certificate", content=photo(seed=33), filename="cat.jpg"
    )
    recognition_run(recognition_id=recognition.pk)
    recognition_attach(recognition=recognition, filing=in_review, by=in_review.applicant)
    assert _recognition_findings(in_review) == {}

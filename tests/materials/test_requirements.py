"""Step 4: which materials a filing needs, and leaving ``materials`` only once they are all accepted."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError
from entities.models import EntityNature, Person, Region
from filings import services
from materials.models import Material
from materials.requirements import face_verification_people, required_materials
from tests.builders import resident_id
from tests.material_files import photo
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


# --- Which materials ---------------------------------------------------------------------------------------
def test_an_individual_uploads_the_id_once_and_a_form_per_website(build):
    filing = build.to(build.start(domains=["one.com", "two.com"]), "materials")
    assert fields_of(filing) == [
        "materials.id_front",
        "materials.id_back",
        "materials.verification_form.0",
        "materials.verification_form.1",
    ]
    assert face_verification_people(filing) == [filing.entity.head]  # one person in charge of both


def test_an_organisation_uploads_its_licence_and_its_head_id(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE), "materials")
    assert fields_of(filing) == [
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
        website = website_of(filing, index)
        website.head = other
        website.save()
    assert fields_of(filing)[-4:] == [
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
    assert fields_of(filing)[:2] == ["materials.id_front", "materials.verification_form.0"]


def test_residence_permit_for_a_non_local_individual_where_the_region_says_so(build):
    shanghai = Region.objects.get(code="CN-SH")
    assert shanghai.individual_residency == "residence_permit"
    outsider = build.to(build.start(region="CN-SH", certificate_number=resident_id("110101")), "materials")
    local = build.to(build.start(region="CN-SH", certificate_number=resident_id("310101")), "materials")
    assert "materials.residence_permit" in fields_of(outsider)
    assert "materials.residence_permit" not in fields_of(local)

    Region.objects.filter(pk=shanghai.pk).update(individual_residency="any")  # the rule is data
    outsider.refresh_from_db()
    assert "materials.residence_permit" not in fields_of(outsider)


def test_authorisation_letter_where_the_region_requires_the_legal_representative(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE), "materials")
    Person.objects.filter(pk=filing.entity.head_id).update(is_legal_representative=False)
    filing.entity.refresh_from_db()
    assert "materials.authorisation_letter" not in fields_of(filing)  # Beijing does not require it

    Region.objects.filter(code="CN-BJ").update(head_must_be_legal_rep=True)
    filing.refresh_from_db()
    assert "materials.authorisation_letter" in fields_of(filing)

    Person.objects.filter(pk=filing.entity.head_id).update(is_legal_representative=True)
    filing.entity.refresh_from_db()
    assert "materials.authorisation_letter" not in fields_of(filing)


def test_a_document_per_pre_approval_category(build):
    filing = build.to(build.start(nature=EntityNature.ENTERPRISE), "materials")
    website = website_of(filing)
    website.pre_approvals = [
        {"category": "news", "number": "N-1", "issuer": "网信办", "valid_until": "2030-01-01"}
    ]
    website.save()
    required = [item for item in required_materials(filing) if item.kind == "pre_approval_document"]
    assert [item.field for item in required] == ["materials.pre_approval_document.0.news"]
    assert "新闻" in required[0].label_zh


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

    upload(filing, "id_front", photo(seed=1))  # not processed yet
    process(upload(filing, "id_back", photo(seed=2)))
    process(
        upload(filing, "verification_form", (DATA / "document.pdf").read_bytes(), website=website_of(filing))
    )
    with pytest.raises(ApplicationError) as refused:
        services.filing_complete_materials(filing=filing, by=filing.applicant)
    assert set(refused.value.fields) == {"materials.id_front", f"materials.face.{person.code}"}
    assert "still being processed" in refused.value.fields["materials.id_front"][0]

    for material in Material.objects.filter(status="processing"):
        process(material)
    pass_face(filing)
    filing = services.filing_complete_materials(filing=filing, by=filing.applicant)
    assert filing.state == "self_check"


def test_submit_checks_the_materials_again(build):
    filing = build.to(build.start(), "self_check")
    Material.objects.filter(filing=filing, kind="id_back").update(status="rejected", rejection_message="x")
    with pytest.raises(ApplicationError) as refused:
        services.filing_submit(filing=filing, by=filing.applicant)
    assert list(refused.value.fields) == ["materials.id_back"]

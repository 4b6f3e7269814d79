"""Helpers of the step-4 tests: a private root per test, uploading and processing, passing the face checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from materials import services as material_services
from materials.models import Material
from materials.requirements import face_verification_people, required_materials
from tests.material_files import photo, selfie

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def fields_of(filing) -> list[str]:
    return [item.field for item in required_materials(filing)]


def upload(filing, kind, content=None, *, website=None, by=None, **extra) -> Material:
    return material_services.material_upload(
        filing=filing,
        by=by or filing.applicant,
        kind=kind,
        website=website,
        content=photo(seed=len(kind) + 7) if content is None else content,
        filename="scan.jpg",
        **extra,
    )


def process(material: Material) -> Material:
    return material_services.material_process(material_id=material.pk)


def website_of(filing, index=0):
    return filing.filing_websites.select_related("website").get(position=index).website


def pass_face(filing) -> None:
    for person in face_verification_people(filing):
        check = material_services.face_verification_start(filing=filing, by=filing.applicant, person=person)
        material_services.face_verification_submit_selfie(
            verification=check, by=filing.applicant, image=selfie()
        )
        material_services.face_verification_record_result(verification_id=check.pk)

"""Fixtures for the API tests: token clients per persona, files to upload, and a way past step 4.

``tests/builders.py`` drives filings through the services; step 4 (materials and face verification) is done
here through the material services too, the processing job run in-process.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image, ImageDraw
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from filings import services
from filings.models import Filing
from materials import services as material_services
from materials.requirements import face_verification_people, required_materials

WIZARD_STEPS = ("type_detection", "instance_verification", "information", "materials")


@pytest.fixture(autouse=True)
def _api_test_settings(settings, tmp_path) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    # The rate limits start unused in every test: tests/conftest.py gives each its own cache key prefix.


def token_client(user: Any = None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api() -> Callable[[Any], APIClient]:
    """``api(alice)`` is a client holding alice's token; ``api()`` is anonymous."""
    return token_client


def photo(seed: int = 0, size: tuple[int, int] = (640, 420)) -> bytes:
    """A colour JPEG above the pipeline's minimum size, different for each seed."""
    width, height = size
    image = Image.new("RGB", size, (30 + seed * 37 % 200, 90, 160))
    draw = ImageDraw.Draw(image)
    for index in range(8):
        x = (seed * 83 + index * 67) % (width - 100)
        y = (seed * 41 + index * 43) % (height - 60)
        colour = ((seed * 50 + index * 30) % 256, (index * 70) % 256, (seed * 90 + 40) % 256)
        draw.rectangle((x, y, x + 80, y + 50), fill=colour, outline=(0, 0, 0), width=3)
    draw.text((10, 10), f"API TEST {seed}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def complete_materials(filing: Filing) -> Filing:
    """Upload and process every required material, pass each face check, then ``complete_materials``."""
    for index, requirement in enumerate(required_materials(filing)):
        material = material_services.material_upload(
            filing=filing,
            by=filing.applicant,
            kind=requirement.kind,
            website=requirement.website,
            content=photo(seed=index + 1),
            filename=f"{requirement.kind}.jpg",
            category=requirement.category,
        )
        material_services.material_process(material_id=material.pk)
    for person in face_verification_people(filing):
        check = material_services.face_verification_start(filing=filing, by=filing.applicant, person=person)
        check = material_services.face_verification_submit_selfie(
            verification=check, by=filing.applicant, image=photo(seed=99)
        )
        material_services.face_verification_record_result(verification_id=check.pk)
    return services.filing_complete_materials(filing=filing, by=filing.applicant)


@pytest.fixture
def drive(build) -> Callable[..., Filing]:
    """``drive(filing, "provider_review")``: the builder's happy path, with step 4 done as above."""

    def to(filing: Filing, state: str, **options: Any) -> Filing:
        if state in WIZARD_STEPS:
            return build.to(filing, state, **options)
        filing = build.to(filing, "materials", **options)
        complete_materials(filing)
        return build.to(filing, state, **options)

    return to


def error_of(response: Any) -> dict[str, Any]:
    """The error body, checked for the one shape of api.md."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    assert isinstance(body["error"]["fields"], dict)
    return body["error"]

"""What was read on the certificates against what was submitted: a name or a number typed differently from
the one recognised on the photo that is the filing's material (the licence, an ID card's front).

The photos were read by ``materials.recognition`` when the applicant sent them; the applicant may have
corrected a proposal (the OCR misread it) or typed another value (the wrong certificate uploaded). Only a
photo that is still the current material of its kind counts: a later upload replaced it.

Severity: **advisory** — the reading can be wrong; the specialist compares the photo and decides. Numbers are
named masked (``1101**********1234``), as in every list; names in full, as the review screen shows them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

from common.identity import mask_identity, normalise_certificate_number
from materials.recognition.models import CertificateRecognition, RecognitionPurpose, RecognitionStatus
from materials.requirements import current_materials
from reviews.findings.base import ADVISORY, Context, Found

GROUP = "recognition"
P = RecognitionPurpose
NUMBERS = {"credit_code", "number"}


def recognition_findings(context: Context) -> list[Found]:
    filing = context.filing
    current = {material.pk for material in current_materials(filing).values()}
    rows = (
        CertificateRecognition.objects.filter(
            filing=filing, status=RecognitionStatus.RECOGNISED, material_id__in=current
        )
        .select_related("material", "website")
        .order_by("created_at", "id")
    )
    found: list[Found] = []
    for recognition in rows:
        for path, holder in _holders(filing, recognition):
            found.extend(_compare(recognition, path, holder))
    return found


def _holders(filing: Any, recognition: CertificateRecognition) -> Iterator[tuple[str, Any]]:
    """Which stored entity or person the photo shows, with the field path the review screen names it by."""
    entity = filing.entity
    if recognition.purpose == P.ENTITY_CERTIFICATE:
        yield "entity", entity
    elif recognition.purpose == P.ENTITY_HEAD_ID and entity.head is not None:
        yield "entity.head", entity.head
    elif recognition.purpose == P.WEBSITE_HEAD_ID:
        positions = filing.filing_websites.order_by("position").values_list("website_id", flat=True)
        for index, website_id in enumerate(positions):
            if website_id == recognition.website_id and recognition.website.head_id not in (
                None,
                entity.head_id,
            ):
                yield f"websites.{index}.head", recognition.website.head


def _compare(recognition: CertificateRecognition, path: str, holder: Any) -> list[Found]:
    values = recognition.proposal_values()
    found = []
    name = values.get("name")
    if name and _plain(name["value"]) != _plain(holder.name or ""):
        found.append(
            _finding(
                recognition,
                f"{path}.name",
                submitted=holder.name or "—",
                recognised=name["value"],
                what=("名称", "name"),
            )
        )
    number = next((values[field] for field in NUMBERS if field in values), None)
    stored = holder.certificate_number if number else ""
    if number and normalise_certificate_number(number["value"]) != normalise_certificate_number(stored):
        found.append(
            _finding(
                recognition,
                f"{path}.certificate_number",
                submitted=mask_identity(normalise_certificate_number(stored)) or "—",
                recognised=number["masked"],
                what=("证件号码", "certificate number"),
            )
        )
    return found


def _finding(
    recognition: CertificateRecognition, field: str, *, submitted: str, recognised: str, what: tuple[str, str]
) -> Found:
    zh, en = what
    return Found(
        code="recognised_value_differs",
        field=field,
        severity=ADVISORY,
        message=(
            f"填写的{zh}“{submitted}”与证件照片识别出的“{recognised}”不同，请对照照片核实 / The {en} submitted, "
            f"“{submitted}”, differs from the one read on the certificate's photo, “{recognised}”: compare "
            "with the photo."
        ),
        evidence={
            "group": GROUP,
            "recognition": str(recognition.code),
            "material": str(recognition.material.code),
            "submitted": submitted,
            "recognised": recognised,
        },
    )


def _plain(text: str) -> str:
    """Names compared as printed: full-width brackets and spaces folded (（ ） and ( ) are one name)."""
    return "".join(unicodedata.normalize("NFKC", text).split())

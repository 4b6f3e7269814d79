"""Which materials a filing needs, who must pass face verification, and what is still missing.

``required_materials`` is the table of ``rules.md`` (section Materials) as a function of the filing: its entity's
nature and certificate, the people in charge, the region's rules (data on ``Region``, read through the pure
functions of ``entities/rules``) and each website's pre-approvals. It reads the database and nothing else, so
the ``materials_complete`` condition of the state machine can call it. The table does not vary with the filing
type: every type hands MIIT a fresh set of materials through this provider, who verifies them again.

Only the latest upload for a requirement counts (a re-upload replaces the earlier one without deleting it: the
reviewer may compare).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from common.problems import add_months
from entities.models import CertificateType, Person, Website
from entities.rules.contacts import authorisation_letter_required
from entities.rules.identity import residence_permit_required
from entities.rules.websites import PRE_APPROVAL_CATEGORIES
from materials.models import (
    FaceVerification,
    FaceVerificationStatus,
    Material,
    MaterialKind,
    MaterialStatus,
)

# A filing is read through its relations only (entity, region, filing_websites, materials): this app sits
# below filings and does not import it.
Filing = Any
Problems = dict[str, list[str]]
K = MaterialKind
LETTER_MAX_AGE_MONTHS = 3
# A passport has one photo page; the cards (ID, permits) have two sides.
SINGLE_SIDED_CERTIFICATES = frozenset({CertificateType.PASSPORT})


@dataclass(frozen=True)
class RequiredMaterial:
    kind: str
    website: Website | None
    website_index: int | None
    label_zh: str
    label_en: str
    why: str  # bilingual: the rule that asks for it
    category: str = ""  # the pre-approval category of a pre-approval document

    @property
    def key(self) -> tuple[str, int | None, str]:
        return (self.kind, self.website.pk if self.website else None, self.category)

    @property
    def field(self) -> str:
        """The field path a refusal names: ``materials.<kind>[.<website index>][.<category>]``."""
        parts = ["materials", self.kind]
        if self.website_index is not None:
            parts.append(str(self.website_index))
        if self.category:
            parts.append(self.category)
        return ".".join(parts)


@dataclass(frozen=True)
class ChecklistItem:
    requirement: RequiredMaterial
    material: Material | None  # the latest upload, if any

    @property
    def status(self) -> str:
        return self.material.status if self.material else "missing"


@dataclass(frozen=True)
class FaceItem:
    person: Person
    verification: FaceVerification | None  # the latest check of this person for this filing

    @property
    def status(self) -> str:
        return self.verification.status if self.verification else "missing"


def material_key(material: Material) -> tuple[str, int | None, str]:
    return (material.kind, material.website_id, material.category)


def _sides(kind_front: str, kind_back: str, person: Person | None, certificate_type: str | None = None):
    certificate = certificate_type or (person.certificate_type if person else "")
    return (kind_front,) if certificate in SINGLE_SIDED_CERTIFICATES else (kind_front, kind_back)


def required_materials(filing: Filing) -> list[RequiredMaterial]:
    """Every material this filing needs now, entity-wide first, then per website in website order.

    1. The entity certificate: an individual's ID (front, back) serves as entity certificate and as their ID as
       person in charge; an organisation uploads its licence and its person in charge's ID.
    2. The region's extras: a residence permit (non-local individual where the rule is ``residence_permit``),
       an authorisation letter (``head_must_be_legal_rep`` and the head is not the legal representative).
    3. Per website: the signed verification form; the ID of its person in charge when that is someone other
       than the entity's (once per person, with their first website); a document per pre-approval category.
    """
    entity = filing.entity
    region = filing.region
    head = entity.head
    found: list[RequiredMaterial] = []

    def need(kind: str, why: str, *, website=None, index=None, category="", label=None) -> None:
        zh, en = (label or K(kind).label).split(" / ", 1)
        found.append(RequiredMaterial(kind, website, index, zh, en, why, category))

    if entity.is_individual:
        why = (
            "个人的身份证件即主体证件，也是负责人证件，只需上传一次 / An individual's ID is the entity "
            "certificate and the person in charge's ID: uploaded once"
        )
        for kind in _sides(K.ID_FRONT, K.ID_BACK, head, entity.certificate_type):
            need(kind, why)
    else:
        need(K.ENTITY_CERTIFICATE, "每个单位主体都须上传 / Every organisation uploads its certificate")
        why = "单位主体负责人的身份证件 / The organisation's person in charge's ID"
        for kind in _sides(K.ENTITY_HEAD_ID_FRONT, K.ENTITY_HEAD_ID_BACK, head):
            need(kind, why)
    if residence_permit_required(
        nature=entity.nature,
        certificate_type=entity.certificate_type,
        certificate_number=entity.certificate_number,
        region=region,
    ):
        need(
            K.RESIDENCE_PERMIT,
            f"{region.name_zh}要求非本地户籍个人提供居住证 / {region.name_en} asks non-local individuals for a "
            "residence permit",
        )
    if head is not None and authorisation_letter_required(
        nature=entity.nature, region=region, head_is_legal_representative=head.is_legal_representative
    ):
        need(
            K.AUTHORISATION_LETTER,
            f"{region.name_zh}要求负责人为法定代表人，否则须提供授权书 / {region.name_en} requires the legal "
            "representative as person in charge, or an authorisation letter",
        )

    people_with_id: set[int] = {entity.head_id} if entity.head_id else set()
    for index, item in enumerate(_filing_websites(filing)):
        website = item.website
        need(
            K.VERIFICATION_FORM,
            "每个网站一份：下载预填的核验单，签字后上传 / One per website: download the pre-filled form, sign "
            "it, upload it",
            website=website,
            index=index,
        )
        if website.head_id and website.head_id not in people_with_id:
            people_with_id.add(website.head_id)
            why = "网站负责人不是主体负责人 / The website's person in charge is not the entity's"
            for kind in _sides(K.WEBSITE_HEAD_ID_FRONT, K.WEBSITE_HEAD_ID_BACK, website.head):
                need(kind, why, website=website, index=index)
        for choice in website.pre_approvals or []:
            category = str(choice.get("category") or "")
            name_zh, name_en = PRE_APPROVAL_CATEGORIES.get(category, (category, category))
            need(
                K.PRE_APPROVAL_DOCUMENT,
                f"网站涉及“{name_zh}”前置审批 / The website needs the “{name_en}” pre-approval",
                website=website,
                index=index,
                category=category,
                label=f"“{name_zh}”前置审批文件 / “{name_en}” pre-approval document",
            )
    return found


def face_verification_people(filing: Filing) -> list[Person]:
    """Each website's person in charge, once per person, in website order."""
    people: dict[int, Person] = {}
    for item in _filing_websites(filing):
        if item.website.head_id and item.website.head_id not in people:
            people[item.website.head_id] = item.website.head
    return list(people.values())


def current_materials(filing: Filing) -> dict[tuple[str, int | None, str], Material]:
    """The latest upload for each (kind, website, category): only that one counts."""
    latest: dict[tuple[str, int | None, str], Material] = {}
    for material in filing.materials.order_by("created_at", "id"):
        latest[material_key(material)] = material
    return latest


def materials_checklist(filing: Filing) -> list[ChecklistItem]:
    current = current_materials(filing)
    return [ChecklistItem(item, current.get(item.key)) for item in required_materials(filing)]


def face_checklist(filing: Filing) -> list[FaceItem]:
    latest: dict[int, Any] = {}
    for verification in filing.face_verifications.order_by("created_at", "id"):
        latest[verification.person_id] = verification
    return [FaceItem(person, latest.get(person.pk)) for person in face_verification_people(filing)]


def letter_too_old(document_date: dt.date | None, *, today: dt.date) -> bool:
    return document_date is None or add_months(document_date, LETTER_MAX_AGE_MONTHS) < today


def materials_problems(filing: Filing) -> Problems:
    """What keeps the filing in ``materials``: field path → bilingual messages (database reads only)."""
    today = timezone.localdate()
    problems: Problems = {}
    for item in materials_checklist(filing):
        requirement, material = item.requirement, item.material
        zh, en = requirement.label_zh, requirement.label_en
        if material is None:
            messages = [f"请上传{zh}。 / Upload the {en}."]
        elif material.status == MaterialStatus.PROCESSING:
            messages = [f"{zh}正在处理中，请稍候。 / The {en} is still being processed; wait a moment."]
        elif material.status == MaterialStatus.REJECTED:
            messages = [
                f"{zh}未通过检查，请重新上传。 / The {en} was refused; upload it again.",
                material.rejection_message,
            ]
        elif requirement.kind == K.AUTHORISATION_LETTER and letter_too_old(
            material.document_date, today=today
        ):
            messages = [
                f"授权书日期（{material.document_date}）已超过{LETTER_MAX_AGE_MONTHS}个月，请上传新的授权书。 / The "
                f"authorisation letter's date ({material.document_date}) is more than {LETTER_MAX_AGE_MONTHS} "
                "months ago; upload a new letter."
            ]
        else:
            continue
        problems[requirement.field] = messages
    for face in face_checklist(filing):
        name, verification = face.person.name, face.verification
        if verification is None:
            message = f"{name}须完成人脸核验。 / {name} must pass face verification."
        elif verification.status == FaceVerificationStatus.PENDING:
            message = (
                f"{name}的人脸核验尚未完成（请上传自拍或等待结果）。 / {name}'s face verification is not finished "
                "(upload the selfie, or wait for the result)."
            )
        elif verification.status == FaceVerificationStatus.FAILED:
            message = (
                f"{name}的人脸核验未通过（{verification.reason}），请重新核验。 / {name}'s face verification failed "
                f"({verification.reason}); start it again."
            )
        else:
            continue
        problems[f"materials.face.{face.person.code}"] = [message]
    return problems


def _filing_websites(filing: Filing) -> list[Any]:
    return list(filing.filing_websites.select_related("website__head").order_by("position"))

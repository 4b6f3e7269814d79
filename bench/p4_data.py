"""P4's filings, brought to ``self_check`` through the services as an applicant does it: an organisation in
Beijing (no SMS, no paper) with one website, its instance, its information, its materials (small photos and
the generated verification form, processed here) and its person in charge's face check."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import time
from collections.abc import Iterator, Sequence
from typing import Any

import phonenumbers
from django.contrib.auth import get_user_model
from django.utils import timezone
from phonenumbers import geocoder
from PIL import Image, ImageDraw
from stdnum.cn import ric, uscc

from bench.registrar import HOLDER_NAME
from entities.models import Person, Region
from filings import services
from filings.models import Filing
from instances.services import instance_create
from materials import services as material_services
from materials.models import DATED_KINDS, MaterialKind, MaterialStatus
from materials.requirements import face_checklist, materials_checklist
from materials.verification_form import verification_form_pdf

REGION = "CN-BJ"
NUMBERS_PER_FILING = 10  # the unique numbers a filing draws (certificates, domain, instance)


def beijing_mobiles() -> Iterator[str]:
    """Mobile numbers allocated in Beijing (phonenumbers' geocoder: the region's rule) that no person holds
    yet (one mobile belongs to one entity), block by block."""
    used = set(Person.objects.filter(mobile__startswith="139").values_list("mobile", flat=True))
    for block in range(10000):
        prefix = f"139{block:04d}"
        if geocoder.description_for_number(phonenumbers.parse(f"{prefix}0000", "CN"), "zh")[:2] != "北京":
            continue
        for suffix in range(10000):
            number = f"{prefix}{suffix:04d}"
            if number not in used:
                yield number


def photo(seed: int) -> bytes:
    """A 640×420 colour JPEG, different for each seed (the pipeline compares materials across filings)."""
    image = Image.new("RGB", (640, 420), ((seed * 37) % 256, (seed * 91) % 256, (seed * 13) % 256))
    draw = ImageDraw.Draw(image)
    for index in range(8):
        x, y = (seed * 97 + index * 131) % 520, (seed * 53 + index * 71) % 340
        draw.rectangle((x, y, x + 60 + index * 9, y + 40), fill=((index * 60) % 256, (seed * 7) % 256, 90))
    draw.text((20, 380), f"P4 {seed}", fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _credit_code(number: int) -> str:
    body = f"91110000MA{number % 10**7:07d}"
    return body + uscc.calc_check_digit(body)


def _resident_id(number: int) -> str:
    body = f"11010119850307{number % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def applicant() -> Any:
    user, _ = get_user_model().objects.get_or_create(
        username="bench-p4-applicant", defaults={"role": "applicant"}
    )
    return user


def specialist() -> Any:
    user, _ = get_user_model().objects.get_or_create(
        username="bench-p4-specialist", defaults={"role": "specialist"}
    )
    return user


def _information(filing: Filing, mobile: str, resident_id: str, email: str) -> dict[str, Any]:
    return {
        "entity": {
            "name": HOLDER_NAME,
            "certificate_address": "北京市示例路1号",
            "mailing_address": "北京市示例路1号101室",
        },
        "entity_head": {
            "name": "张三",
            "certificate_type": "resident_id",
            "certificate_number": resident_id,
            "mobile": mobile,
            "emergency_phone": "010-65512345",
            "email": email,
            "is_legal_representative": True,
        },
        "websites": [
            {
                "name": "示例科技产品展示",
                "homepage_url": f"https://{item.website.domain.ascii_name}/",
                "content_type": "other",
                "pre_approvals": [],
            }
            for item in filing.filing_websites.select_related("website__domain")
        ],
    }


def _materials(filing: Filing, seed: int) -> None:
    for index, item in enumerate(materials_checklist(filing)):
        if item.status == MaterialStatus.ACCEPTED:
            continue
        requirement = item.requirement
        if requirement.kind == MaterialKind.VERIFICATION_FORM:
            content, name = verification_form_pdf(filing, requirement.website), "form.pdf"
        else:
            content, name = photo(seed * 10 + index), f"{requirement.kind}.jpg"
        material = material_services.material_upload(
            filing=filing,
            by=filing.applicant,
            kind=requirement.kind,
            website=requirement.website,
            category=requirement.category,
            content=content,
            filename=name,
            document_date=timezone.localdate() if requirement.kind in DATED_KINDS else None,
        )
        material_services.material_process(material_id=material.pk)
    for face in face_checklist(filing):
        check = material_services.face_verification_start(
            filing=filing, by=filing.applicant, person=face.person
        )
        check = material_services.face_verification_submit_selfie(
            verification=check, by=filing.applicant, image=photo(seed * 10 + 9)
        )
        material_services.face_verification_record_result(verification_id=check.pk)


def prepare_one(applicant: Any, region: Region, seed: int, mobile: str, numbers: Iterator[int]) -> Filing:
    """One filing up to ``self_check``; ``numbers`` gives the run's unique numbers (certificates, domain,
    instance), ``seed`` the photos."""
    filing = services.filing_start(
        applicant=applicant,
        region=region,
        nature="enterprise",
        certificate_type="business_licence",
        certificate_number=_credit_code(next(numbers)),
        domains=[f"p4-{next(numbers)}.cn"],
    )
    filing = services.filing_detect_type(filing=filing, by=applicant)
    instance = instance_create(
        owner=applicant,
        instance_id=f"i-p4{next(numbers)}",
        cloud_region="cn-beijing",
        public_ip=f"47.95.{seed // 250 % 250}.{seed % 250}",
        expires_at=timezone.now() + dt.timedelta(days=365),
    )
    code = instance.service_numbers.values_list("code", flat=True).first()
    filing = services.filing_assign_service_numbers(filing=filing, by=applicant, service_numbers=[code])
    filing = services.filing_verify_instance(filing=filing, by=applicant)
    # Each head's own email: one shared by a thousand heads is what a finding looks for (another entity's).
    information = _information(
        filing, mobile, _resident_id(next(numbers)), f"head-{next(numbers)}@example.com"
    )
    filing = services.filing_save_information(filing=filing, by=applicant, **information)
    filing = services.filing_enter_information(filing=filing, by=applicant)
    _materials(filing, seed)
    return services.filing_complete_materials(filing=filing, by=applicant)


def prepare_filings(jobs: Sequence[tuple[int, str, int]]) -> list[int]:
    """Filings in ``self_check`` for ``jobs`` of (seed, mobile, first number): a web pool's unit of work."""
    owner, region = applicant(), Region.objects.get(code=REGION)
    return [
        prepare_one(owner, region, seed, mobile, itertools.count(first)).pk for seed, mobile, first in jobs
    ]


def preparation_jobs(count: int) -> list[tuple[int, str, int]]:
    """``count`` jobs for ``prepare_filings``: each its own mobile, and numbers no earlier run drew (they
    start from the clock, a thousand a second)."""
    base = int(time.time()) % 10**6 * 1000
    mobiles = beijing_mobiles()
    return [(seed, next(mobiles), base + seed * NUMBERS_PER_FILING) for seed in range(count)]

"""Builders for test data, going through the same services as the pages and the API."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import Any

import phonenumbers
from django.contrib.auth import get_user_model
from django.utils import timezone
from phonenumbers import geocoder
from stdnum.cn import ric, uscc

from common.errors import ApplicationError
from entities.models import CertificateType, EntityNature, Region
from filings import services
from filings.models import Filing
from filings.states import FilingState
from instances.services import instance_create
from reviews import services as review_services
from simulators.miit import stage_registry_entity
from simulators.registrar import stage_domain

S = FilingState
_sequence = itertools.count(1)


def resident_id(division: str = "110101", birth: str = "19900307") -> str:
    """A resident ID number with a valid ISO 7064 mod 11-2 check character."""
    body = f"{division}{birth}{next(_sequence) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def credit_code(division: str = "110000") -> str:
    """A unified social credit code (GB 32100-2015) registered in ``division``."""
    body = f"91{division}{next(_sequence):09d}"[:17]
    body = body[:8] + "MA" + body[10:]  # organisation code part may hold letters
    return body + uscc.calc_check_digit(body)


@functools.cache
def _mobile_blocks() -> dict[str, str]:
    """The first 7 digits of a 139 number allocated in each province (from phonenumbers' geocoder)."""
    blocks: dict[str, str] = {}
    for block in range(10000):
        number = phonenumbers.parse(f"139{block:04d}0000", "CN")
        place = geocoder.description_for_number(number, "zh")
        if place and place != "中国":
            blocks.setdefault(place[:2], f"139{block:04d}")
    return blocks


def mobile(region: str | None = None) -> str:
    """A new Mainland mobile number, allocated in ``region`` (a Region code) when one is given."""
    name = Region.objects.get(code=region).name_zh if region else "北京"
    return f"{_mobile_blocks()[name[:2]]}{next(_sequence) % 10000:04d}"


class FilingBuilder:
    """Drives a filing to any state. Each step is the applicant's or specialist's service call."""

    def __init__(self, *, default_applicant: Any) -> None:
        self.default_applicant = default_applicant
        self._specialist = None

    @property
    def specialist(self) -> Any:
        if self._specialist is None:
            self._specialist, _ = get_user_model().objects.get_or_create(
                username="builder-specialist", defaults={"role": "specialist"}
            )
        return self._specialist

    def start(
        self,
        *,
        applicant: Any = None,
        region: str = "CN-BJ",
        nature: str = EntityNature.INDIVIDUAL,
        certificate_number: str | None = None,
        domains: list[str] | None = None,
    ) -> Filing:
        region_row = Region.objects.get(code=region)
        individual = nature == EntityNature.INDIVIDUAL
        if certificate_number is None:
            certificate_number = (
                resident_id(f"{region_row.division}0101")
                if individual
                else credit_code(f"{region_row.division}0000")
            )
        return services.filing_start(
            applicant=applicant or self.default_applicant,
            region=region_row,
            nature=nature,
            certificate_type=CertificateType.RESIDENT_ID if individual else CertificateType.BUSINESS_LICENCE,
            certificate_number=certificate_number,
            domains=domains or [f"site{next(_sequence)}.com"],
        )

    def service_numbers(self, filing: Filing, count: int) -> list[str]:
        instance = instance_create(
            owner=filing.applicant,
            instance_id=f"i-test{next(_sequence):08d}",
            cloud_region="cn-hangzhou",
            public_ip=f"47.96.{next(_sequence) % 250}.{next(_sequence) % 250}",
            expires_at=timezone.now() + dt.timedelta(days=365),
        )
        codes = list(instance.service_numbers.values_list("code", flat=True))
        while len(codes) < count:
            codes += self.service_numbers(filing, count - len(codes))
        return codes[:count]

    def information(self, filing: Filing) -> dict[str, Any]:
        """Valid step-3 data under the filing region's rules (a local mobile where the region asks for one,
        a website name in the region's form for individuals), and the registrar's records to match."""
        entity, region = filing.entity, filing.region
        name = "张三" if entity.is_individual else f"{region.name_zh}示例科技有限公司"
        head = {
            "name": "张三",
            "certificate_type": CertificateType.RESIDENT_ID,
            "certificate_number": entity.certificate_number
            if entity.is_individual
            else resident_id(f"{region.division}0101"),
            "mobile": mobile(region.code),
            "emergency_phone": "010-65512345",
            "email": f"head{next(_sequence)}@example.com",
            "is_legal_representative": True,
        }
        forms = region.individual_name_forms.split()
        website_name = forms[0].replace("某某", "张三") if entity.is_individual and forms else "山水摄影集"
        items = list(filing.filing_websites.select_related("website__domain"))
        for item in items:
            stage_domain(
                domain=item.website.domain.ascii_name,
                holder_name=name,
                holder_certificate_number=entity.certificate_number,
                real_name_verified_at=timezone.localdate() - dt.timedelta(days=30),
                expires_at=timezone.localdate() + dt.timedelta(days=730),
            )
        websites = [
            {
                "name": website_name if entity.is_individual else "示例科技产品展示",
                "homepage_url": f"https://{item.website.domain.ascii_name}/",
                "content_type": "other",
                "pre_approvals": [],
            }
            for item in items
        ]
        return {
            "entity": {
                "name": name,
                "certificate_address": f"{region.name_zh}示例路1号",
                "mailing_address": f"{region.name_zh}示例路1号101室",
            },
            "entity_head": head,
            "websites": websites,
        }

    def to(self, filing: Filing, state: str, *, specialist: Any = None) -> Filing:
        """Move ``filing`` forward until it reaches ``state`` (only along the happy path)."""
        applicant = filing.applicant
        specialist = specialist or self.specialist
        steps = {
            S.TYPE_DETECTION: lambda f: services.filing_detect_type(filing=f, by=applicant),
            S.INSTANCE_VERIFICATION: lambda f: services.filing_verify_instance(
                filing=services.filing_assign_service_numbers(
                    filing=f, by=applicant, service_numbers=self.service_numbers(f, f.filing_websites.count())
                ),
                by=applicant,
            ),
            S.INFORMATION: lambda f: services.filing_enter_information(
                filing=services.filing_save_information(filing=f, by=applicant, **self.information(f)),
                by=applicant,
            ),
            S.MATERIALS: lambda f: self.complete_materials(f),
            S.SELF_CHECK: lambda f: services.filing_submit(filing=f, by=applicant),
            S.PROVIDER_REVIEW: lambda f: review_services.review_approve(
                filing=review_services.review_claim(filing=f, by=specialist), by=specialist
            ),
            S.MAILING: lambda f: review_services.review_confirm_mail(
                filing=self._mailed(f, specialist), by=specialist
            ),
        }
        for _ in range(20):
            filing.refresh_from_db()
            if filing.state == state:
                return filing
            if filing.state not in steps:
                raise AssertionError(f"the builder cannot move a filing on from {filing.state}")
            try:
                steps[filing.state](filing)
            except ApplicationError as error:  # say which field stopped the builder, not only "not valid"
                raise AssertionError(
                    f"the builder was refused in {filing.state}: {error.as_dict()}"
                ) from error
        raise AssertionError(f"{state} not reached")

    def with_two_sms_codes(self, *, region: str, domain: str, specialist: Any) -> Filing:
        """An initial filing in an SMS region handed to MIIT (the job's body, run here), whose website has a
        person in charge of its own: MIIT texts two people."""
        filing = self.to(self.start(region=region, domains=[domain]), S.INFORMATION)
        info = self.information(filing)
        info["websites"][0]["head"] = {
            "name": "李四",
            "certificate_type": "resident_id",
            "certificate_number": resident_id(),
            "mobile": mobile(region),
            "emergency_phone": "0571-87654321",
            "email": "li@example.com",
        }
        services.filing_save_information(filing=filing, by=filing.applicant, **info)
        services.filing_enter_information(filing=filing, by=filing.applicant)
        filing = self.to(filing, S.PROVIDER_REVIEW)
        review_services.review_claim(filing=filing, by=specialist)
        review_services.review_approve(filing=filing, by=specialist)
        filing = services.filing_hand_to_miit(filing_id=filing.pk)
        assert filing.state == S.SMS_VERIFICATION
        return filing

    def complete_materials(self, filing: Filing) -> Filing:
        """Step 4 as an applicant does it: upload the materials, pass the face checks, ``complete_materials``."""
        self.upload_materials(filing)
        self.pass_face_verification(filing)
        return services.filing_complete_materials(filing=filing, by=filing.applicant)

    def upload_materials(self, filing: Filing) -> None:
        """Upload what the checklist still lacks (small colour photos; the generated verification form as the
        signed PDF) and process each upload here and now (the job's body)."""
        from materials import services as material_services
        from materials.models import DATED_KINDS, MaterialKind, MaterialStatus
        from materials.requirements import materials_checklist
        from materials.verification_form import verification_form_pdf
        from tests.material_files import photo

        for index, item in enumerate(materials_checklist(filing)):
            if item.status == MaterialStatus.ACCEPTED:
                continue
            requirement = item.requirement
            if requirement.kind == MaterialKind.VERIFICATION_FORM:
                content, name = verification_form_pdf(filing, requirement.website), "form.pdf"
            else:
                content, name = photo(seed=index), f"{requirement.kind}.jpg"
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

    def pass_face_verification(self, filing: Filing) -> None:
        """Each website's person in charge passes the simulator's check (unless a failure was staged)."""
        from materials import services as material_services
        from materials.requirements import face_checklist
        from tests.material_files import selfie

        for face in face_checklist(filing):
            if face.status == "passed":
                continue
            check = material_services.face_verification_start(
                filing=filing, by=filing.applicant, person=face.person
            )
            material_services.face_verification_submit_selfie(
                verification=check, by=filing.applicant, image=selfie()
            )
            material_services.face_verification_record_result(verification_id=check.pk)

    def _mailed(self, filing: Filing, specialist: Any) -> Filing:
        services.filing_enter_mailing(
            filing=filing,
            by=filing.applicant,
            courier="SF Express",
            tracking_number=f"SF{next(_sequence):010d}",
        )
        return review_services.review_claim(filing=filing, by=specialist)


def registry_entity(certificate_number: str, websites: list[tuple[str, str, list[str]]]) -> None:
    """An individual of CN-BJ that the (simulated) MIIT registry already knows, with its websites as
    (domain, name, access providers)."""
    stage_registry_entity(
        certificate_type="resident_id",
        certificate_number=certificate_number,
        region_code="CN-BJ",
        nature="individual",
        name="张三",
        websites=websites,
    )

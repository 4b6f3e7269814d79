"""The rules of rules.md applied to a filing, with the regional data read from the database.

Each step checks what it can as soon as it can (``entry_problems`` at step 1, ``information_input_problems``
when step 3 is saved); ``filing_problems`` checks the whole stored filing again — at ``enter_information``,
``submit`` and ``resubmit`` — so nothing validated earlier is trusted, and a Region edited in the admin applies
to every filing validated after the edit. The rules themselves are pure functions in ``entities/rules/``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from common.identity import normalise_certificate_number
from entities.models import ApprovedTld, Entity, Person, Region, SensitiveWord, Website
from entities.rules import Problem, problem
from entities.rules.contacts import (
    check_distinct_contacts,
    check_mailing_address,
    check_mobile_not_used_elsewhere,
    check_person_contacts,
    mobile_home_advisories,
    normalise_mobile,
)
from entities.rules.domains import RegistrarFacts, check_domain, check_registrar_facts
from entities.rules.identity import (
    check_certificate_valid_until,
    check_entity_certificate,
    check_person_certificate,
)
from entities.rules.websites import check_website, check_website_count
from gateways.registrar import registrar_gateway
from instances.services import service_number_problems

PERSON_FIELDS = ("name", "certificate_type", "certificate_number", "mobile", "emergency_phone", "email")


@dataclass(frozen=True)
class RegionalData:
    """The operator-maintained lists and the regions' rows, read once per validation (three queries)."""

    approved_tlds: frozenset[str]
    sensitive_words: frozenset[str]
    name_forms: dict[str, tuple[str, ...]]
    category_regions: dict[str, frozenset[str]]
    tld_exclusions: frozenset[tuple[str, str, str]]
    regions: dict[int, Region]

    @classmethod
    def load(cls) -> RegionalData:
        regions = list(Region.objects.all())
        category_regions: dict[str, set[str]] = {}
        for region in regions:
            for category in region.extra_pre_approval_categories.split():
                category_regions.setdefault(category, set()).add(region.code)
        return cls(
            approved_tlds=frozenset(ApprovedTld.objects.filter(active=True).values_list("name", flat=True)),
            sensitive_words=frozenset(SensitiveWord.objects.values_list("word", flat=True)),
            name_forms={
                region.code: tuple(region.individual_name_forms.split())
                for region in regions
                if region.individual_name_forms.strip()
            },
            category_regions={category: frozenset(codes) for category, codes in category_regions.items()},
            tld_exclusions=frozenset(
                (region.code, "individual", tld)
                for region in regions
                for tld in region.individual_excluded_tlds.split()
            ),
            regions={region.pk: region for region in regions},
        )

    def region(self, pk: int) -> Region:
        """The region's row as this validation read it (a region added since is read now)."""
        return self.regions.get(pk) or Region.objects.get(pk=pk)


def today() -> dt.date:
    return timezone.localdate()


# --- Step 1 ---------------------------------------------------------------------------------------------
def entry_problems(
    *,
    region: Region,
    nature: str,
    certificate_type: str,
    certificate_number: str,
    domains: Sequence[str],
    data: RegionalData | None = None,
) -> list[Problem]:
    """The entity's certificate (type, checksum, province, residency, age), the number of websites and each
    domain's TLD rules."""
    data = data or RegionalData.load()
    found = check_entity_certificate(
        nature=nature,
        certificate_type=certificate_type,
        certificate_number=certificate_number,
        region=region,
        today=today(),
    )
    found += check_website_count(count=len(domains), region=region)
    for index, domain in enumerate(domains):
        found += check_domain(
            domain=domain,
            nature=nature,
            region=region,
            approved_tlds=data.approved_tlds,
            field=f"websites.{index}.domain",
            tld_exclusions=data.tld_exclusions,
        )
    return found


# --- Step 3 ---------------------------------------------------------------------------------------------
def information_input_problems(
    *,
    entity: Entity,
    entity_data: Mapping[str, Any],
    head: Mapping[str, Any],
    websites: Sequence[tuple[str, Mapping[str, Any], Mapping[str, Any] | None]],
    data: RegionalData | None = None,
) -> list[Problem]:
    """Step 3 as entered: ``websites`` holds (domain, website fields, its own head or None for the entity's).

    1. The entity's name and addresses (the mailing address down to the door number), its certificate's
       validity.
    2. Each person in charge: a personal certificate, minimum age, contacts; an individual is their own head.
    3. Different people share no mobile or email; a mobile belongs to one entity across the portal.
    4. Each website: name, content type, homepage, pre-approvals.
    """
    data = data or RegionalData.load()
    # The row as this validation read it, not a copy cached on the entity: an operator's edit applies from
    # the next validation.
    region, now = data.region(entity.region_id), today()
    found: list[Problem] = []
    for field in ("name", "certificate_address", "mailing_address"):
        if not str(entity_data.get(field) or "").strip():
            found.append(problem(f"entity.{field}", "required", "此项为必填项", "This field is required."))
    found += text_problems(entity_data, Entity, ("name", "certificate_address", "mailing_address"), "entity")
    found += check_mailing_address(address=str(entity_data.get("mailing_address") or ""))
    found += check_certificate_valid_until(
        valid_until=entity_data.get("certificate_valid_until"),
        today=now,
        field="entity.certificate_valid_until",
    )
    people = [("entity.head", head)] + [
        (f"websites.{index}.head", website_head)
        for index, (_domain, _website, website_head) in enumerate(websites)
        if website_head
    ]
    for prefix, person in people:
        found += _person_problems(person, region=region, prefix=prefix, today=now)
    # Compared in their compact forms: the head's number is as typed (and a row may predate compaction).
    head_number = normalise_certificate_number(str(head.get("certificate_number") or ""))
    if (
        entity.is_individual
        and head_number
        and head_number != normalise_certificate_number(entity.certificate_number)
    ):
        found.append(
            problem(
                "entity.head.certificate_number",
                "individual_head_mismatch",
                "个人备案的负责人即备案人本人，证件号码须与主办者一致",
                "An individual is their own person in charge: the certificate number must be the entity's.",
            )
        )
    found += check_distinct_contacts(
        [
            {"field": prefix, **{k: str(person.get(k) or "") for k in PERSON_FIELDS}}
            for prefix, person in people
        ]
    )
    found += _mobiles_of_other_entities(entity, people)
    for index, (domain, website, _head) in enumerate(websites):
        found += text_problems(
            website, Website, ("name", "homepage_url", "content_type", "languages"), f"websites.{index}"
        )
        found += check_website(
            index=index,
            website={**website, "domain": domain},
            nature=entity.nature,
            certificate_number=entity.certificate_number,
            region=region,
            today=now,
            sensitive_words=data.sensitive_words,
            name_forms=data.name_forms,
            category_regions=data.category_regions,
        )
    return found


def text_problems(
    values: Mapping[str, Any], model: type, fields: Sequence[str], prefix: str
) -> list[Problem]:
    """Text the database would refuse (longer than its column; NUL and other control characters, which
    PostgreSQL cannot store) is refused here as a field error, never as a 500."""
    found = []
    for field in fields:
        limit = model._meta.get_field(field).max_length
        value = values.get(field)
        if not isinstance(value, str):
            continue
        if limit and len(value) > limit:
            found.append(
                problem(
                    f"{prefix}.{field}",
                    "too_long",
                    f"最多{limit}个字符（现为{len(value)}个）",
                    f"At most {limit} characters (this has {len(value)}).",
                )
            )
        if any(unicodedata.category(character) == "Cc" for character in value):
            found.append(
                problem(
                    f"{prefix}.{field}",
                    "control_characters",
                    "不能含有控制字符",
                    "Control characters (such as NUL) are not allowed.",
                )
            )
    return found


def _person_problems(
    person: Mapping[str, Any], *, region: Region, prefix: str, today: dt.date
) -> list[Problem]:
    found = text_problems(person, Person, ("name", "emergency_phone", "email"), prefix)
    if not str(person.get("name") or "").strip():
        found.append(problem(f"{prefix}.name", "required", "请填写姓名", "Enter the name."))
    found += check_person_certificate(
        certificate_type=str(person.get("certificate_type") or ""),
        certificate_number=str(person.get("certificate_number") or ""),
        region=region,
        today=today,
        field_prefix=prefix,
    )
    found += check_certificate_valid_until(
        valid_until=person.get("certificate_valid_until"),
        today=today,
        field=f"{prefix}.certificate_valid_until",
    )
    found += check_person_contacts(
        mobile=str(person.get("mobile") or ""),
        emergency_phone=str(person.get("emergency_phone") or ""),
        email=str(person.get("email") or ""),
        region=region,
        field_prefix=prefix,
    )
    return found


def _mobiles_of_other_entities(
    entity: Entity, people: Sequence[tuple[str, Mapping[str, Any]]]
) -> list[Problem]:
    """One mobile number belongs to one entity across the whole portal (one query for all of them)."""
    mobiles = {prefix: normalise_mobile(str(person.get("mobile") or "")) for prefix, person in people}
    taken = set(
        Person.objects.filter(mobile__in=[m for m in mobiles.values() if m])
        .exclude(entity__certificate_number_hash=entity.certificate_number_hash)
        .values_list("mobile", flat=True)
    )
    found: list[Problem] = []
    for prefix, mobile in mobiles.items():
        found += check_mobile_not_used_elsewhere(
            mobile=mobile, other_entity_mobiles=taken, field=f"{prefix}.mobile"
        )
    return found


def person_data(person: Person | None) -> dict[str, Any]:
    if person is None:
        return {}
    return {
        "name": person.name,
        "certificate_type": person.certificate_type,
        "certificate_number": person.certificate_number,
        "certificate_valid_until": person.certificate_valid_until,
        "mobile": person.mobile,
        "emergency_phone": person.emergency_phone,
        "email": person.email,
    }


# --- The whole filing -------------------------------------------------------------------------------------
def filing_problems(filing: Any, *, with_registrar: bool = True) -> list[Problem]:
    """Every rule again, from what is stored: steps 1 to 3, the service numbers and the registrar's facts."""
    data = RegionalData.load()
    entity = filing.entity
    items = list(
        filing.filing_websites.select_related(
            "website", "website__domain", "website__head", "service_number__instance"
        ).order_by("position")
    )
    found = entry_problems(
        region=data.region(filing.region_id),
        nature=entity.nature,
        certificate_type=entity.certificate_type,
        certificate_number=entity.certificate_number,
        domains=[item.website.domain.name for item in items],
        data=data,
    )
    found += information_input_problems(
        entity=entity,
        entity_data={
            "name": entity.name,
            "certificate_address": entity.certificate_address,
            "mailing_address": entity.mailing_address,
            "certificate_valid_until": entity.certificate_valid_until,
        },
        head=person_data(entity.head),
        websites=[
            (
                item.website.domain.name,
                {
                    "name": item.website.name,
                    "homepage_url": item.website.homepage_url,
                    "content_type": item.website.content_type,
                    "pre_approvals": item.website.pre_approvals,
                },
                person_data(item.website.head) if item.website.head_id != entity.head_id else None,
            )
            for item in items
        ],
        data=data,
    )
    for index, item in enumerate(items):
        if item.service_number is not None:
            found += service_number_problems(item.service_number, field=f"websites.{index}.service_number")
    if with_registrar and entity.name:
        domains = [item.website.domain for item in items]
        found += registrar_problems(entity=entity, domains=domains, region=data.region(entity.region_id))
    return found


def filing_advisories(filing: Any) -> list[Problem]:
    """What the reviewer should look at without it refusing the filing: a person in charge's mobile whose home
    province cannot be known where the region asks for a local one."""
    region = Region.objects.get(pk=filing.region_id)
    people = [("entity.head", filing.entity.head)]
    items = filing.filing_websites.select_related("website__head").order_by("position")
    for index, item in enumerate(items):
        if item.website.head_id is not None and item.website.head_id != filing.entity.head_id:
            people.append((f"websites.{index}.head", item.website.head))
    found: list[Problem] = []
    for prefix, person in people:
        if person is not None:
            found += mobile_home_advisories(mobile=person.mobile, region=region, field=f"{prefix}.mobile")
    return found


def registrar_problems(
    *, entity: Entity, domains: Sequence[Any], region: Region | None = None
) -> list[Problem]:
    """Holder, real-name verification and expiry, as the registrar (gateway) knows them (``region``: the
    entity's, when the caller has read it)."""
    registrar = registrar_gateway()
    number = entity.certificate_number
    region = region or Region.objects.get(pk=entity.region_id)
    found: list[Problem] = []
    for index, domain in enumerate(domains):
        facts = registrar.domain_facts(domain.ascii_name, holder_certificate_number=number)
        found += check_registrar_facts(
            facts=None
            if facts is None
            else RegistrarFacts(
                holder_name=facts.holder_name,
                holder_certificate_matches=facts.holder_certificate_matches,
                holder_certificate_masked=facts.holder_certificate_masked,
                real_name_verified_at=facts.real_name_verified_at,
                expires_at=facts.expires_at,
            ),
            domain=domain.name,
            entity_name=entity.name,
            region=region,
            today=today(),
            field=f"websites.{index}.domain",
        )
    return found

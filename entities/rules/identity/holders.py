"""A holder's certificate as a whole: the entity's and a person in charge's.

The entity's: type for the nature, number, then (once the number is right) province, residency and minimum
age. A person in charge's: a personal certificate, its number, then the minimum age.
"""

from __future__ import annotations

import datetime

from entities.models import EntityNature, Region
from entities.rules import Problem, problem
from entities.rules.identity.age import check_min_age
from entities.rules.identity.certificate_types import (
    CERTIFICATE_NAMES,
    INDIVIDUAL_CERTIFICATE_TYPES,
    check_certificate_type,
)
from entities.rules.identity.numbers import check_certificate_number
from entities.rules.identity.region import check_individual_residency, check_registration_province


def check_entity_certificate(
    *, nature: str, certificate_type: str, certificate_number: str, region: Region, today: datetime.date
) -> list[Problem]:
    """Type for the nature, number, then (once the number is right) province, residency and minimum age."""
    found = check_certificate_type(nature=nature, certificate_type=certificate_type)
    if found:
        return found
    found = check_certificate_number(
        certificate_type=certificate_type, certificate_number=certificate_number, today=today
    )
    if found:
        return found
    details = dict(
        nature=nature, certificate_type=certificate_type, certificate_number=certificate_number, region=region
    )
    found = check_registration_province(**details) + check_individual_residency(**details)
    if nature == EntityNature.INDIVIDUAL:
        found += check_min_age(
            certificate_type=certificate_type,
            certificate_number=certificate_number,
            region=region,
            today=today,
        )
    return found


def check_person_certificate(
    *,
    certificate_type: str,
    certificate_number: str,
    region: Region,
    today: datetime.date,
    field_prefix: str = "entity.head",
) -> list[Problem]:
    """A person in charge holds a personal certificate, valid, and is at least the region's ``min_age``."""
    if certificate_type not in INDIVIDUAL_CERTIFICATE_TYPES:
        given_zh, given_en = CERTIFICATE_NAMES.get(certificate_type, (certificate_type, certificate_type))
        return [
            problem(
                f"{field_prefix}.certificate_type",
                "certificate_type_not_allowed",
                f"负责人的证件类型不能为“{given_zh}”，应为个人证件（身份证、护照、通行证或居住证）",
                f"A person in charge cannot use a {given_en}; use a personal certificate (resident ID, "
                "passport, travel permit or residence permit).",
            )
        ]
    field = f"{field_prefix}.certificate_number"
    found = check_certificate_number(
        certificate_type=certificate_type, certificate_number=certificate_number, field=field, today=today
    )
    if found:
        return found
    return check_min_age(
        certificate_type=certificate_type,
        certificate_number=certificate_number,
        region=region,
        today=today,
        field=field,
    )

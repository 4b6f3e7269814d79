"""Certificates of entities and persons in charge: type per nature, number format and checksum, age, region.

Numbers are normalised with ``common.identity.normalise_certificate_number`` before any check, and messages show
them masked (``1101**********1234``): they are personal data, and a message may end up in a log.

Modules, each with the decisions it holds in its docstring: ``certificate_types`` (the certificate types per
nature, their names), ``numbers`` (format and checksum per type; facts read from a number: province,
registration region, national level, birth date), ``age`` (``min_age``), ``region`` (registration province of
an organisation, residency of an individual), ``validity`` (months of validity left), ``holders`` (the
entity's and a person in charge's certificate as a whole). Import from this package: the names below are its
public interface.
"""

from __future__ import annotations

from entities.rules.identity.age import age_on, check_min_age
from entities.rules.identity.certificate_types import (
    CERTIFICATE_NAMES,
    INDIVIDUAL_CERTIFICATE_TYPES,
    NATURE_NAMES,
    USCC_CERTIFICATE_TYPES,
    allowed_certificate_types,
    check_certificate_type,
)
from entities.rules.identity.holders import check_entity_certificate, check_person_certificate
from entities.rules.identity.numbers import (
    DIVISION_ALIASES,
    HMT_RESIDENCE_PERMIT_PREFIXES,
    MAINLAND_PROVINCE_CODES,
    NATIONAL_REGION_CODE,
    NATIONAL_UNIT_NATURES,
    USCC_PROVINCE_CODES,
    birth_date_from_certificate,
    check_certificate_number,
    is_national_code,
    is_national_unit,
    resident_id_province,
    uscc_province,
    uscc_region_code,
)
from entities.rules.identity.region import (
    check_individual_residency,
    check_registration_province,
    is_local_resident,
    residence_permit_required,
)
from entities.rules.identity.validity import check_certificate_valid_until

__all__ = [
    "CERTIFICATE_NAMES",
    "DIVISION_ALIASES",
    "HMT_RESIDENCE_PERMIT_PREFIXES",
    "INDIVIDUAL_CERTIFICATE_TYPES",
    "MAINLAND_PROVINCE_CODES",
    "NATIONAL_REGION_CODE",
    "NATIONAL_UNIT_NATURES",
    "NATURE_NAMES",
    "USCC_CERTIFICATE_TYPES",
    "USCC_PROVINCE_CODES",
    "age_on",
    "allowed_certificate_types",
    "birth_date_from_certificate",
    "check_certificate_number",
    "check_certificate_type",
    "check_certificate_valid_until",
    "check_entity_certificate",
    "check_individual_residency",
    "check_min_age",
    "check_person_certificate",
    "check_registration_province",
    "is_local_resident",
    "is_national_code",
    "is_national_unit",
    "residence_permit_required",
    "resident_id_province",
    "uscc_province",
    "uscc_region_code",
]

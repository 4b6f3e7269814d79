"""The entity's and a person in charge's certificate as a whole (``entities.rules.identity.holders``)."""

from __future__ import annotations

import pytest

from entities.rules.identity import check_entity_certificate, check_person_certificate
from tests.entities.rules_helpers import (
    BEIJING_ID,
    NUMBER,
    SHENZHEN_USCC,
    TODAY,
    found,
    make_ric,
    region,
    wrong_check,
)

# The entity's certificate as a whole.


@pytest.mark.parametrize(
    ("nature", "certificate_type", "number", "region_code", "expected"),
    [
        ("individual", "resident_id", BEIJING_ID, "CN-BJ", []),
        ("enterprise", "business_licence", SHENZHEN_USCC, "CN-GD", []),
        (
            "individual",
            "business_licence",
            SHENZHEN_USCC,
            "CN-GD",
            [("entity.certificate_type", "certificate_type_not_allowed")],
        ),
        ("individual", "resident_id", wrong_check(BEIJING_ID), "CN-BJ", [(NUMBER, "ric_checksum")]),
        (
            "enterprise",
            "business_licence",
            SHENZHEN_USCC,
            "CN-ZJ",
            [("entity.region", "cross_province_filing")],
        ),
        (
            "individual",
            "resident_id",
            make_ric("11010120100101123"),
            "CN-NM",
            [("entity.region", "individual_not_local"), (NUMBER, "below_min_age")],
        ),
        ("individual", "resident_id", make_ric("15010220100101123"), "CN-NM", [(NUMBER, "below_min_age")]),
    ],
)
def test_entity_certificate(nature, certificate_type, number, region_code, expected):
    problems = check_entity_certificate(
        nature=nature,
        certificate_type=certificate_type,
        certificate_number=number,
        region=region(region_code),
        today=TODAY,
    )
    assert found(problems) == expected


# Persons in charge.


@pytest.mark.parametrize(
    ("field_prefix", "certificate_type", "number", "region_code", "expected"),
    [
        ("entity.head", "resident_id", BEIJING_ID, "CN-GD", []),
        ("websites.0.head", "passport", "E12345678", "CN-NM", []),
        (
            "entity.head",
            "business_licence",
            SHENZHEN_USCC,
            "CN-GD",
            [("entity.head.certificate_type", "certificate_type_not_allowed")],
        ),
        (
            "websites.1.head",
            "resident_id",
            wrong_check(BEIJING_ID),
            "CN-GD",
            [("websites.1.head.certificate_number", "ric_checksum")],
        ),
        (
            "entity.head",
            "resident_id",
            make_ric("15010220100101123"),
            "CN-NM",
            [("entity.head.certificate_number", "below_min_age")],
        ),
        ("entity.head", "resident_id", make_ric("15010220100101123"), "CN-GD", []),
    ],
)
def test_person_certificate(field_prefix, certificate_type, number, region_code, expected):
    problems = check_person_certificate(
        certificate_type=certificate_type,
        certificate_number=number,
        region=region(region_code),
        today=TODAY,
        field_prefix=field_prefix,
    )
    assert found(problems) == expected

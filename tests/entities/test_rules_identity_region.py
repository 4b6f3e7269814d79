"""Where an entity may file: registration province, individual residency, the residence permit
(``entities.rules.identity.region``)."""

from __future__ import annotations

import pytest

from entities.rules.identity import (
    check_individual_residency,
    check_registration_province,
    residence_permit_required,
)
from tests.entities.rules_helpers import (
    BEIJING_ID,
    BEIJING_USCC,
    GUANGDONG_ID,
    HK_PERMIT_ID,
    NATIONAL_ENTERPRISE_USCC,
    NATIONAL_GOV_USCC,
    NATIONAL_USCC,
    SHANXI_ID,
    SHENZHEN_USCC,
    XPCC_USCC,
    found,
    make_ric,
    region,
    wrong_check,
)

# Registration province.


@pytest.mark.parametrize(
    ("nature", "certificate_type", "number", "region_code", "expected"),
    [
        ("enterprise", "business_licence", SHENZHEN_USCC, "CN-GD", []),
        (
            "enterprise",
            "business_licence",
            SHENZHEN_USCC,
            "CN-BJ",
            [("entity.region", "cross_province_filing")],
        ),
        ("public_institution", "registration_certificate", BEIJING_USCC, "CN-BJ", []),
        (
            "public_institution",
            "registration_certificate",
            BEIJING_USCC,
            "CN-TJ",
            [("entity.region", "cross_province_filing")],
        ),
        ("public_institution", "registration_certificate", NATIONAL_USCC, "CN-BJ", []),
        ("government", "registration_certificate", NATIONAL_GOV_USCC, "CN-GD", []),
        ("enterprise", "business_licence", NATIONAL_ENTERPRISE_USCC, "CN-SH", []),
        ("enterprise", "business_licence", XPCC_USCC, "CN-XJ", []),
        ("enterprise", "business_licence", XPCC_USCC, "CN-GS", [("entity.region", "cross_province_filing")]),
        ("individual", "resident_id", GUANGDONG_ID, "CN-BJ", []),  # individuals: the residency rule instead
        (
            "enterprise",
            "business_licence",
            wrong_check(SHENZHEN_USCC),
            "CN-BJ",
            [],
        ),  # the number's own problem
    ],
)
def test_registration_province(nature, certificate_type, number, region_code, expected):
    problems = check_registration_province(
        nature=nature,
        certificate_type=certificate_type,
        certificate_number=number,
        region=region(region_code),
    )
    assert found(problems) == expected


# Individual residency: Beijing any, Shanghai residence_permit, Shanxi local_only.


@pytest.mark.parametrize(
    ("nature", "certificate_type", "number", "region_code", "expected"),
    [
        ("individual", "resident_id", GUANGDONG_ID, "CN-BJ", []),
        ("individual", "resident_id", GUANGDONG_ID, "CN-SH", []),  # a residence permit upload, not an error
        ("individual", "resident_id", SHANXI_ID, "CN-SX", []),
        ("individual", "resident_id", BEIJING_ID, "CN-SX", [("entity.region", "individual_not_local")]),
        ("individual", "passport", "E12345678", "CN-SX", [("entity.region", "individual_not_local")]),
        (
            "individual",
            "hmt_residence_permit",
            HK_PERMIT_ID,
            "CN-CQ",
            [("entity.region", "individual_not_local")],
        ),
        ("individual", "passport", "E12345678", "CN-BJ", []),
        ("enterprise", "business_licence", SHENZHEN_USCC, "CN-SX", []),
    ],
)
def test_individual_residency(nature, certificate_type, number, region_code, expected):
    problems = check_individual_residency(
        nature=nature,
        certificate_type=certificate_type,
        certificate_number=number,
        region=region(region_code),
    )
    assert found(problems) == expected


@pytest.mark.parametrize(
    ("nature", "certificate_type", "number", "region_code", "expected"),
    [
        ("individual", "resident_id", GUANGDONG_ID, "CN-SH", True),
        ("individual", "resident_id", GUANGDONG_ID, "CN-SC", True),
        ("individual", "resident_id", make_ric("31010119900307123"), "CN-SH", False),  # local
        ("individual", "resident_id", GUANGDONG_ID, "CN-BJ", False),  # any
        ("individual", "resident_id", GUANGDONG_ID, "CN-SX", False),  # local_only: an error instead
        ("individual", "passport", "E12345678", "CN-SH", False),
        ("enterprise", "business_licence", SHENZHEN_USCC, "CN-SH", False),
    ],
)
def test_residence_permit_required(nature, certificate_type, number, region_code, expected):
    required = residence_permit_required(
        nature=nature,
        certificate_type=certificate_type,
        certificate_number=number,
        region=region(region_code),
    )
    assert required is expected


def test_residency_rule_comes_from_the_region_data():
    beijing_any = region("CN-BJ")
    beijing_strict = region("CN-BJ", individual_residency="local_only")
    details = {"nature": "individual", "certificate_type": "resident_id", "certificate_number": GUANGDONG_ID}
    assert check_individual_residency(region=beijing_any, **details) == []
    assert found(check_individual_residency(region=beijing_strict, **details)) == [
        ("entity.region", "individual_not_local")
    ]

"""Certificates: type per nature, number checks, age, province, residency; the Problem helpers."""

from __future__ import annotations

import datetime
import re

import pytest
from stdnum.cn import ric, uscc

from common.errors import ApplicationError
from entities.models import Region
from entities.regions import region_rows
from entities.rules import Problem, problems_to_fields, raise_for_problems
from entities.rules.identity import (
    age_on,
    allowed_certificate_types,
    birth_date_from_certificate,
    check_certificate_number,
    check_certificate_type,
    check_certificate_valid_until,
    check_entity_certificate,
    check_individual_residency,
    check_min_age,
    check_person_certificate,
    check_registration_province,
    is_national_unit,
    residence_permit_required,
)

TODAY = datetime.date(2025, 6, 16)
ROWS = {row["code"]: row for row in region_rows()}
BILINGUAL = re.compile(r"^.*[\u4e00-\u9fff].* / .*[A-Za-z].*$", re.S)


def region(code: str, **overrides) -> Region:
    """An unsaved Region with the values of its regions.csv row."""
    return Region(**{**ROWS[code], **overrides})


def make_ric(first17: str) -> str:
    """A resident ID (or HMT residence permit) with its correct check digit."""
    return first17 + ric.calc_check_digit(first17 + "0")


def make_uscc(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17)


def wrong_check(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


def found(problems: list[Problem]) -> list[tuple[str, str]]:
    """(field, code) of each problem, after checking every message is bilingual, Chinese first."""
    for item in problems:
        assert BILINGUAL.match(item.message), item.message
    return [(item.field, item.code) for item in problems]


BEIJING_ID = make_ric("11010119900307123")  # born 1990-03-07, Beijing household
SHANXI_ID = make_ric("14010519900307123")  # Shanxi household (division 14)
GUANGDONG_ID = make_ric("44030519900307123")
CHONGQING_1990_ID = make_ric("50010119900307123")  # 500101 only exists since 1997: still valid
X_ID = make_ric("11010119900307109")  # check digit X
HK_PERMIT_ID = make_ric("81000019900307123")
MACAU_PERMIT_ID = make_ric("82000019900307123")
TAIWAN_PERMIT_ID = make_ric("83000019900307123")
SHENZHEN_USCC = make_uscc("91440300MA5F12345")
BEIJING_USCC = make_uscc("12110000400000624")
NATIONAL_USCC = make_uscc("12100000400000624")  # a central public institution
NATIONAL_GOV_USCC = make_uscc("11100000000013127")
NATIONAL_ENTERPRISE_USCC = make_uscc("91100000710925176")
XPCC_USCC = make_uscc("91660000MA7A12345")


# Certificate type per nature.


@pytest.mark.parametrize(
    ("nature", "certificate_type", "expected"),
    [
        ("individual", "resident_id", []),
        ("individual", "passport", []),
        ("individual", "hk_macau_permit", []),
        ("individual", "taiwan_permit", []),
        ("individual", "hmt_residence_permit", []),
        ("enterprise", "business_licence", []),
        ("government", "registration_certificate", []),
        ("public_institution", "registration_certificate", []),
        ("social_organisation", "registration_certificate", []),
        ("private_non_enterprise", "registration_certificate", []),
        ("foundation", "registration_certificate", []),
        ("defence", "registration_certificate", []),
        ("law_firm", "registration_certificate", []),
        ("individual", "business_licence", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("individual", "driving_licence", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("enterprise", "resident_id", [("entity.certificate_type", "certificate_type_not_allowed")]),
        (
            "enterprise",
            "registration_certificate",
            [("entity.certificate_type", "certificate_type_not_allowed")],
        ),
        ("government", "business_licence", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("law_firm", "passport", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("foundation", "resident_id", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("company", "business_licence", [("entity.nature", "nature_unknown")]),
    ],
)
def test_certificate_type_follows_nature(nature, certificate_type, expected):
    assert found(check_certificate_type(nature=nature, certificate_type=certificate_type)) == expected


def test_allowed_certificate_types():
    assert allowed_certificate_types("enterprise") == ("business_licence",)
    assert len(allowed_certificate_types("individual")) == 5
    assert allowed_certificate_types("unknown") == ()


# Certificate numbers.

NUMBER = "entity.certificate_number"


@pytest.mark.parametrize(
    ("certificate_type", "number", "expected"),
    [
        # Resident ID
        ("resident_id", BEIJING_ID, []),
        ("resident_id", GUANGDONG_ID, []),
        ("resident_id", CHONGQING_1990_ID, []),
        ("resident_id", X_ID, []),
        ("resident_id", X_ID.lower(), []),  # a final x is upper-cased
        ("resident_id", " 1101 0119 9003 0712 3" + BEIJING_ID[-1], []),  # spaces removed
        ("resident_id", BEIJING_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９")), []),
        ("resident_id", "", [(NUMBER, "certificate_number_required")]),
        ("resident_id", "   ", [(NUMBER, "certificate_number_required")]),
        ("resident_id", BEIJING_ID[:17], [(NUMBER, "ric_length")]),
        ("resident_id", BEIJING_ID + "1", [(NUMBER, "ric_length")]),
        ("resident_id", "110101199003071" + "A" + "23", [(NUMBER, "ric_format")]),
        ("resident_id", BEIJING_ID[:17] + "Y", [(NUMBER, "ric_format")]),
        ("resident_id", wrong_check(BEIJING_ID), [(NUMBER, "ric_checksum")]),
        ("resident_id", make_ric("11010119901332123"), [(NUMBER, "ric_birth_date")]),
        ("resident_id", make_ric("11010120300307123"), [(NUMBER, "ric_birth_date")]),  # born in the future
        ("resident_id", make_ric("99010119900307123"), [(NUMBER, "ric_province")]),
        ("resident_id", HK_PERMIT_ID, [(NUMBER, "ric_is_hmt_residence_permit")]),
        # HK, Macau and Taiwan residence permit
        ("hmt_residence_permit", HK_PERMIT_ID, []),
        ("hmt_residence_permit", MACAU_PERMIT_ID, []),
        ("hmt_residence_permit", TAIWAN_PERMIT_ID, []),
        ("hmt_residence_permit", BEIJING_ID, [(NUMBER, "hmt_residence_permit_format")]),
        ("hmt_residence_permit", wrong_check(HK_PERMIT_ID), [(NUMBER, "hmt_residence_permit_checksum")]),
        ("hmt_residence_permit", HK_PERMIT_ID[:15], [(NUMBER, "hmt_residence_permit_length")]),
        (
            "hmt_residence_permit",
            make_ric("81000019900230123"),
            [(NUMBER, "hmt_residence_permit_birth_date")],
        ),
        # USCC
        ("business_licence", SHENZHEN_USCC, []),
        ("business_licence", SHENZHEN_USCC.lower(), []),
        ("business_licence", "9144 0300 MA5F 1234 5" + SHENZHEN_USCC[-1], []),
        ("registration_certificate", NATIONAL_USCC, []),
        ("registration_certificate", XPCC_USCC, []),
        ("business_licence", SHENZHEN_USCC[:17], [(NUMBER, "uscc_length")]),
        ("business_licence", wrong_check(SHENZHEN_USCC), [(NUMBER, "uscc_checksum")]),
        ("business_licence", "91440300MA5FI23450", [(NUMBER, "uscc_format")]),  # I is not used
        ("business_licence", make_uscc("9144A300MA5F12345"), [(NUMBER, "uscc_format")]),
        ("registration_certificate", make_uscc("12990000400000624"), [(NUMBER, "uscc_region")]),
        # Passport
        ("passport", "E12345678", []),
        ("passport", "e12345678", []),
        ("passport", "AB123", []),
        ("passport", "A" * 17, []),
        ("passport", "AB12", [(NUMBER, "passport_format")]),
        ("passport", "A" * 18, [(NUMBER, "passport_format")]),
        # Hyphens and spaces are separators, compacted away for every type (one number, one entity).
        ("passport", "E1234-5678", []),
        ("passport", "E1234/5678", [(NUMBER, "passport_format")]),
        # Hong Kong / Macau travel permit
        ("hk_macau_permit", "H12345678", []),
        ("hk_macau_permit", "M1234567890", []),
        ("hk_macau_permit", "h12345678", []),
        ("hk_macau_permit", "H1234567", [(NUMBER, "hk_macau_permit_format")]),
        ("hk_macau_permit", "H123456789", [(NUMBER, "hk_macau_permit_format")]),
        ("hk_macau_permit", "X12345678", [(NUMBER, "hk_macau_permit_format")]),
        # Taiwan travel permit
        ("taiwan_permit", "12345678", []),
        ("taiwan_permit", "1234567", [(NUMBER, "taiwan_permit_format")]),
        ("taiwan_permit", "A1234567", [(NUMBER, "taiwan_permit_format")]),
    ],
)
def test_certificate_number(certificate_type, number, expected):
    problems = check_certificate_number(
        certificate_type=certificate_type, certificate_number=number, today=TODAY
    )
    assert found(problems) == expected


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ETHIOPIC_ONE = "፩"  # a digit to str.isdigit(), but no decimal digit: int() fails on it


@pytest.mark.parametrize(
    ("certificate_type", "number", "expected"),
    [
        ("resident_id", BEIJING_ID.translate(ARABIC_INDIC), []),
        ("resident_id", BEIJING_ID[:9] + BEIJING_ID[9:].translate(ARABIC_INDIC), []),
        ("hmt_residence_permit", HK_PERMIT_ID.translate(ARABIC_INDIC), []),
        ("business_licence", SHENZHEN_USCC.translate(ARABIC_INDIC), []),
        ("resident_id", ETHIOPIC_ONE + BEIJING_ID[1:], [(NUMBER, "ric_format")]),
        (
            "hmt_residence_permit",
            "8" + ETHIOPIC_ONE + HK_PERMIT_ID[2:],
            [(NUMBER, "hmt_residence_permit_format")],
        ),
        ("taiwan_permit", "1234567" + ETHIOPIC_ONE, [(NUMBER, "taiwan_permit_format")]),
        ("business_licence", ETHIOPIC_ONE + SHENZHEN_USCC[1:], [(NUMBER, "uscc_format")]),
    ],
)
def test_certificate_numbers_have_ascii_digits_only(certificate_type, number, expected):
    """Any Unicode decimal digit is folded to ASCII; a digit-like character that is not one is refused."""
    problems = check_certificate_number(
        certificate_type=certificate_type, certificate_number=number, today=TODAY
    )
    assert found(problems) == expected


def test_a_digit_like_character_gives_no_birth_date():
    assert birth_date_from_certificate("resident_id", BEIJING_ID[:8] + ETHIOPIC_ONE + BEIJING_ID[9:]) is None
    assert birth_date_from_certificate("resident_id", BEIJING_ID.translate(ARABIC_INDIC)) == datetime.date(
        1990, 3, 7
    )


def test_certificate_number_messages_mask_the_number():
    [item] = check_certificate_number(
        certificate_type="resident_id", certificate_number=wrong_check(BEIJING_ID)
    )
    assert wrong_check(BEIJING_ID) not in item.message
    assert "1101**********" in item.message


# Facts read from numbers.


@pytest.mark.parametrize(
    ("certificate_type", "number", "expected"),
    [
        ("resident_id", BEIJING_ID, datetime.date(1990, 3, 7)),
        ("hmt_residence_permit", TAIWAN_PERMIT_ID, datetime.date(1990, 3, 7)),
        ("passport", "E12345678", None),
        ("resident_id", "123", None),
        ("resident_id", make_ric("11010119901332123"), None),
    ],
)
def test_birth_date_from_certificate(certificate_type, number, expected):
    assert birth_date_from_certificate(certificate_type, number) == expected


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        ("2007-06-16", "2025-06-16", 18),
        ("2007-06-17", "2025-06-16", 17),
        ("2008-02-29", "2026-02-28", 17),
        ("2008-02-29", "2026-03-01", 18),
        ("1990-12-31", "2025-01-01", 34),
    ],
)
def test_age_on(born, today, age):
    assert age_on(datetime.date.fromisoformat(born), datetime.date.fromisoformat(today)) == age


@pytest.mark.parametrize(
    ("nature", "number", "expected"),
    [
        ("government", NATIONAL_GOV_USCC, True),
        ("public_institution", NATIONAL_USCC, True),
        ("social_organisation", make_uscc("51100000500000111"), True),
        ("enterprise", NATIONAL_ENTERPRISE_USCC, False),  # not a national-unit nature
        ("government", make_uscc("11110000000013127"), False),  # Beijing, not national
        ("individual", BEIJING_ID, False),
    ],
)
def test_is_national_unit(nature, number, expected):
    assert is_national_unit(nature=nature, certificate_number=number) is expected


# Minimum age (Inner Mongolia and Hunan 18, Jiangsu 16, Beijing none).


@pytest.mark.parametrize(
    ("region_code", "certificate_type", "number", "today", "expected"),
    [
        ("CN-NM", "resident_id", make_ric("15010220070616123"), "2025-06-16", []),  # 18 today
        ("CN-NM", "resident_id", make_ric("15010220070617123"), "2025-06-16", [(NUMBER, "below_min_age")]),
        ("CN-NM", "resident_id", make_ric("15010220080229123"), "2026-02-28", [(NUMBER, "below_min_age")]),
        ("CN-NM", "resident_id", make_ric("15010220080229123"), "2026-03-01", []),
        ("CN-JS", "resident_id", make_ric("32010220090616123"), "2025-06-16", []),  # 16 today
        ("CN-JS", "resident_id", make_ric("32010220100101123"), "2025-06-16", [(NUMBER, "below_min_age")]),
        ("CN-BJ", "resident_id", make_ric("11010120150101123"), "2025-06-16", []),  # no minimum
        (
            "CN-HN",
            "hmt_residence_permit",
            make_ric("81000020100101123"),
            "2025-06-16",
            [(NUMBER, "below_min_age")],
        ),
        ("CN-HN", "passport", "E12345678", "2025-06-16", []),  # no birth date in the number
    ],
)
def test_min_age(region_code, certificate_type, number, today, expected):
    problems = check_min_age(
        certificate_type=certificate_type,
        certificate_number=number,
        region=region(region_code),
        today=datetime.date.fromisoformat(today),
    )
    assert found(problems) == expected


def test_min_age_comes_from_the_region_data():
    young = make_ric("11010120100101123")
    assert (
        check_min_age(
            certificate_type="resident_id", certificate_number=young, region=region("CN-BJ"), today=TODAY
        )
        == []
    )
    problems = check_min_age(
        certificate_type="resident_id",
        certificate_number=young,
        region=region("CN-BJ", min_age=21),
        today=TODAY,
    )
    assert found(problems) == [(NUMBER, "below_min_age")]
    assert "21" in problems[0].message


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


# Certificate validity (at least 3 months left).


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [
        (None, []),  # long-term (长期)
        ("2030-01-01", []),
        ("2025-09-16", []),  # exactly 3 months
        ("2025-09-15", [("entity.certificate_valid_until", "certificate_expires_soon")]),
        ("2025-06-16", [("entity.certificate_valid_until", "certificate_expires_soon")]),
        ("2025-06-15", [("entity.certificate_valid_until", "certificate_expired")]),
    ],
)
def test_certificate_valid_until(valid_until, expected):
    problems = check_certificate_valid_until(
        valid_until=datetime.date.fromisoformat(valid_until) if valid_until else None,
        today=TODAY,
        field="entity.certificate_valid_until",
    )
    assert found(problems) == expected


# Problem helpers.


def test_problems_to_fields_groups_messages_by_field_once_each():
    problems = [
        Problem("entity.head.mobile", "mobile_invalid", "手机 / Mobile"),
        Problem("websites.0.name", "name_required", "名称 / Name"),
        Problem("entity.head.mobile", "mobile_not_local", "本地 / Local"),
        Problem("entity.head.mobile", "mobile_invalid", "手机 / Mobile"),
    ]
    assert problems_to_fields(problems) == {
        "entity.head.mobile": ["手机 / Mobile", "本地 / Local"],
        "websites.0.name": ["名称 / Name"],
    }
    assert problems_to_fields([]) == {}


def test_raise_for_problems():
    raise_for_problems([])
    with pytest.raises(ApplicationError) as one:
        raise_for_problems([Problem("entity.region", "cross_province_filing", "跨省 / Cross")])
    assert one.value.code == "cross_province_filing"
    assert one.value.fields == {"entity.region": ["跨省 / Cross"]}
    with pytest.raises(ApplicationError) as many:
        raise_for_problems([Problem("a", "x", "甲 / A"), Problem("b", "y", "乙 / B")])
    assert many.value.code == "validation_failed"
    assert set(many.value.fields) == {"a", "b"}

"""Certificate numbers: format and checksum per type, Unicode digits, masking, and the facts read from a
number (``entities.rules.identity.numbers``)."""

from __future__ import annotations

import datetime

import pytest

from entities.rules.identity import birth_date_from_certificate, check_certificate_number, is_national_unit
from tests.entities.rules_helpers import (
    BEIJING_ID,
    CHONGQING_1990_ID,
    GUANGDONG_ID,
    HK_PERMIT_ID,
    MACAU_PERMIT_ID,
    NATIONAL_ENTERPRISE_USCC,
    NATIONAL_GOV_USCC,
    NATIONAL_USCC,
    NUMBER,
    SHENZHEN_USCC,
    TAIWAN_PERMIT_ID,
    TODAY,
    X_ID,
    XPCC_USCC,
    found,
    make_ric,
    make_uscc,
    wrong_check,
)


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

"""Phone numbers: the mobile (Mainland, local where required, one entity's only), the emergency phone,
letters refused and digits of any script folded (``entities.rules.contacts``)."""

from __future__ import annotations

import pytest

from entities.rules.contacts import (
    check_emergency_phone,
    check_mobile,
    check_mobile_not_used_elsewhere,
    check_person_contacts,
    is_in_region,
    mobile_home_advisories,
    mobile_home_place,
    mobile_used_by_other_entity,
    normalise_mobile,
    normalise_phone,
)
from tests.entities.rules_helpers import (
    BEIJING_MOBILE,
    GUANGDONG_MOBILE,
    JIANGSU_MOBILE,
    NINGXIA_MOBILE,
    ROWS,
    UNPLACED_MOBILE,
    XINJIANG_MOBILE,
    found,
    region,
)

MOBILE = "entity.head.mobile"


# Mobile. Beijing, Jiangsu, Shanghai, Xinjiang, Ningxia require a local number; Hebei, Guangdong do not.


@pytest.mark.parametrize(
    ("mobile", "region_code", "expected"),
    [
        (BEIJING_MOBILE, "CN-BJ", []),
        ("+86 138 0013 8000", "CN-BJ", []),
        ("+8613800138000", "CN-BJ", []),
        ("138-0013-8000", "CN-BJ", []),
        (" 138 0013 8000 ", "CN-BJ", []),
        (JIANGSU_MOBILE, "CN-JS", []),
        (XINJIANG_MOBILE, "CN-XJ", []),
        (NINGXIA_MOBILE, "CN-NX", []),
        (JIANGSU_MOBILE, "CN-HE", []),  # Hebei does not require a local number
        (UNPLACED_MOBILE, "CN-GD", []),
        ("", "CN-BJ", [(MOBILE, "mobile_required")]),
        ("12345", "CN-HE", [(MOBILE, "mobile_invalid")]),
        ("1380013800", "CN-HE", [(MOBILE, "mobile_invalid")]),  # 10 digits
        ("not a number", "CN-HE", [(MOBILE, "mobile_invalid")]),
        ("+852 6123 4567", "CN-HE", [(MOBILE, "mobile_not_mainland")]),  # Hong Kong
        ("+886 912 345 678", "CN-HE", [(MOBILE, "mobile_not_mainland")]),  # Taiwan
        ("+1 650 253 0000", "CN-HE", [(MOBILE, "mobile_not_mainland")]),
        ("010-12345678", "CN-HE", [(MOBILE, "mobile_not_mobile")]),  # a Beijing landline
        ("0755 1234 5678", "CN-GD", [(MOBILE, "mobile_not_mobile")]),
        (JIANGSU_MOBILE, "CN-BJ", [(MOBILE, "mobile_not_local")]),
        (JIANGSU_MOBILE, "CN-SH", [(MOBILE, "mobile_not_local")]),
        (GUANGDONG_MOBILE, "CN-XJ", [(MOBILE, "mobile_not_local")]),
        # No place known for the number: accepted (the reviewer gets an advisory), even where local is asked.
        (UNPLACED_MOBILE, "CN-BJ", []),
    ],
)
def test_mobile(mobile, region_code, expected):
    assert found(check_mobile(mobile=mobile, region=region(region_code))) == expected


LOCAL_PHONE_REGIONS = sorted(code for code, row in ROWS.items() if row["local_phone_required"])
# Ranges the geocoder has no province for (issue 9.6): 162, 165-167, 171, 172, 175, 190-193, 195-199.
UNPLACED_RANGES = ["16212345678", "16512345678", "17112345678", "17512345678", "19012345678", "19912345678"]


@pytest.mark.parametrize("region_code", LOCAL_PHONE_REGIONS)
@pytest.mark.parametrize("mobile", UNPLACED_RANGES)
def test_a_mobile_whose_home_cannot_be_known_is_accepted_with_an_advisory(region_code, mobile):
    assert mobile_home_place(mobile) in ("", "中国")
    assert check_mobile(mobile=mobile, region=region(region_code)) == []
    assert found(mobile_home_advisories(mobile=mobile, region=region(region_code))) == [
        (MOBILE, "mobile_home_unknown")
    ]


def test_a_mobile_known_to_be_elsewhere_is_still_refused_and_gets_no_advisory():
    assert len(LOCAL_PHONE_REGIONS) == 11
    assert found(check_mobile(mobile=JIANGSU_MOBILE, region=region("CN-BJ"))) == [
        (MOBILE, "mobile_not_local")
    ]
    assert mobile_home_advisories(mobile=JIANGSU_MOBILE, region=region("CN-BJ")) == []
    assert mobile_home_advisories(mobile=BEIJING_MOBILE, region=region("CN-BJ")) == []
    # No advisory where the region does not ask for a local number, nor for a number that is not valid.
    assert mobile_home_advisories(mobile=UNPLACED_MOBILE, region=region("CN-HE")) == []
    assert mobile_home_advisories(mobile="12345", region=region("CN-BJ")) == []


def test_the_advisory_does_not_repeat_the_number():
    [advisory] = mobile_home_advisories(mobile=UNPLACED_MOBILE, region=region("CN-BJ"))
    assert UNPLACED_MOBILE not in advisory.message


def test_local_phone_rule_comes_from_the_region_data():
    relaxed_beijing = region("CN-BJ", local_phone_required=False)
    assert check_mobile(mobile=JIANGSU_MOBILE, region=relaxed_beijing) == []
    strict_hebei = region("CN-HE", local_phone_required=True)
    [item] = check_mobile(mobile=JIANGSU_MOBILE, region=strict_hebei, field="websites.2.head.mobile")
    assert (item.field, item.code) == ("websites.2.head.mobile", "mobile_not_local")
    assert "江苏省常州市" in item.message and "Changzhou, Jiangsu" in item.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+86 138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+852 6123 4567", ""),
        ("nonsense", ""),
        ("", ""),
    ],
)
def test_normalise_mobile(raw, expected):
    assert normalise_mobile(raw) == expected


@pytest.mark.parametrize(
    ("mobile", "region_code", "expected"),
    [
        (BEIJING_MOBILE, "CN-BJ", True),
        (XINJIANG_MOBILE, "CN-XJ", True),
        (JIANGSU_MOBILE, "CN-BJ", False),
        (UNPLACED_MOBILE, "CN-BJ", False),
    ],
)
def test_mobile_home_place_in_region(mobile, region_code, expected):
    assert is_in_region(mobile_home_place(mobile), region(region_code)) is expected


# Emergency phone: landline or mobile.

EMERGENCY = "entity.head.emergency_phone"


@pytest.mark.parametrize(
    ("phone", "required", "expected"),
    [
        ("010-12345678", True, []),
        ("0755 1234 5678", True, []),
        ("+86 10 1234 5678", True, []),
        (BEIJING_MOBILE, True, []),
        ("", False, []),
        ("", True, [(EMERGENCY, "emergency_phone_required")]),
        ("123", True, [(EMERGENCY, "emergency_phone_invalid")]),
        ("+1 650 253 0000", True, [(EMERGENCY, "emergency_phone_invalid")]),
        ("emergency", True, [(EMERGENCY, "emergency_phone_invalid")]),
    ],
)
def test_emergency_phone(phone, required, expected):
    assert found(check_emergency_phone(phone=phone, required=required)) == expected


# One mobile per entity across the portal: the caller looks up the other entities' mobiles.


@pytest.mark.parametrize(
    ("mobile", "others", "expected"),
    [
        (BEIJING_MOBILE, set(), []),
        (BEIJING_MOBILE, {"13800138001", JIANGSU_MOBILE}, []),
        (BEIJING_MOBILE, {BEIJING_MOBILE}, [(MOBILE, "mobile_used_by_other_entity")]),
        ("+86 138 0013 8000", {"138 0013 8000"}, [(MOBILE, "mobile_used_by_other_entity")]),
        ("", {""}, []),
    ],
)
def test_mobile_not_used_elsewhere(mobile, others, expected):
    assert found(check_mobile_not_used_elsewhere(mobile=mobile, other_entity_mobiles=others)) == expected
    assert mobile_used_by_other_entity(mobile, others) is bool(expected)


# Letters in a phone number: refused, never read as keypad digits (phonenumbers turns ABC into 2).


@pytest.mark.parametrize(
    "mobile", ["13943abcdef", "1394322233a", "139 43AB CDEF", "+86 139-4322-2ABC", "１３９４３ａｂｃｄｅｆ"]
)
def test_mobile_with_letters_is_refused_not_converted(mobile):
    [item] = check_mobile(mobile=mobile, region=region("CN-HE"))
    assert (item.field, item.code) == (MOBILE, "mobile_invalid")
    assert "letters" in item.message
    assert normalise_mobile(mobile) == ""


@pytest.mark.parametrize("phone", ["0431-ABCDEFGH", "010-6551ABCD", "13943abcdef", "010 12345678 ext 12"])
def test_emergency_phone_with_letters_is_refused_not_converted(phone):
    [item] = check_emergency_phone(phone=phone)
    assert (item.field, item.code) == (EMERGENCY, "emergency_phone_invalid")
    assert "letters" in item.message


def test_letters_in_a_mobile_are_refused_in_the_person_contacts_too():
    problems = check_person_contacts(
        mobile="13943abcdef",
        emergency_phone="0431-ABCDEFGH",
        email="a@example.com",
        region=region("CN-JL"),
        field_prefix="websites.0.head",
    )
    assert found(problems) == [
        ("websites.0.head.mobile", "mobile_invalid"),
        ("websites.0.head.emergency_phone", "emergency_phone_invalid"),
    ]


# Digits of any script are read as ASCII digits (rules.md: any Unicode digit folded to ASCII).


@pytest.mark.parametrize("digits", ["٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "０１２３４５６７８９"])
def test_phone_digits_of_any_script_are_folded_to_ascii(digits):
    fold = str.maketrans("0123456789", digits)
    assert normalise_mobile(BEIJING_MOBILE.translate(fold)) == BEIJING_MOBILE
    assert check_mobile(mobile=BEIJING_MOBILE.translate(fold), region=region("CN-BJ")) == []
    assert normalise_phone("010-65512345".translate(fold)) == "010-65512345"
    assert check_emergency_phone(phone="010-65512345".translate(fold)) == []

"""Contacts: mobile (Mainland, local where required), emergency phone, email, shared contacts, legal rep."""

from __future__ import annotations

import re

import pytest

from entities.models import Region
from entities.regions import region_rows
from entities.rules import Problem
from entities.rules.contacts import (
    authorisation_letter_required,
    check_distinct_contacts,
    check_email,
    check_emergency_phone,
    check_head_legal_representative,
    check_mailing_address,
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

ROWS = {row["code"]: row for row in region_rows()}
BILINGUAL = re.compile(r"^.*[\u4e00-\u9fff].* / .*[A-Za-z].*$", re.S)

# Numbers and where phonenumbers' geocoder places them.
BEIJING_MOBILE = "13800138000"  # 北京市
JIANGSU_MOBILE = "13912345678"  # 江苏省常州市
XINJIANG_MOBILE = "13309912345"  # 新疆乌鲁木齐市
NINGXIA_MOBILE = "15109512345"  # 宁夏银川市
GUANGDONG_MOBILE = "13600000000"  # 广东省广州市
UNPLACED_MOBILE = "19912345678"  # 中国: no province


def region(code: str, **overrides) -> Region:
    return Region(**{**ROWS[code], **overrides})


def found(problems: list[Problem]) -> list[tuple[str, str]]:
    for item in problems:
        assert BILINGUAL.match(item.message), item.message
    return [(item.field, item.code) for item in problems]


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


# Email.

EMAIL = "entity.head.email"


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("zhangsan@example.com", []),
        ("zhang.san+icp@mail.example.com.cn", []),
        ("zhangsan@例子.中国", []),
        ("", [(EMAIL, "email_required")]),
        ("zhangsan@", [(EMAIL, "email_invalid")]),
        ("zhangsan@example", [(EMAIL, "email_invalid")]),
        ("zhang san@example.com", [(EMAIL, "email_invalid")]),
        ("@example.com", [(EMAIL, "email_invalid")]),
    ],
)
def test_email(email, expected):
    assert found(check_email(email=email)) == expected


def test_person_contacts_uses_the_field_prefix():
    problems = check_person_contacts(
        mobile=JIANGSU_MOBILE,
        emergency_phone="",
        email="bad",
        region=region("CN-BJ"),
        field_prefix="websites.1.head",
    )
    assert found(problems) == [
        ("websites.1.head.mobile", "mobile_not_local"),
        ("websites.1.head.emergency_phone", "emergency_phone_required"),
        ("websites.1.head.email", "email_invalid"),
    ]


# Persons in charge of one entity do not share mobile or email.


def person(field, name, mobile, email, certificate_number=""):
    return {
        "field": field,
        "name": name,
        "mobile": mobile,
        "email": email,
        "certificate_number": certificate_number,
    }


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        (
            [
                person("entity.head", "张三", BEIJING_MOBILE, "a@example.com"),
                person("websites.0.head", "李四", "13800138001", "b@example.com"),
            ],
            [],
        ),
        (
            [
                person("entity.head", "张三", BEIJING_MOBILE, "a@example.com"),
                person("websites.0.head", "李四", BEIJING_MOBILE, "b@example.com"),
            ],
            [("websites.0.head.mobile", "mobile_shared")],
        ),
        (
            [
                person("entity.head", "张三", BEIJING_MOBILE, "a@example.com"),
                person("websites.0.head", "李四", "+86 138 0013 8000", "b@example.com"),
            ],
            [("websites.0.head.mobile", "mobile_shared")],
        ),
        (
            [
                person("entity.head", "张三", BEIJING_MOBILE, "a@example.com"),
                person("websites.0.head", "李四", "13800138001", "A@Example.com"),
            ],
            [("websites.0.head.email", "email_shared")],
        ),
        (
            [
                person("entity.head", "张三", BEIJING_MOBILE, "a@example.com"),
                person("websites.0.head", "李四", "13800138001", "b@example.com"),
                person("websites.1.head", "王五", BEIJING_MOBILE, "b@example.com"),
            ],
            [("websites.1.head.mobile", "mobile_shared"), ("websites.1.head.email", "email_shared")],
        ),
        (  # the entity's head also in charge of a website: one person, the same contacts
            [
                person("entity.head", "张三", BEIJING_MOBILE, "a@example.com", "110101199003071233"),
                person("websites.0.head", "张三", BEIJING_MOBILE, "a@example.com", "110101 199003071233"),
            ],
            [],
        ),
        (
            [
                person("entity.head", "张三", "", ""),
                person("websites.0.head", "李四", "", ""),
            ],
            [],
        ),
    ],
)
def test_distinct_contacts(people, expected):
    assert found(check_distinct_contacts(people)) == expected


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


# Legal representative (Tianjin, Shanghai require one; Beijing does not).


@pytest.mark.parametrize(
    ("nature", "region_code", "is_legal_rep", "letter", "required", "expected"),
    [
        ("enterprise", "CN-TJ", True, False, False, []),
        ("enterprise", "CN-TJ", False, True, True, []),
        ("enterprise", "CN-TJ", False, False, True, [("entity.head", "authorisation_letter_required")]),
        (
            "public_institution",
            "CN-SH",
            False,
            False,
            True,
            [("entity.head", "authorisation_letter_required")],
        ),
        ("enterprise", "CN-BJ", False, False, False, []),
        ("individual", "CN-TJ", False, False, False, []),
    ],
)
def test_head_legal_representative(nature, region_code, is_legal_rep, letter, required, expected):
    assert (
        authorisation_letter_required(
            nature=nature, region=region(region_code), head_is_legal_representative=is_legal_rep
        )
        is required
    )
    problems = check_head_legal_representative(
        nature=nature,
        region=region(region_code),
        head_is_legal_representative=is_legal_rep,
        letter_will_be_provided=letter,
    )
    assert found(problems) == expected


# Mailing address: down to the door number.

ADDRESS = "entity.mailing_address"


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("北京市东城区示例路1号101室", []),
        ("北京市西城区金融大街2号", []),
        ("浙江省杭州市西湖区文三路100号1单元101室", []),
        ("吉林省长春市朝阳区幸福小区3栋", []),
        ("上海市浦东新区张江镇科苑路5幢", []),
        ("广东省深圳市南山区科技园A座12楼", []),
        ("江苏省南京市鼓楼区中山路 8 号", []),
        ("辽宁省沈阳市和平区南京街三号", []),  # a door number in Chinese numerals
        ("吉林省长春市朝阳区红旗小区3-2-501", []),  # building-unit-door, the northern way of writing it
        ("北京市朝阳区建国路８８号", []),  # full-width digits
        ("", []),  # left to the "required" check
        ("吉林省长春市", [(ADDRESS, "mailing_address_incomplete")]),
        ("吉林省长春市朝阳区人民大街", [(ADDRESS, "mailing_address_incomplete")]),
        ("河南省三门峡市湖滨区", [(ADDRESS, "mailing_address_incomplete")]),  # 三门 is a city's name
        ("北京市海淀区号", [(ADDRESS, "mailing_address_incomplete")]),  # no number before 号
        ("吉林省长春市 130000", [(ADDRESS, "mailing_address_incomplete")]),  # a postcode is no door
    ],
)
def test_mailing_address_reaches_the_door_number(address, expected):
    assert found(check_mailing_address(address=address)) == expected


def test_mailing_address_problem_names_the_field_and_the_address():
    [item] = check_mailing_address(address="吉林省长春市", field="websites.1.mailing_address")
    assert (item.field, item.code) == ("websites.1.mailing_address", "mailing_address_incomplete")
    assert "吉林省长春市" in item.message


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

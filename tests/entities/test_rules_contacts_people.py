"""Persons in charge and the entity beyond phone numbers: email, a person's contacts together, distinct
contacts among persons in charge, the legal representative, the mailing address (``entities.rules.contacts``)."""

from __future__ import annotations

import pytest

from entities.rules.contacts import (
    authorisation_letter_required,
    check_distinct_contacts,
    check_email,
    check_head_legal_representative,
    check_mailing_address,
    check_person_contacts,
)
from tests.entities.rules_helpers import BEIJING_MOBILE, JIANGSU_MOBILE, found, region

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

"""Website names: website-names.md, sensitive words, individuals' names with the regions' lists and forms
(``entities.rules.websites.names``)."""

from __future__ import annotations

import pytest

from entities.rules.websites import check_website_name
from tests.entities.rules_helpers import (
    ENTERPRISE_USCC,
    NATIONAL_ENTERPRISE_USCC,
    NATIONAL_GOV_USCC,
    PERSON_ID,
    found,
    make_uscc,
    region,
)

NATIONAL_SOCIAL_USCC = make_uscc("51100000500000111")
BEIJING_GOV_USCC = make_uscc("11110000000013127")


NAME = "websites.0.name"


def name_problems(
    name, *, nature="enterprise", number=ENTERPRISE_USCC, region_code="CN-BJ", domain="example.com", **kw
):
    return found(
        check_website_name(
            name=name,
            domain=domain,
            nature=nature,
            certificate_number=number,
            region=region(region_code),
            **kw,
        )
    )


# Names of every website.


@pytest.mark.parametrize(
    ("name", "domain", "expected"),
    [
        ("阿里云计算", "example.com", []),
        ("腾讯QQ空间", "example.com", []),
        ("123读书网", "example.com", []),
        ("阿里论坛社区", "example.com", []),  # the individuals' list does not apply to organisations
        ("Ａｌｉ云计算", "example.com", []),  # full-width letters are folded
        ("", "example.com", [(NAME, "name_required")]),
        ("   ", "example.com", [(NAME, "name_required")]),
        ("阿里云·计算", "example.com", [(NAME, "name_special_symbols")]),
        ("阿里 云计算", "example.com", [(NAME, "name_special_symbols")]),
        ("阿里云计算！", "example.com", [(NAME, "name_special_symbols")]),
        ("abc123", "example.com", [(NAME, "name_only_latin_digits")]),
        ("12345", "example.com", [(NAME, "name_only_latin_digits")]),
        ("阿里", "example.com", [(NAME, "name_too_few_chinese")]),
        ("QQ空间", "example.com", [(NAME, "name_too_few_chinese")]),
        ("a-b", "example.com", [(NAME, "name_special_symbols"), (NAME, "name_too_few_chinese")]),
        ("例子中国网", "例子中国网.com", []),
        ("例子中国", "例子.中国", [(NAME, "name_is_domain")]),
        ("例子网站.中国", "例子网站.中国", [(NAME, "name_special_symbols"), (NAME, "name_is_domain")]),
        (
            "example.com",
            "www.example.com",
            [(NAME, "name_special_symbols"), (NAME, "name_too_few_chinese"), (NAME, "name_is_domain")],
        ),
        ("中国好声音", "example.com", [(NAME, "name_forbidden_prefix")]),
        ("中华美食网", "example.com", [(NAME, "name_forbidden_prefix")]),
        ("国家地理杂志", "example.com", [(NAME, "name_forbidden_prefix")]),
        ("美食中国网", "example.com", []),  # only a prefix is forbidden
        ("反腐倡廉网", "example.com", [(NAME, "name_sensitive_word")]),
        ("色情赌博网", "example.com", [(NAME, "name_sensitive_word")]),
    ],
)
def test_website_name(name, domain, expected):
    assert name_problems(name, domain=domain) == expected


def test_sensitive_words_listed_in_the_order_they_appear():
    [item] = check_website_name(
        name="色情赌博网", domain="", nature="enterprise", certificate_number="", region=region("CN-BJ")
    )
    assert "色情、赌博" in item.message and "色情, 赌博" in item.message


@pytest.mark.parametrize(
    ("nature", "number", "expected"),
    [
        ("government", NATIONAL_GOV_USCC, []),
        ("public_institution", make_uscc("12100000400000624"), []),
        ("social_organisation", NATIONAL_SOCIAL_USCC, []),
        ("government", BEIJING_GOV_USCC, [(NAME, "name_forbidden_prefix")]),
        ("enterprise", NATIONAL_ENTERPRISE_USCC, [(NAME, "name_forbidden_prefix")]),
        ("individual", "110101199003071233", [(NAME, "name_forbidden_prefix")]),
    ],
)
def test_forbidden_prefix_allowed_only_to_national_units(nature, number, expected):
    assert name_problems("国家图书馆", nature=nature, number=number) == expected


@pytest.mark.parametrize(
    ("name", "words", "expected"),
    [
        ("测试之家网", {"测试"}, [(NAME, "name_sensitive_word")]),
        ("反腐倡廉网", set(), []),  # the operators' list replaces the default
        ("反腐倡廉网", None, [(NAME, "name_sensitive_word")]),  # the default file
    ],
)
def test_sensitive_words_are_an_argument(name, words, expected):
    assert name_problems(name, sensitive_words=words) == expected


# Individuals' names: the general list, the region's blacklist, Jiangsu's forms.


@pytest.mark.parametrize(
    ("name", "region_code", "expected"),
    [
        ("张三的随笔", "CN-BJ", []),
        ("张三的随笔", "CN-TJ", []),
        ("张三的论坛", "CN-TJ", [(NAME, "name_forbidden_word_individual")]),
        ("张三的网络日志", "CN-TJ", [(NAME, "name_forbidden_word_individual")]),
        ("张三的公司主页", "CN-TJ", [(NAME, "name_forbidden_word_individual")]),
        ("摄影爱好者之家", "CN-TJ", [(NAME, "name_forbidden_word_individual")]),
        ("张三的论坛", "CN-BJ", [(NAME, "name_forbidden_word_individual")]),  # in both lists: said once
        ("张三的评论集", "CN-BJ", [(NAME, "name_region_blacklist")]),
        ("张三的学院笔记", "CN-BJ", [(NAME, "name_region_blacklist")]),
        ("张三的学院笔记", "CN-TJ", []),  # Tianjin has no blacklist
        ("张三的商城笔记", "CN-GD", [(NAME, "name_region_blacklist")]),
        ("张三的股票笔记", "CN-ZJ", [(NAME, "name_region_blacklist")]),
        ("张三的彩票心得", "CN-HE", [(NAME, "name_region_blacklist")]),
        (
            "张三的论坛中心",
            "CN-BJ",
            [(NAME, "name_forbidden_word_individual"), (NAME, "name_region_blacklist")],
        ),
        ("张三的个人博客", "CN-JS", []),
        ("张三的个人主页", "CN-JS", []),
        ("欧阳娜娜的个人博客", "CN-JS", []),
        ("张三的随笔", "CN-JS", [(NAME, "name_form_required")]),
        ("张三的技术博客", "CN-JS", [(NAME, "name_form_required")]),
        ("的个人博客", "CN-JS", [(NAME, "name_form_required")]),
        ("张三的个人博客", "CN-BJ", [(NAME, "name_forbidden_word_individual")]),  # 博客 elsewhere
    ],
)
def test_individual_website_name(name, region_code, expected):
    assert name_problems(name, nature="individual", number=PERSON_ID, region_code=region_code) == expected


@pytest.mark.parametrize(
    ("name", "region_code", "forms", "expected"),
    [
        ("张三的个人博客", "CN-JS", {}, [(NAME, "name_forbidden_word_individual")]),  # without the data
        ("张三的随笔", "CN-BJ", {"CN-BJ": ("某某的随笔",)}, []),
        ("张三的杂记", "CN-BJ", {"CN-BJ": ("某某的随笔",)}, [(NAME, "name_form_required")]),
    ],
)
def test_name_forms_are_data(name, region_code, forms, expected):
    assert (
        name_problems(name, nature="individual", number=PERSON_ID, region_code=region_code, name_forms=forms)
        == expected
    )


def test_region_blacklist_is_data():
    edited = region("CN-TJ", individual_name_blacklist="随笔  杂记")
    problems = check_website_name(
        name="张三的随笔", domain="", nature="individual", certificate_number=PERSON_ID, region=edited
    )
    assert found(problems) == [(NAME, "name_region_blacklist")]

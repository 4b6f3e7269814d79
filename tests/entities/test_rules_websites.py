"""Websites: names (website-names.md and the regions' lists), count, content type, homepage, pre-approval."""

from __future__ import annotations

import datetime
import re

import pytest
from stdnum.cn import uscc

from entities.models import Region
from entities.regions import region_rows
from entities.rules import Problem
from entities.rules.websites import (
    PRE_APPROVAL_CATEGORIES,
    available_pre_approval_categories,
    check_content_type,
    check_homepage_url,
    check_pre_approvals,
    check_website,
    check_website_count,
    check_website_name,
    compile_name_form,
    load_individual_name_forms,
    load_pre_approval_regions,
    load_sensitive_words,
)

TODAY = datetime.date(2025, 6, 16)
ROWS = {row["code"]: row for row in region_rows()}
BILINGUAL = re.compile(r"^.*[\u4e00-\u9fff].* / .*[A-Za-z].*$", re.S)


def region(code: str, **overrides) -> Region:
    return Region(**{**ROWS[code], **overrides})


def make_uscc(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17)


def found(problems: list[Problem]) -> list[tuple[str, str]]:
    for item in problems:
        assert BILINGUAL.match(item.message), item.message
    return [(item.field, item.code) for item in problems]


ENTERPRISE_USCC = make_uscc("91110108MA01AB12C")  # Beijing
NATIONAL_GOV_USCC = make_uscc("11100000000013127")
NATIONAL_SOCIAL_USCC = make_uscc("51100000500000111")
BEIJING_GOV_USCC = make_uscc("11110000000013127")
NATIONAL_ENTERPRISE_USCC = make_uscc("91100000710925176")
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

PERSON_ID = "110101199003071233"


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


def test_data_files():
    assert {"反腐", "赌博", "廉政", "色情"} <= load_sensitive_words()
    assert load_individual_name_forms()["CN-JS"] == ("某某的个人博客", "某某的个人主页")
    assert load_pre_approval_regions()["education"] == frozenset({"CN-ZJ", "CN-QH", "CN-XZ"})
    assert load_pre_approval_regions()["health_care"] == frozenset({"CN-HE", "CN-XZ"})
    assert compile_name_form("某某的个人博客").fullmatch("李四的个人博客")
    assert not compile_name_form("某某的个人博客").fullmatch("Li的个人博客")


def test_data_files_can_be_replaced(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# comment\n\n 彩票 \n赌场 # inline comment\n", encoding="utf-8")
    assert load_sensitive_words(words) == frozenset({"彩票", "赌场"})
    forms = tmp_path / "forms.csv"
    forms.write_text("region_code,pattern\nCN-BJ,某某的随笔\n,\n", encoding="utf-8")
    assert load_individual_name_forms(forms) == {"CN-BJ": ("某某的随笔",)}


# Website count: 1 to 10, and the region's max_domains_per_order (Shanxi 3, Henan 5, Hubei 1).


@pytest.mark.parametrize(
    ("count", "region_code", "expected"),
    [
        (1, "CN-BJ", []),
        (10, "CN-BJ", []),
        (0, "CN-BJ", [("websites", "websites_none")]),
        (11, "CN-BJ", [("websites", "websites_too_many")]),
        (3, "CN-SX", []),
        (4, "CN-SX", [("websites", "websites_over_region_limit")]),
        (5, "CN-HA", []),
        (6, "CN-HA", [("websites", "websites_over_region_limit")]),
        (1, "CN-HB", []),
        (2, "CN-HB", [("websites", "websites_over_region_limit")]),
    ],
)
def test_website_count(count, region_code, expected):
    assert found(check_website_count(count=count, region=region(region_code))) == expected


# Content type: individuals only "other".

CONTENT = "websites.0.content_type"


@pytest.mark.parametrize(
    ("nature", "content_type", "expected"),
    [
        ("individual", "other", []),
        ("enterprise", "other", []),
        ("enterprise", "e_commerce", []),
        ("individual", "e_commerce", [(CONTENT, "content_type_individual")]),
        ("individual", "news", [(CONTENT, "content_type_individual")]),
        ("enterprise", "", [(CONTENT, "content_type_required")]),
    ],
)
def test_content_type(nature, content_type, expected):
    assert found(check_content_type(nature=nature, content_type=content_type)) == expected


# Homepage on the website's domain.

HOMEPAGE = "websites.0.homepage_url"


@pytest.mark.parametrize(
    ("url", "domain", "expected"),
    [
        ("http://example.com", "example.com", []),
        ("https://www.example.com/index.html", "example.com", []),
        ("www.example.com", "example.com", []),  # scheme added
        ("HTTPS://WWW.EXAMPLE.COM/", "Example.COM", []),
        ("https://www.例子.中国/", "xn--fsqu00a.xn--fiqs8s", []),
        ("https://www.xn--fsqu00a.xn--fiqs8s/", "例子.中国", []),
        ("http://example.com:8080/", "example.com", []),
        ("https://example.com", "not a domain", []),  # the domain field reports its own problem
        ("", "example.com", [(HOMEPAGE, "homepage_url_required")]),
        ("ftp://example.com", "example.com", [(HOMEPAGE, "homepage_url_invalid")]),
        ("http://", "example.com", [(HOMEPAGE, "homepage_url_invalid")]),
        ("http://example.com:99999/", "example.com", [(HOMEPAGE, "homepage_url_invalid")]),
        ("http://example.org", "example.com", [(HOMEPAGE, "homepage_url_off_domain")]),
        ("http://notexample.com", "example.com", [(HOMEPAGE, "homepage_url_off_domain")]),
        ("http://example.com.evil.cn", "example.com", [(HOMEPAGE, "homepage_url_off_domain")]),
    ],
)
def test_homepage_url(url, domain, expected):
    assert found(check_homepage_url(homepage_url=url, domain=domain)) == expected


# Pre-approval.

PRE = "websites.0.pre_approvals"


def document(category, number="京ICP证000001号", issuer="北京市新闻出版局", valid_until="2027-01-01"):
    return {
        "category": category,
        "number": number,
        "issuer": issuer,
        "valid_until": datetime.date.fromisoformat(valid_until) if valid_until else None,
    }


@pytest.mark.parametrize(
    ("nature", "region_code", "choices", "expected"),
    [
        ("enterprise", "CN-BJ", [], []),  # "none of the above"
        ("enterprise", "CN-BJ", None, [(PRE, "pre_approval_unanswered")]),
        ("individual", "CN-BJ", [], []),
        ("individual", "CN-BJ", [document("news")], [(PRE, "pre_approval_individual")]),
        ("enterprise", "CN-BJ", [document("news")], []),
        ("enterprise", "CN-BJ", [document("news"), document("finance")], []),
        ("enterprise", "CN-ZJ", [document("education")], []),
        ("enterprise", "CN-QH", [document("education")], []),
        ("enterprise", "CN-BJ", [document("education")], [(f"{PRE}.0.category", "pre_approval_not_offered")]),
        ("enterprise", "CN-HE", [document("health_care")], []),
        (
            "enterprise",
            "CN-ZJ",
            [document("health_care")],
            [(f"{PRE}.0.category", "pre_approval_not_offered")],
        ),
        ("enterprise", "CN-XZ", [document("education"), document("health_care")], []),
        (
            "enterprise",
            "CN-BJ",
            [document("gambling")],
            [(f"{PRE}.0.category", "pre_approval_unknown_category")],
        ),
        (
            "enterprise",
            "CN-BJ",
            [document("news", number="")],
            [(f"{PRE}.0.number", "pre_approval_number_required")],
        ),
        (
            "enterprise",
            "CN-BJ",
            [document("news", issuer=" ")],
            [(f"{PRE}.0.issuer", "pre_approval_issuer_required")],
        ),
        (
            "enterprise",
            "CN-BJ",
            [document("news"), document("culture", valid_until=None)],
            [(f"{PRE}.1.valid_until", "pre_approval_valid_until_required")],
        ),
        (
            "enterprise",
            "CN-BJ",
            [document("news", valid_until="2025-06-16")],
            [(f"{PRE}.0.valid_until", "pre_approval_expired")],
        ),
        ("enterprise", "CN-BJ", [document("news", valid_until="2025-06-17")], []),
        (
            "enterprise",
            "CN-BJ",
            [document("news"), document("news")],
            [(f"{PRE}.1.category", "pre_approval_duplicate")],
        ),
    ],
)
def test_pre_approvals(nature, region_code, choices, expected):
    problems = check_pre_approvals(nature=nature, region=region(region_code), choices=choices, today=TODAY)
    assert found(problems) == expected


@pytest.mark.parametrize(
    ("nature", "region_code", "count", "has_education", "has_health_care"),
    [
        ("individual", "CN-XZ", 0, False, False),
        ("enterprise", "CN-BJ", 7, False, False),
        ("enterprise", "CN-ZJ", 8, True, False),
        ("enterprise", "CN-HE", 8, False, True),
        ("enterprise", "CN-XZ", 9, True, True),
    ],
)
def test_available_pre_approval_categories(nature, region_code, count, has_education, has_health_care):
    offered = available_pre_approval_categories(nature=nature, region=region(region_code))
    assert len(offered) == count
    assert ("education" in offered) is has_education
    assert ("health_care" in offered) is has_health_care
    assert set(offered) <= set(PRE_APPROVAL_CATEGORIES)


def test_pre_approval_regions_are_data():
    data = {"education": {"CN-BJ"}}
    offered = available_pre_approval_categories(
        nature="enterprise", region=region("CN-BJ"), category_regions=data
    )
    assert "education" in offered and "health_care" in offered


# A website as a whole.


@pytest.mark.parametrize(
    ("index", "website", "nature", "expected"),
    [
        (
            0,
            {
                "name": "阿里云计算",
                "domain": "example.com",
                "homepage_url": "https://www.example.com/",
                "content_type": "e_commerce",
                "pre_approvals": [],
            },
            "enterprise",
            [],
        ),
        (
            2,
            {
                "name": "ab",
                "domain": "example.com",
                "homepage_url": "https://example.org/",
                "content_type": "news",
                "pre_approvals": [document("news")],
            },
            "individual",
            [
                ("websites.2.name", "name_only_latin_digits"),
                ("websites.2.content_type", "content_type_individual"),
                ("websites.2.homepage_url", "homepage_url_off_domain"),
                ("websites.2.pre_approvals", "pre_approval_individual"),
            ],
        ),
        (
            1,
            {
                "name": "阿里云计算",
                "domain": "example.com",
                "homepage_url": "http://example.com",
                "content_type": "x",
            },
            "enterprise",
            [("websites.1.pre_approvals", "pre_approval_unanswered")],
        ),
    ],
)
def test_website(index, website, nature, expected):
    number = PERSON_ID if nature == "individual" else ENTERPRISE_USCC
    problems = check_website(
        index=index,
        website=website,
        nature=nature,
        certificate_number=number,
        region=region("CN-BJ"),
        today=TODAY,
    )
    assert found(problems) == expected

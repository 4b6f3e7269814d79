"""Domains: approved TLDs (multi-label, IDN), the nature TLD rules, regional exclusions, registrar facts."""

from __future__ import annotations

import datetime
import re

import pytest
from stdnum.cn import uscc

from entities.models import Region
from entities.regions import region_rows
from entities.rules import Problem, add_months
from entities.rules.domains import (
    RegistrarFacts,
    approved_tld_of,
    check_domain,
    check_registrar_facts,
    has_suffix,
    load_default_approved_tlds,
    load_nature_tld_exclusions,
    unicode_tld,
)

TODAY = datetime.date(2025, 6, 16)  # a Monday
ROWS = {row["code"]: row for row in region_rows()}
BILINGUAL = re.compile(r"^.*[\u4e00-\u9fff].* / .*[A-Za-z].*$", re.S)
APPROVED = load_default_approved_tlds()
DOMAIN = "websites.0.domain"


def region(code: str, **overrides) -> Region:
    return Region(**{**ROWS[code], **overrides})


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def found(problems: list[Problem]) -> list[tuple[str, str]]:
    for item in problems:
        assert BILINGUAL.match(item.message), item.message
    return [(item.field, item.code) for item in problems]


# Approved TLDs and names.


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("example.com", []),
        ("EXAMPLE.COM", []),  # never refused for case
        ("https://Example.com.", []),
        ("www.example.com", []),
        ("example.cn", []),
        ("example.com.cn", []),  # under .cn
        ("例子.中国", []),
        ("xn--fsqu00a.xn--fiqs8s", []),  # the same in punycode
        ("例子.公司", []),
        ("例子.网络", []),
        ("example.top", []),
        ("", [(DOMAIN, "domain_required")]),
        ("exa mple.com", [(DOMAIN, "domain_invalid")]),
        ("localhost", [(DOMAIN, "domain_invalid")]),
        ("example.com/path", [(DOMAIN, "domain_invalid")]),
        ("-example.com", [(DOMAIN, "domain_invalid")]),
        ("example.io", [(DOMAIN, "tld_not_approved")]),
        ("example.me", [(DOMAIN, "tld_not_approved")]),
        ("example.hk", [(DOMAIN, "tld_not_approved")]),
        ("example.tw", [(DOMAIN, "tld_not_approved")]),
        ("example.jp", [(DOMAIN, "tld_not_approved")]),
        ("example.asia", [(DOMAIN, "tld_not_approved")]),
        ("example.win", [(DOMAIN, "tld_not_approved")]),
        ("example.cn.io", [(DOMAIN, "tld_not_approved")]),
    ],
)
def test_domain_name_and_tld(domain, expected):
    problems = check_domain(
        domain=domain, nature="enterprise", region=region("CN-BJ"), approved_tlds=APPROVED
    )
    assert found(problems) == expected


@pytest.mark.parametrize(
    ("domain", "approved", "expected"),
    [
        ("例子.中国", {"xn--fiqs8s"}, []),  # a list in punycode
        ("xn--fsqu00a.xn--fiqs8s", {"中国"}, []),
        ("example.com", {".COM"}, []),
        ("example.gov.cn", {"gov.cn"}, []),
        ("example.cn", {"gov.cn"}, [(DOMAIN, "tld_not_approved")]),
        ("example.io", {"io"}, []),  # operators extend the list
        ("example.com", set(), [(DOMAIN, "tld_not_approved")]),
    ],
)
def test_approved_list_is_an_argument(domain, approved, expected):
    problems = check_domain(
        domain=domain, nature="enterprise", region=region("CN-BJ"), approved_tlds=approved
    )
    assert found(problems) == expected


# The nature TLD rules: public institutions .cn / .公益, government .gov.cn / .政务.


@pytest.mark.parametrize(
    ("nature", "domain", "expected"),
    [
        ("public_institution", "example.cn", []),
        ("public_institution", "example.edu.cn", []),
        ("public_institution", "例子.公益", []),
        ("public_institution", "example.xn--55qw42g", []),  # 公益 in punycode
        ("public_institution", "example.com", [(DOMAIN, "tld_not_allowed_for_nature")]),
        ("public_institution", "例子.中国", [(DOMAIN, "tld_not_allowed_for_nature")]),
        ("government", "beijing.gov.cn", []),
        ("government", "例子.政务", []),
        ("government", "example.cn", [(DOMAIN, "tld_not_allowed_for_nature")]),
        ("government", "example.org.cn", [(DOMAIN, "tld_not_allowed_for_nature")]),
        ("government", "example.com", [(DOMAIN, "tld_not_allowed_for_nature")]),
        ("enterprise", "example.gov.cn", []),  # no rule for enterprises here (the registry's business)
        ("individual", "例子.公益", []),
    ],
)
def test_nature_tld_rules(nature, domain, expected):
    problems = check_domain(domain=domain, nature=nature, region=region("CN-BJ"), approved_tlds=APPROVED)
    assert found(problems) == expected


# Regional exclusions, as data: Chongqing individuals cannot file .org.


@pytest.mark.parametrize(
    ("nature", "region_code", "domain", "exclusions", "expected"),
    [
        ("individual", "CN-CQ", "example.org", None, [(DOMAIN, "tld_excluded_in_region")]),
        ("individual", "CN-CQ", "EXAMPLE.ORG", None, [(DOMAIN, "tld_excluded_in_region")]),
        ("individual", "CN-CQ", "example.org.cn", None, []),  # .cn, not .org
        ("individual", "CN-CQ", "example.com", None, []),
        ("enterprise", "CN-CQ", "example.org", None, []),
        ("individual", "CN-BJ", "example.org", None, []),
        ("individual", "CN-CQ", "example.org", set(), []),  # without the data there is no rule
        (
            "individual",
            "CN-BJ",
            "example.top",
            {("CN-BJ", "individual", "top")},
            [(DOMAIN, "tld_excluded_in_region")],
        ),
        (
            "individual",
            "CN-BJ",
            "例子.中国",
            {("CN-BJ", "individual", "中国")},
            [(DOMAIN, "tld_excluded_in_region")],
        ),
    ],
)
def test_regional_tld_exclusions(nature, region_code, domain, exclusions, expected):
    problems = check_domain(
        domain=domain,
        nature=nature,
        region=region(region_code),
        approved_tlds=APPROVED,
        tld_exclusions=exclusions,
    )
    assert found(problems) == expected


def test_field_path_is_an_argument():
    problems = check_domain(
        domain="example.io",
        nature="enterprise",
        region=region("CN-BJ"),
        approved_tlds=APPROVED,
        field="websites.3.domain",
    )
    assert found(problems) == [("websites.3.domain", "tld_not_approved")]


# Helpers and data.


@pytest.mark.parametrize(
    ("domain", "suffix", "expected"),
    [
        ("example.gov.cn", "gov.cn", True),
        ("example.gov.cn", "cn", True),
        ("example.org.cn", "org", False),
        ("gov.cn", "gov.cn", False),  # a suffix needs a label before it
        ("例子.中国", "xn--fiqs8s", True),
        ("example.com", ".COM", True),
    ],
)
def test_has_suffix(domain, suffix, expected):
    assert has_suffix(domain, suffix) is expected


@pytest.mark.parametrize(
    ("domain", "tld"),
    [
        ("example.gov.cn", "gov.cn"),  # the longest approved suffix
        ("www.example.gov.cn", "gov.cn"),
        ("www.example.com.cn", "cn"),
        ("www.例子.中国", "中国"),
        ("example.io", None),
        ("gov.cn", "cn"),
    ],
)
def test_approved_tld_of(domain, tld):
    assert approved_tld_of(domain, APPROVED) == tld


def test_default_approved_tlds():
    assert {"cn", "中国", "公司", "网络", "gov.cn", "政务", "公益", "com", "org"} <= APPROVED
    assert not {"io", "me", "hk", "tw", "jp", "asia", "win"} & APPROVED
    assert not any(tld.startswith("#") or " " in tld for tld in APPROVED)


def test_approved_tlds_file_format(tmp_path):
    path = tmp_path / "tlds.txt"
    path.write_text("# approved\n\nCOM\n.xn--fiqs8s  # 中国\ngov.cn\n", encoding="utf-8")
    assert load_default_approved_tlds(path) == frozenset({"com", "中国", "gov.cn"})
    assert unicode_tld(".XN--55QW42G") == "公益"


def test_default_exclusions():
    assert ("CN-CQ", "individual", "org") in load_nature_tld_exclusions()


# Registrar facts: holder, real-name verification 3 working days ago, months left before expiry.

ENTITY_NAME = "北京例子科技有限公司（海淀）"
ENTITY_NUMBER = "91110108MA01AB12C" + uscc.calc_check_digit("91110108MA01AB12C")


def facts(**overrides) -> RegistrarFacts:
    values = {
        "holder_name": ENTITY_NAME,
        "holder_certificate_matches": True,
        "holder_certificate_masked": "9111**********12C" + ENTITY_NUMBER[-1],
        "real_name_verified_at": d("2025-06-11"),  # Thursday, Friday, Monday: 3 working days
        "expires_at": d("2027-06-16"),
    }
    return RegistrarFacts(**{**values, **overrides})


@pytest.mark.parametrize(
    ("given", "region_code", "today", "expected"),
    [
        (facts(), "CN-BJ", TODAY, []),
        (None, "CN-BJ", TODAY, [(DOMAIN, "domain_not_registered")]),
        # Holder
        (facts(holder_name="北京例子科技有限公司(海淀)"), "CN-BJ", TODAY, []),  # half-width brackets
        (facts(holder_name=" 北京例子科技 有限公司（海淀）"), "CN-BJ", TODAY, []),
        (
            facts(holder_name="北京示例科技有限公司"),
            "CN-BJ",
            TODAY,
            [(DOMAIN, "domain_holder_name_mismatch")],
        ),
        (facts(holder_name=""), "CN-BJ", TODAY, [(DOMAIN, "domain_holder_name_mismatch")]),
        (
            facts(holder_certificate_matches=False, holder_certificate_masked="9111**********12D0"),
            "CN-BJ",
            TODAY,
            [(DOMAIN, "domain_holder_certificate_mismatch")],
        ),
        # Real-name verification
        (facts(real_name_verified_at=None), "CN-BJ", TODAY, [(DOMAIN, "domain_not_verified")]),
        (
            facts(real_name_verified_at=d("2025-06-12")),
            "CN-BJ",
            TODAY,
            [(DOMAIN, "domain_verification_too_recent")],
        ),
        (
            facts(real_name_verified_at=d("2025-06-16")),
            "CN-BJ",
            TODAY,
            [(DOMAIN, "domain_verification_too_recent")],
        ),
        (
            facts(real_name_verified_at=d("2025-06-20")),
            "CN-BJ",
            TODAY,
            [(DOMAIN, "domain_verification_too_recent")],
        ),
        (facts(real_name_verified_at=d("2024-01-01")), "CN-BJ", TODAY, []),
        # Over the Dragon Boat Festival (31 May – 2 June 2025): Friday → Wednesday is 2 working days, not 3.
        (
            facts(real_name_verified_at=d("2025-05-30")),
            "CN-BJ",
            d("2025-06-04"),
            [(DOMAIN, "domain_verification_too_recent")],
        ),
        (facts(real_name_verified_at=d("2025-05-29")), "CN-BJ", d("2025-06-04"), []),
        # Expiry: Hebei wants 3 months left, Beijing none.
        (facts(expires_at=d("2025-09-16")), "CN-HE", TODAY, []),
        (facts(expires_at=d("2025-09-15")), "CN-HE", TODAY, [(DOMAIN, "domain_expires_too_soon")]),
        (facts(expires_at=d("2025-06-17")), "CN-BJ", TODAY, []),
        (facts(expires_at=d("2025-06-16")), "CN-BJ", TODAY, [(DOMAIN, "domain_expired")]),
        (facts(expires_at=d("2025-06-01")), "CN-HE", TODAY, [(DOMAIN, "domain_expired")]),
        (facts(expires_at=None), "CN-BJ", TODAY, [(DOMAIN, "domain_expiry_unknown")]),
        (
            facts(holder_name="别人", real_name_verified_at=None, expires_at=None),
            "CN-BJ",
            TODAY,
            [
                (DOMAIN, "domain_holder_name_mismatch"),
                (DOMAIN, "domain_not_verified"),
                (DOMAIN, "domain_expiry_unknown"),
            ],
        ),
    ],
)
def test_registrar_facts(given, region_code, today, expected):
    problems = check_registrar_facts(
        facts=given,
        domain="example.com",
        entity_name=ENTITY_NAME,
        region=region(region_code),
        today=today,
    )
    assert found(problems) == expected


def test_registrar_messages_name_the_dates_and_mask_the_number():
    problems = check_registrar_facts(
        facts=facts(
            real_name_verified_at=d("2025-06-12"),
            holder_certificate_matches=False,
            holder_certificate_masked="9111**********12D0",
        ),
        domain="example.com",
        entity_name=ENTITY_NAME,
        region=region("CN-BJ"),
        today=TODAY,
    )
    messages = " ".join(item.message for item in problems)
    assert "91110108MA01AB12D0" not in messages and "9111**********12D0" in messages
    assert "2025-06-12" in messages and "2025-06-17" in messages  # verified on, and fileable from


def test_domain_min_months_comes_from_the_region_data():
    problems = check_registrar_facts(
        facts=facts(expires_at=d("2025-12-01")),
        domain="example.com",
        entity_name=ENTITY_NAME,
        region=region("CN-BJ", domain_min_months=12),
        today=TODAY,
    )
    assert found(problems) == [(DOMAIN, "domain_expires_too_soon")]
    assert "12" in problems[0].message


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2025-06-16", 0, "2025-06-16"),
        ("2025-06-16", 3, "2025-09-16"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-01-31", 13, "2026-02-28"),
        ("2025-03-31", -1, "2025-02-28"),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(d(day), months) == d(expected)

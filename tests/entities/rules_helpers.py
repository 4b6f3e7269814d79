"""What the tests of ``entities.rules`` share: regions from regions.csv, the bilingual check of a problem's
message, valid certificate numbers, and a pre-approval document."""

from __future__ import annotations

import datetime
import re

from stdnum.cn import ric, uscc

from entities.models import Region
from entities.regions import region_rows
from entities.rules import Problem

TODAY = datetime.date(2025, 6, 16)  # a Monday
ROWS = {row["code"]: row for row in region_rows()}
BILINGUAL = re.compile(r"^.*[\u4e00-\u9fff].* / .*[A-Za-z].*$", re.S)


def region(code: str, **overrides) -> Region:
    """An unsaved Region with the values of its regions.csv row."""
    return Region(**{**ROWS[code], **overrides})


def found(problems: list[Problem]) -> list[tuple[str, str]]:
    """(field, code) of each problem, after checking every message is bilingual, Chinese first."""
    for item in problems:
        assert BILINGUAL.match(item.message), item.message
    return [(item.field, item.code) for item in problems]


# Certificate numbers.


def make_ric(first17: str) -> str:
    """A resident ID (or HMT residence permit) with its correct check digit."""
    return first17 + ric.calc_check_digit(first17 + "0")


def make_uscc(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17)


def wrong_check(number: str) -> str:
    return number[:-1] + ("1" if number[-1] != "1" else "2")


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
NUMBER = "entity.certificate_number"


# Websites.

ENTERPRISE_USCC = make_uscc("91110108MA01AB12C")  # Beijing
PERSON_ID = "110101199003071233"


def document(category, number="京ICP证000001号", issuer="北京市新闻出版局", valid_until="2027-01-01"):
    """A pre-approval choice as the wizard passes it: its category and its document."""
    return {
        "category": category,
        "number": number,
        "issuer": issuer,
        "valid_until": datetime.date.fromisoformat(valid_until) if valid_until else None,
    }


# Contacts: mobile numbers and where phonenumbers' geocoder places them.

BEIJING_MOBILE = "13800138000"  # 北京市
JIANGSU_MOBILE = "13912345678"  # 江苏省常州市
XINJIANG_MOBILE = "13309912345"  # 新疆乌鲁木齐市
NINGXIA_MOBILE = "15109512345"  # 宁夏银川市
GUANGDONG_MOBILE = "13600000000"  # 广东省广州市
UNPLACED_MOBILE = "19912345678"  # 中国: no province

"""Certificate numbers: format and checksum per type, and the facts read from a number.

Numbers are normalised with ``common.identity.normalise_certificate_number`` before any check (every script's
decimal digits are then ASCII; a digit-like character that is no decimal digit, such as ``፩``, is refused as a
format error: the checks test ``[0-9]``, never ``str.isdigit``, which ``int()`` would fail on). Messages show
identity numbers masked (``1101**********1234``): they are personal data, and a message may end up in a log.

Decisions:
- Resident IDs are checked with ``stdnum.cn.ric``'s pieces (compact, check digit, birth date), not with
  ``ric.validate``: its county check also compares the county code's years of existence with the birth
  year and so refuses real people whose IDs were reissued under a newer code (everybody born in Chongqing
  before 1997 holds a 50xxxx number). We check the province (first 2 digits) against the national list.
- A USCC's characters 3–8 are its registration region. ``100000`` means registered at national level, in no
  province (``is_national_code``); the Xinjiang Production and Construction Corps registers under its own
  division code 66, which ``DIVISION_ALIASES`` maps to Xinjiang (65). Where an organisation may file is
  decided in ``entities.rules.identity.region``.
"""

from __future__ import annotations

import datetime
import re

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from common.identity import mask_identity, normalise_certificate_number
from entities.models import CertificateType, EntityNature
from entities.rules import Problem, problem
from entities.rules.identity.certificate_types import USCC_CERTIFICATE_TYPES

# Natures whose units count as "national" when their USCC region code is 100000 (website-names.md).
NATIONAL_UNIT_NATURES: frozenset[str] = frozenset(
    {EntityNature.GOVERNMENT, EntityNature.PUBLIC_INSTITUTION, EntityNature.SOCIAL_ORGANISATION}
)
NATIONAL_REGION_CODE = "100000"

# The 31 Mainland provincial divisions (GB/T 2260), the first two digits of a resident ID.
MAINLAND_PROVINCE_CODES: frozenset[str] = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
    ]
)
HMT_RESIDENCE_PERMIT_PREFIXES: tuple[str, ...] = ("81", "82", "83")  # Hong Kong, Macau, Taiwan
# Division codes that belong to a provincial region without being its code: the Xinjiang Production and
# Construction Corps (66) registers organisations under its own code and is part of Xinjiang (65).
DIVISION_ALIASES: dict[str, str] = {"66": "65"}
USCC_PROVINCE_CODES: frozenset[str] = MAINLAND_PROVINCE_CODES | frozenset(DIVISION_ALIASES)

_PERMIT_PATTERNS: dict[str, tuple[re.Pattern[str], str, str]] = {
    CertificateType.PASSPORT: (
        re.compile(r"[A-Z0-9]{5,17}"),
        "护照号码应为5至17位字母或数字",
        "a passport number has 5 to 17 letters or digits",
    ),
    CertificateType.HK_MACAU_PERMIT: (
        re.compile(r"[HM]([0-9]{8}|[0-9]{10})"),
        "港澳居民来往内地通行证号码应为H或M加8位或10位数字",
        "an HK/Macau permit number is H or M followed by 8 or 10 digits",
    ),
    CertificateType.TAIWAN_PERMIT: (
        re.compile(r"[0-9]{8}"),
        "台湾居民来往大陆通行证号码应为8位数字",
        "a Taiwan permit number has 8 digits",
    ),
}


def _ascii_digits(text: str) -> bool:
    """``0``-``9`` only: ``str.isdigit`` also accepts characters (``፩``, ``¹``) that ``int()`` refuses."""
    return text.isascii() and text.isdigit()


def _check_resident_id_like(
    number: str, *, field: str, code_prefix: str, name_zh: str, name_en: str, today: datetime.date | None
) -> list[Problem]:
    """18 characters: 17 digits, a check digit (ISO 7064 mod 11-2); a real birth date not after ``today``."""
    masked = mask_identity(number)
    if len(number) != 18:
        return [
            problem(
                field,
                f"{code_prefix}_length",
                f"{name_zh}号码应为18位，“{masked}”为{len(number)}位",
                f"A {name_en} number has 18 characters; “{masked}” has {len(number)}.",
            )
        ]
    if not _ascii_digits(number[:17]) or not (_ascii_digits(number[17]) or number[17] == "X"):
        return [
            problem(
                field,
                f"{code_prefix}_format",
                f"{name_zh}号码“{masked}”应为17位数字加一位数字或X",
                f"The {name_en} number “{masked}” must be 17 digits followed by a digit or X.",
            )
        ]
    if number[17] != ric.calc_check_digit(number):
        return [
            problem(
                field,
                f"{code_prefix}_checksum",
                f"{name_zh}号码“{masked}”校验位错误，请核对",
                f"The check digit of the {name_en} number “{masked}” is wrong; please check the number.",
            )
        ]
    try:
        birth_date = ric.get_birth_date(number)
    except ValidationError:
        birth_date = None
    if birth_date is None or (today is not None and birth_date > today):
        return [
            problem(
                field,
                f"{code_prefix}_birth_date",
                f"{name_zh}号码“{masked}”中的出生日期“{number[6:14]}”无效",
                f"The birth date “{number[6:14]}” in the {name_en} number “{masked}” is not a valid date.",
            )
        ]
    return []


def _check_resident_id(number: str, *, field: str, today: datetime.date | None) -> list[Problem]:
    found = _check_resident_id_like(
        number, field=field, code_prefix="ric", name_zh="身份证", name_en="resident ID", today=today
    )
    if found:
        return found
    if number[:2] in HMT_RESIDENCE_PERMIT_PREFIXES:
        return [
            problem(
                field,
                "ric_is_hmt_residence_permit",
                f"“{mask_identity(number)}”是港澳台居民居住证号码，请选择证件类型“港澳台居民居住证”",
                f"“{mask_identity(number)}” is a residence permit for HK, Macau and Taiwan residents; "
                "choose that certificate type.",
            )
        ]
    if number[:2] not in MAINLAND_PROVINCE_CODES:
        return [
            problem(
                field,
                "ric_province",
                f"身份证号码“{mask_identity(number)}”的地区码“{number[:2]}”不是有效的省级行政区划代码",
                f"The region code “{number[:2]}” of the resident ID “{mask_identity(number)}” "
                "is not a Mainland province.",
            )
        ]
    return []


def _check_hmt_residence_permit(number: str, *, field: str, today: datetime.date | None) -> list[Problem]:
    if len(number) == 18 and number[:2] not in HMT_RESIDENCE_PERMIT_PREFIXES:
        return [
            problem(
                field,
                "hmt_residence_permit_format",
                f"港澳台居民居住证号码“{mask_identity(number)}”应以81、82或83开头",
                f"A residence permit number for HK, Macau and Taiwan residents starts with 81, 82 or 83; "
                f"“{mask_identity(number)}” does not.",
            )
        ]
    return _check_resident_id_like(
        number,
        field=field,
        code_prefix="hmt_residence_permit",
        name_zh="港澳台居民居住证",
        name_en="HK/Macau/Taiwan residence permit",
        today=today,
    )


def _check_uscc(number: str, *, field: str) -> list[Problem]:
    masked = mask_identity(number)
    try:
        uscc.validate(number)
    except InvalidLength:
        code = "uscc_length"
    except InvalidChecksum:
        code = "uscc_checksum"
    except ValidationError:
        code = "uscc_format"
    else:
        code = ""
    if code:
        zh, en = {
            "uscc_length": (
                f"统一社会信用代码应为18位，“{masked}”为{len(number)}位",
                f"A unified social credit code has 18 characters; “{masked}” has {len(number)}.",
            ),
            "uscc_checksum": (
                f"统一社会信用代码“{masked}”校验位错误，请核对",
                f"The check character of the unified social credit code “{masked}” is wrong.",
            ),
            "uscc_format": (
                f"统一社会信用代码“{masked}”格式错误：前8位为数字，其余为数字或大写字母（不含I、O、Z、S、V）",
                f"The unified social credit code “{masked}” is malformed: 8 digits, then digits or capital "
                "letters other than I, O, Z, S, V.",
            ),
        }[code]
        return [problem(field, code, zh, en)]
    if uscc_province(number) not in USCC_PROVINCE_CODES and not is_national_code(number):
        return [
            problem(
                field,
                "uscc_region",
                f"统一社会信用代码“{masked}”的登记地区码“{uscc_region_code(number)}”无效",
                f"The registration region “{uscc_region_code(number)}” of the unified social credit code "
                f"“{masked}” is not a Mainland region.",
            )
        ]
    return []


def check_certificate_number(
    *,
    certificate_type: str,
    certificate_number: str,
    field: str = "entity.certificate_number",
    today: datetime.date | None = None,
) -> list[Problem]:
    """The number's format and checksum for its type; ``today`` also refuses a birth date in the future."""
    number = normalise_certificate_number(certificate_number)
    if not number:
        return [
            problem(field, "certificate_number_required", "请填写证件号码", "Enter the certificate number.")
        ]
    if certificate_type == CertificateType.RESIDENT_ID:
        return _check_resident_id(number, field=field, today=today)
    if certificate_type == CertificateType.HMT_RESIDENCE_PERMIT:
        return _check_hmt_residence_permit(number, field=field, today=today)
    if certificate_type in USCC_CERTIFICATE_TYPES:
        return _check_uscc(number, field=field)
    if certificate_type in _PERMIT_PATTERNS:
        pattern, zh, en = _PERMIT_PATTERNS[certificate_type]
        if not pattern.fullmatch(number):
            masked = mask_identity(number)
            return [
                problem(
                    field,
                    f"{certificate_type}_format",
                    f"{zh}，“{masked}”不符",
                    f"{en.capitalize()}; “{masked}” does not.",
                )
            ]
    return []  # an unknown type is reported by check_certificate_type


# Facts read from numbers. Each expects a normalised number that passed check_certificate_number.


def resident_id_province(number: str) -> str:
    """The household province of a resident ID: its first 2 digits (``"44"`` for Guangdong)."""
    return normalise_certificate_number(number)[:2]


def uscc_region_code(number: str) -> str:
    """The registration region of a USCC: characters 3–8 (``"440300"``)."""
    return normalise_certificate_number(number)[2:8]


def uscc_province(number: str) -> str:
    """The registration province of a USCC: characters 3–4 (``"44"``)."""
    return normalise_certificate_number(number)[2:4]


def is_national_code(number: str) -> bool:
    """Whether the USCC was registered at national level (region code ``100000``)."""
    return uscc_region_code(number) == NATIONAL_REGION_CODE


def is_national_unit(*, nature: str, certificate_number: str) -> bool:
    """A government body, public institution or social organisation registered at national level."""
    return nature in NATIONAL_UNIT_NATURES and is_national_code(certificate_number)


def birth_date_from_certificate(certificate_type: str, certificate_number: str) -> datetime.date | None:
    """The birth date in a resident ID or HMT residence permit (characters 7–14); None for other types."""
    if certificate_type not in (CertificateType.RESIDENT_ID, CertificateType.HMT_RESIDENCE_PERMIT):
        return None
    number = normalise_certificate_number(certificate_number)
    if len(number) != 18 or not _ascii_digits(number[:14]):
        return None
    try:
        return ric.get_birth_date(number)
    except ValidationError:
        return None

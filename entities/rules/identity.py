"""Certificates of entities and persons in charge: type per nature, number format and checksum, age, region.

Numbers are normalised with ``common.identity.normalise_certificate_number`` before any check (every script's
decimal digits are then ASCII; a digit-like character that is no decimal digit, such as ``፩``, is refused as a
format error: the checks test ``[0-9]``, never ``str.isdigit``, which ``int()`` would fail on). Messages show
identity numbers masked (``1101**********1234``): they are personal data, and a message may end up in a log.

Decisions:
- Resident IDs are checked with ``stdnum.cn.ric``'s pieces (compact, check digit, birth date), not with
  ``ric.validate``: its county check also compares the county code's years of existence with the birth
  year and so refuses real people whose IDs were reissued under a newer code (everybody born in Chongqing
  before 1997 holds a 50xxxx number). We check the province (first 2 digits) against the national list.
- An organisation files in its registration province (USCC characters 3–4). A USCC whose region code
  (characters 3–8) is ``100000`` was registered at national level, in no province; "no cross-province
  filing" cannot apply to it, so such a unit may file in any region (whatever its nature). Units of the
  Xinjiang Production and Construction Corps (66xxxx) file in Xinjiang (65).
- Passports and travel permits carry no birth date: ``min_age`` is checked where the number gives one
  (resident ID, HMT residence permit); otherwise the specialist checks the scan.
"""

from __future__ import annotations

import datetime
import re

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from common.identity import mask_identity, normalise_certificate_number
from entities.models import CertificateType, EntityNature, IndividualResidency, Region
from entities.rules import Problem, add_months, problem

INDIVIDUAL_CERTIFICATE_TYPES: tuple[str, ...] = (
    CertificateType.RESIDENT_ID,
    CertificateType.PASSPORT,
    CertificateType.HK_MACAU_PERMIT,
    CertificateType.TAIWAN_PERMIT,
    CertificateType.HMT_RESIDENCE_PERMIT,
)
USCC_CERTIFICATE_TYPES: tuple[str, ...] = (
    CertificateType.BUSINESS_LICENCE,
    CertificateType.REGISTRATION_CERTIFICATE,
)
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

CERTIFICATE_NAMES: dict[str, tuple[str, str]] = {
    CertificateType.RESIDENT_ID: ("居民身份证", "resident identity card"),
    CertificateType.PASSPORT: ("护照", "passport"),
    CertificateType.HK_MACAU_PERMIT: (
        "港澳居民来往内地通行证",
        "Mainland travel permit for HK and Macau residents",
    ),
    CertificateType.TAIWAN_PERMIT: ("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"),
    CertificateType.HMT_RESIDENCE_PERMIT: (
        "港澳台居民居住证",
        "residence permit for HK, Macau and Taiwan residents",
    ),
    CertificateType.BUSINESS_LICENCE: ("营业执照", "business licence"),
    CertificateType.REGISTRATION_CERTIFICATE: ("登记证书", "registration certificate"),
}
NATURE_NAMES: dict[str, tuple[str, str]] = {
    EntityNature.INDIVIDUAL: ("个人", "an individual"),
    EntityNature.ENTERPRISE: ("企业", "an enterprise"),
    EntityNature.GOVERNMENT: ("政府机关", "a government body"),
    EntityNature.PUBLIC_INSTITUTION: ("事业单位", "a public institution"),
    EntityNature.SOCIAL_ORGANISATION: ("社会团体", "a social organisation"),
    EntityNature.PRIVATE_NON_ENTERPRISE: ("民办非企业单位", "a private non-enterprise unit"),
    EntityNature.FOUNDATION: ("基金会", "a foundation"),
    EntityNature.DEFENCE: ("国防机构", "a defence body"),
    EntityNature.LAW_FIRM: ("律师执业机构", "a law firm"),
}

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


def allowed_certificate_types(nature: str) -> tuple[str, ...]:
    """The certificate types an entity of ``nature`` may file with; empty for an unknown nature."""
    if nature == EntityNature.INDIVIDUAL:
        return INDIVIDUAL_CERTIFICATE_TYPES
    if nature == EntityNature.ENTERPRISE:
        return (CertificateType.BUSINESS_LICENCE,)
    if nature in EntityNature.values:
        return (CertificateType.REGISTRATION_CERTIFICATE,)
    return ()


def check_certificate_type(
    *, nature: str, certificate_type: str, field: str = "entity.certificate_type"
) -> list[Problem]:
    if nature not in EntityNature.values:
        return [
            problem(
                "entity.nature",
                "nature_unknown",
                f"未知的主办单位性质“{nature}”",
                f"“{nature}” is not a known entity nature.",
            )
        ]
    allowed = allowed_certificate_types(nature)
    if certificate_type in allowed:
        return []
    nature_zh, nature_en = NATURE_NAMES[nature]
    allowed_zh = "、".join(CERTIFICATE_NAMES[t][0] for t in allowed)
    allowed_en = ", ".join(CERTIFICATE_NAMES[t][1] for t in allowed)
    given_zh, given_en = CERTIFICATE_NAMES.get(certificate_type, (certificate_type, certificate_type))
    return [
        problem(
            field,
            "certificate_type_not_allowed",
            f"主办单位性质为{nature_zh}时证件类型不能为“{given_zh}”，应为：{allowed_zh}",
            f"{nature_en.capitalize()} cannot file with a {given_en}; use: {allowed_en}.",
        )
    ]


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


def age_on(birth_date: datetime.date, today: datetime.date) -> int:
    """Full years of age on ``today`` (someone born on 29 February turns a year older on 1 March)."""
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def check_min_age(
    *,
    certificate_type: str,
    certificate_number: str,
    region: Region,
    today: datetime.date,
    field: str = "entity.certificate_number",
) -> list[Problem]:
    """The region's ``min_age`` on ``today``, where the number gives a birth date (see module docstring)."""
    if region.min_age is None:
        return []
    birth_date = birth_date_from_certificate(certificate_type, certificate_number)
    if birth_date is None:
        return []
    age = age_on(birth_date, today)
    if age >= region.min_age:
        return []
    return [
        problem(
            field,
            "below_min_age",
            f"{region.name_zh}要求年满{region.min_age}周岁；证件出生日期为{birth_date:%Y-%m-%d}，"
            f"至{today:%Y-%m-%d}为{age}周岁",
            f"{region.name_en} requires an age of at least {region.min_age}; born {birth_date:%Y-%m-%d}, "
            f"the holder is {age} on {today:%Y-%m-%d}.",
        )
    ]


def check_registration_province(
    *,
    nature: str,
    certificate_type: str,
    certificate_number: str,
    region: Region,
    field: str = "entity.region",
) -> list[Problem]:
    """An organisation files only in the province of its USCC (characters 3–4); national codes anywhere."""
    if nature == EntityNature.INDIVIDUAL or certificate_type not in USCC_CERTIFICATE_TYPES:
        return []
    number = normalise_certificate_number(certificate_number)
    if not uscc.is_valid(number) or is_national_code(number):
        return []
    province = uscc_province(number)
    if DIVISION_ALIASES.get(province, province) == region.division:
        return []
    return [
        problem(
            field,
            "cross_province_filing",
            f"统一社会信用代码“{mask_identity(number)}”的登记地区为{uscc_region_code(number)}，"
            f"不属于{region.name_zh}；单位只能在登记所在省份备案",
            f"The unified social credit code “{mask_identity(number)}” was registered in region "
            f"{uscc_region_code(number)}, outside {region.name_en}; an organisation files only in the "
            "province where it is registered.",
        )
    ]


def is_local_resident(*, certificate_type: str, certificate_number: str, region: Region) -> bool:
    """Whether the certificate is a resident ID whose household province is the filing region."""
    return (
        certificate_type == CertificateType.RESIDENT_ID
        and resident_id_province(certificate_number) == region.division
    )


def residence_permit_required(
    *, nature: str, certificate_type: str, certificate_number: str, region: Region
) -> bool:
    """A Mainland individual filing outside their household province where the rule is ``residence_permit``.

    Not an error: the caller adds the residence permit (居住证) to the materials to upload.
    """
    return (
        nature == EntityNature.INDIVIDUAL
        and region.individual_residency == IndividualResidency.RESIDENCE_PERMIT
        and certificate_type == CertificateType.RESIDENT_ID
        and not is_local_resident(
            certificate_type=certificate_type, certificate_number=certificate_number, region=region
        )
    )


def check_individual_residency(
    *,
    nature: str,
    certificate_type: str,
    certificate_number: str,
    region: Region,
    field: str = "entity.region",
) -> list[Problem]:
    """``local_only`` regions accept only individuals whose resident ID is of the region.

    A passport or permit holder has no household registration there either, so they are refused too.
    """
    if nature != EntityNature.INDIVIDUAL or region.individual_residency != IndividualResidency.LOCAL_ONLY:
        return []
    if is_local_resident(
        certificate_type=certificate_type, certificate_number=certificate_number, region=region
    ):
        return []
    if certificate_type == CertificateType.RESIDENT_ID:
        province = resident_id_province(certificate_number)
        masked = mask_identity(normalise_certificate_number(certificate_number))
        zh = f"{region.name_zh}只接受本地户籍个人备案；身份证“{masked}”的户籍地区码为{province}"
        en = (
            f"{region.name_en} accepts only individuals with a local household registration (code "
            f"{region.division}); this resident ID is from region {province}."
        )
    else:
        name_zh, name_en = CERTIFICATE_NAMES.get(certificate_type, (certificate_type, certificate_type))
        zh = f"{region.name_zh}只接受本地户籍个人（居民身份证地区码{region.division}）备案，不接受{name_zh}"
        en = (
            f"{region.name_en} accepts only individuals with a local resident ID (code {region.division}), "
            f"not a {name_en}."
        )
    return [problem(field, "individual_not_local", zh, en)]


def check_certificate_valid_until(
    *, valid_until: datetime.date | None, today: datetime.date, field: str, min_months: int = 3
) -> list[Problem]:
    """At least ``min_months`` of validity left; ``None`` means a long-term (长期) certificate."""
    if valid_until is None:
        return []
    if valid_until < today:
        return [
            problem(
                field,
                "certificate_expired",
                f"证件已于{valid_until:%Y-%m-%d}过期",
                f"The certificate expired on {valid_until:%Y-%m-%d}.",
            )
        ]
    needed = add_months(today, min_months)
    if valid_until < needed:
        return [
            problem(
                field,
                "certificate_expires_soon",
                f"证件有效期至{valid_until:%Y-%m-%d}，须至少还有{min_months}个月（至{needed:%Y-%m-%d}）",
                f"The certificate is valid until {valid_until:%Y-%m-%d}; at least {min_months} months are "
                f"needed (until {needed:%Y-%m-%d}).",
            )
        ]
    return []


def check_entity_certificate(
    *, nature: str, certificate_type: str, certificate_number: str, region: Region, today: datetime.date
) -> list[Problem]:
    """Type for the nature, number, then (once the number is right) province, residency and minimum age."""
    found = check_certificate_type(nature=nature, certificate_type=certificate_type)
    if found:
        return found
    found = check_certificate_number(
        certificate_type=certificate_type, certificate_number=certificate_number, today=today
    )
    if found:
        return found
    details = dict(
        nature=nature, certificate_type=certificate_type, certificate_number=certificate_number, region=region
    )
    found = check_registration_province(**details) + check_individual_residency(**details)
    if nature == EntityNature.INDIVIDUAL:
        found += check_min_age(
            certificate_type=certificate_type,
            certificate_number=certificate_number,
            region=region,
            today=today,
        )
    return found


def check_person_certificate(
    *,
    certificate_type: str,
    certificate_number: str,
    region: Region,
    today: datetime.date,
    field_prefix: str = "entity.head",
) -> list[Problem]:
    """A person in charge holds a personal certificate, valid, and is at least the region's ``min_age``."""
    if certificate_type not in INDIVIDUAL_CERTIFICATE_TYPES:
        given_zh, given_en = CERTIFICATE_NAMES.get(certificate_type, (certificate_type, certificate_type))
        return [
            problem(
                f"{field_prefix}.certificate_type",
                "certificate_type_not_allowed",
                f"负责人的证件类型不能为“{given_zh}”，应为个人证件（身份证、护照、通行证或居住证）",
                f"A person in charge cannot use a {given_en}; use a personal certificate (resident ID, "
                "passport, travel permit or residence permit).",
            )
        ]
    field = f"{field_prefix}.certificate_number"
    found = check_certificate_number(
        certificate_type=certificate_type, certificate_number=certificate_number, field=field, today=today
    )
    if found:
        return found
    return check_min_age(
        certificate_type=certificate_type,
        certificate_number=certificate_number,
        region=region,
        today=today,
        field=field,
    )

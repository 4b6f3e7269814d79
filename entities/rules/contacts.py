"""Contacts: the persons in charge's mobile, emergency phone and email, shared contacts, the legal
representative, and the entity's mailing address.

"One mobile number belongs to one entity across the whole portal" needs the database: the caller looks up the
mobiles of the other entities (normalised with ``normalise_mobile``) and passes them to
``check_mobile_not_used_elsewhere``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from phonenumbers import PhoneNumber, PhoneNumberType, geocoder

from common.identity import fold_digits, normalise_certificate_number
from entities.models import EntityNature, Region
from entities.rules import Problem, problem

_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
_email_validator = EmailValidator()
# A door number: digits followed by a door-level word (号 number, 室 room, 栋/幢/座 building, 单元 unit,
# 楼 building or floor, 门 door, 户 household), the same words after Chinese numerals except the ambiguous
# 楼/门/户 (三门峡 is a city), or digits joined by hyphens (3-2-501: building-unit-door, as written in the
# north). Spaces may separate the number from its word.
_DOOR_NUMBER = re.compile(
    r"[0-9]+\s*(?:号|室|栋|幢|座|单元|楼|门|户)"
    r"|[〇零一二三四五六七八九十百千两]+\s*(?:号|室|栋|幢|座|单元)"
    r"|[0-9]+(?:\s*-\s*[0-9]+)+"
)


def has_letters(raw: str) -> bool:
    """Whether a phone number as typed holds a letter (Latin or any other script, 转 for an extension too).

    ``phonenumbers`` reads a number with three or more letters as a keypad spelling (``13943abcdef`` becomes
    ``13943222333``): rules.md wants letters refused, never converted, so they are looked for first.
    """
    return any(unicodedata.category(character).startswith("L") for character in raw or "")


def normalise_phone(raw: str) -> str:
    """A phone number as read and stored: full-width forms folded (NFKC), every script's decimal digits as
    ASCII (``fold_digits``), outer spaces removed; the rest (``010-``, ``+86``) as typed."""
    return fold_digits(unicodedata.normalize("NFKC", raw or "")).strip()


def parse_phone(raw: str) -> PhoneNumber | None:
    """The number as ``phonenumbers`` reads it with CN as the default region; None when it cannot be read
    or holds a letter (see ``has_letters``), so every caller (checks, ``normalise_mobile``) refuses it."""
    text = normalise_phone(raw)
    if not text or has_letters(text):
        return None
    try:
        return phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None


def _is_mainland(number: PhoneNumber) -> bool:
    return phonenumbers.region_code_for_number(number) == "CN"


def normalise_mobile(raw: str) -> str:
    """``"+86 138 0013 8000"`` → ``"13800138000"`` (the national form); ``""`` if not a Mainland number."""
    number = parse_phone(raw)
    if number is None or not phonenumbers.is_valid_number(number) or not _is_mainland(number):
        return ""
    return phonenumbers.national_significant_number(number)


def mobile_home_place(mobile: str) -> str:
    """Where the number's prefix was allocated (``"广东省深圳市"``); ``"中国"`` or ``""`` if unknown."""
    number = parse_phone(mobile)
    if number is None:
        return ""
    return geocoder.description_for_number(number, "zh")


def is_in_region(place: str, region: Region) -> bool:
    """Whether a geocoder description (``"广东省深圳市"``) lies in ``region`` (name_zh ``"广东"``)."""
    return bool(region.name_zh) and place.startswith(region.name_zh)


def check_mobile(*, mobile: str, region: Region, field: str = "entity.head.mobile") -> list[Problem]:
    """A Mainland mobile number (``+86`` and spaces accepted); local to the region where it says so."""
    if has_letters(mobile):
        return [
            problem(
                field,
                "mobile_invalid",
                f"“{mobile}”含有字母，手机号码只能由数字组成",
                f"“{mobile}” contains letters; a mobile number has digits only.",
            )
        ]
    number = parse_phone(mobile)
    if number is None:
        if not (mobile or "").strip():
            return [problem(field, "mobile_required", "请填写手机号码", "Enter a mobile number.")]
        return [
            problem(
                field,
                "mobile_invalid",
                f"“{mobile}”不是有效的手机号码",
                f"“{mobile}” is not a valid mobile number.",
            )
        ]
    if not phonenumbers.is_valid_number(number):
        return [
            problem(
                field,
                "mobile_invalid",
                f"“{mobile}”不是有效的手机号码",
                f"“{mobile}” is not a valid mobile number.",
            )
        ]
    if not _is_mainland(number):
        return [
            problem(
                field,
                "mobile_not_mainland",
                f"“{mobile}”不是中国大陆手机号码，请填写中国大陆（+86）手机号码",
                f"“{mobile}” is not a Mainland China number; enter a Mainland (+86) mobile number.",
            )
        ]
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return [
            problem(
                field,
                "mobile_not_mobile",
                f"“{mobile}”是固定电话号码，请填写手机号码",
                f"“{mobile}” is a landline number; enter a mobile number.",
            )
        ]
    if not region.local_phone_required:
        return []
    place = geocoder.description_for_number(number, "zh")
    if not _is_placed(place):
        # The geocoder has no place for whole ranges (162, 165–167, 171, 172, 175, 190–199, parts of 145, 170,
        # 176, 178): such a number may well be local. Refuse only a number known to belong elsewhere; the
        # reviewer is told (``mobile_home_advisories``).
        return []
    if not is_in_region(place, region):
        place_en = geocoder.description_for_number(number, "en") or place
        return [
            problem(
                field,
                "mobile_not_local",
                f"{region.name_zh}要求使用本地手机号码，“{mobile}”的归属地为{place}",
                f"{region.name_en} requires a local mobile number; “{mobile}” is from {place_en}.",
            )
        ]
    return []


def _is_placed(place: str) -> bool:
    return bool(place) and place != "中国"


def mobile_home_advisories(
    *, mobile: str, region: Region, field: str = "entity.head.mobile"
) -> list[Problem]:
    """For the reviewer, not a refusal: where the region asks for a local mobile and the home province of a
    valid Mainland mobile cannot be known (code ``mobile_home_unknown``)."""
    number = parse_phone(mobile)
    if (
        not region.local_phone_required
        or number is None
        or not phonenumbers.is_valid_number(number)
        or not _is_mainland(number)
        or _is_placed(geocoder.description_for_number(number, "zh"))
    ):
        return []
    return [
        problem(
            field,
            "mobile_home_unknown",
            # No number in the text: the advisory is shown beside the field, to viewers who may see it masked.
            f"{region.name_zh}要求使用本地手机号码，无法确定该手机号码的归属地，请核实是否为本地号码",
            f"{region.name_en} requires a local mobile number and the home province of this mobile number "
            "cannot be known; check that it is local.",
        )
    ]


def check_emergency_phone(
    *, phone: str, field: str = "entity.head.emergency_phone", required: bool = True
) -> list[Problem]:
    """Any valid Mainland number, landline (with its area code) or mobile."""
    if not (phone or "").strip():
        if not required:
            return []
        return [
            problem(
                field, "emergency_phone_required", "请填写应急联系电话", "Enter an emergency phone number."
            )
        ]
    if has_letters(phone):
        return [
            problem(
                field,
                "emergency_phone_invalid",
                f"“{phone}”含有字母，电话号码只能由数字组成（固定电话请加区号，如010-12345678）",
                f"“{phone}” contains letters; a phone number has digits only (give a landline with its area "
                "code, such as 010-12345678).",
            )
        ]
    number = parse_phone(phone)
    if number is None or not phonenumbers.is_valid_number(number) or not _is_mainland(number):
        return [
            problem(
                field,
                "emergency_phone_invalid",
                f"“{phone}”不是有效的中国大陆电话号码（固定电话请加区号，如010-12345678）",
                f"“{phone}” is not a valid Mainland phone number (give a landline with its area code, "
                "such as 010-12345678).",
            )
        ]
    return []


def check_mailing_address(*, address: str, field: str = "entity.mailing_address") -> list[Problem]:
    """The mailing address reaches the door number (rules.md, entity data): mail stopping at a city or a
    street cannot be delivered, and the provider mails the verification form there.

    The check is a pattern, not an address book: the address must hold a door number as ``_DOOR_NUMBER``
    describes it (``1号``, ``101室``, ``3栋``, ``2单元``, ``12楼``, ``三号``, ``3-2-501``), after full-width
    digits are folded. An empty address is left to the "required" check.
    """
    text = unicodedata.normalize("NFKC", address or "").strip()
    if not text or _DOOR_NUMBER.search(text):
        return []
    return [
        problem(
            field,
            "mailing_address_incomplete",
            f"通信地址“{text}”不完整，请写到门牌号（如“示例路1号101室”）",
            f"The mailing address “{text}” is incomplete; give it down to the door number (such as "
            "“示例路1号101室”, No. 1, room 101).",
        )
    ]


def check_email(*, email: str, field: str = "entity.head.email") -> list[Problem]:
    text = (email or "").strip()
    if not text:
        return [problem(field, "email_required", "请填写电子邮箱", "Enter an email address.")]
    try:
        _email_validator(text)
    except ValidationError:
        return [
            problem(
                field,
                "email_invalid",
                f"“{text}”不是有效的电子邮箱地址",
                f"“{text}” is not a valid email address.",
            )
        ]
    return []


def check_person_contacts(
    *, mobile: str, emergency_phone: str, email: str, region: Region, field_prefix: str = "entity.head"
) -> list[Problem]:
    """Mobile, emergency phone and email of one person in charge."""
    return (
        check_mobile(mobile=mobile, region=region, field=f"{field_prefix}.mobile")
        + check_emergency_phone(phone=emergency_phone, field=f"{field_prefix}.emergency_phone")
        + check_email(email=email, field=f"{field_prefix}.email")
    )


def check_distinct_contacts(people: Sequence[Mapping[str, str]]) -> list[Problem]:
    """Different persons in charge of one entity do not share a mobile or an email.

    Each person is a mapping with ``field`` (the path prefix, ``"websites.0.head"``), ``name``, ``mobile``,
    ``email`` and optionally ``certificate_number``: entries with the same certificate number are one person
    named twice (the entity's head also in charge of a website) and may repeat their contacts. The later
    person gets the problem.
    """
    seen: dict[tuple[str, str], Mapping[str, str]] = {}
    found: list[Problem] = []
    for person in people:
        keys = {
            "mobile": normalise_mobile(person.get("mobile", "")) or (person.get("mobile") or "").strip(),
            "email": (person.get("email") or "").strip().lower(),
        }
        for kind, value in keys.items():
            if not value:
                continue
            earlier = seen.get((kind, value))
            if earlier is None:
                seen[(kind, value)] = person
                continue
            same_certificate = normalise_certificate_number(earlier.get("certificate_number", ""))
            if same_certificate and same_certificate == normalise_certificate_number(
                person.get("certificate_number", "")
            ):
                continue
            other = earlier.get("name", "") or earlier.get("field", "")
            if kind == "mobile":
                zh = f"手机号码{value}已是负责人{other}的号码，不同负责人不能使用同一手机号码"
                en = f"The mobile {value} is already {other}'s; different persons in charge cannot share one."
            else:
                zh = f"电子邮箱{value}已是负责人{other}的邮箱，不同负责人不能使用同一邮箱"
                en = f"The email {value} is already {other}'s; different persons in charge cannot share one."
            found.append(problem(f"{person.get('field', '')}.{kind}", f"{kind}_shared", zh, en))
    return found


def mobile_used_by_other_entity(mobile: str, other_entity_mobiles: set[str]) -> bool:
    """Whether ``mobile`` is among the mobiles the caller found on other entities (normalised both sides)."""
    own = normalise_mobile(mobile)
    return bool(own) and own in {normalise_mobile(other) for other in other_entity_mobiles}


def check_mobile_not_used_elsewhere(
    *, mobile: str, other_entity_mobiles: set[str], field: str = "entity.head.mobile"
) -> list[Problem]:
    """One mobile number belongs to one entity across the portal; the caller looks up the others' mobiles."""
    if not mobile_used_by_other_entity(mobile, other_entity_mobiles):
        return []
    return [
        problem(
            field,
            "mobile_used_by_other_entity",
            f"手机号码{normalise_mobile(mobile)}已被其他主办单位使用，一个手机号码只能用于一个主办单位",
            f"The mobile {normalise_mobile(mobile)} is already used by another entity; one mobile number "
            "belongs to one entity.",
        )
    ]


def authorisation_letter_required(*, nature: str, region: Region, head_is_legal_representative: bool) -> bool:
    """Where the region says ``head_must_be_legal_rep``, an organisation whose head is not its legal
    representative uploads an authorisation letter (an individual is their own person in charge)."""
    return (
        nature != EntityNature.INDIVIDUAL
        and region.head_must_be_legal_rep
        and not head_is_legal_representative
    )


def check_head_legal_representative(
    *,
    nature: str,
    region: Region,
    head_is_legal_representative: bool,
    letter_will_be_provided: bool,
    field: str = "entity.head",
) -> list[Problem]:
    """A problem only when the letter is required and the applicant says none will be provided."""
    if letter_will_be_provided or not authorisation_letter_required(
        nature=nature, region=region, head_is_legal_representative=head_is_legal_representative
    ):
        return []
    return [
        problem(
            field,
            "authorisation_letter_required",
            f"{region.name_zh}要求负责人为法定代表人；负责人不是法定代表人时须上传授权书",
            f"{region.name_en} requires the person in charge to be the legal representative; otherwise "
            "upload an authorisation letter.",
        )
    ]

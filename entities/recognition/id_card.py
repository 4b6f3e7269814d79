"""The resident identity card (居民身份证), both sides, read from their OCR lines.

The front prints 姓名, 性别 and 民族 on a row, 出生, 住址 (wrapping onto two or three lines) and 公民身份号码;
the back prints 签发机关 and 有效期限. The number carries the birth date and the sex: they are proposed from
it and cross-checked with what is printed. When the two disagree, one of them was misread, and since a wrong
number is worse than none, the number is not proposed (the printed birth date and sex still are, less sure).
"""

from __future__ import annotations

from entities.recognition.layout import (
    MIN_CONFIDENCE,
    Found,
    Line,
    find_value,
    han_only,
    is_long_term,
    parse_dates,
    row_after,
    strip_trailing_punctuation,
)
from entities.recognition.numbers import correct_ric, find_number, ric_birth_date, ric_sex
from entities.recognition.results import CertificateKind, Proposal, Recognition

NAME = ("姓名",)
SEX = ("性别",)
ETHNICITY = ("民族",)
BIRTH = ("出生",)
ADDRESS = ("住址",)
NUMBER = ("公民身份号码", "公民身份证号码", "身份号码")
FRONT_LABELS = NAME + SEX + ETHNICITY + BIRTH + ADDRESS + NUMBER
AUTHORITY = ("签发机关",)
VALIDITY = ("有效期限", "有效期")
BACK_LABELS = AUTHORITY + VALIDITY

PRINTED_ONLY_FACTOR = 0.8  # a birth date or sex read only from the print, not confirmed by a number


def _proposal(value: str, confidence: float) -> Proposal | None:
    if not value or confidence < MIN_CONFIDENCE:
        return None
    return Proposal(value, round(confidence, 3))


def _printed_sex(found: Found | None) -> str:
    if found is None:
        return ""
    # "男民族汉": the row's first 男 or 女 is the sex (the ethnicity's name holds neither).
    for char in found.text:
        if char in "男女":
            return "male" if char == "男" else "female"
    return ""


def parse_front(lines: list[Line]) -> Recognition:
    fields: dict[str, Proposal | None] = {}
    if (name := find_value(lines, NAME, all_labels=FRONT_LABELS)) is not None:
        person_name = han_only(name.text)
        fields["name"] = _proposal(person_name if 2 <= len(person_name) <= 20 else "", name.confidence)
    if (address := find_value(lines, ADDRESS, all_labels=FRONT_LABELS, wraps=True)) is not None:
        address_text = strip_trailing_punctuation(address.text)
        fields["address"] = _proposal(address_text if len(address_text) >= 4 else "", address.confidence)

    sex_row = row_after(lines, SEX)
    printed_sex = _printed_sex(sex_row)
    birth_row = row_after(lines, BIRTH)
    printed_births = parse_dates(birth_row.text) if birth_row else []
    printed_birth = printed_births[0] if printed_births else None

    number = find_number([line.text for line in lines], correct_ric)
    number_confidence = lines[number.source].confidence * number.factor if number else 0.0
    if number is not None:
        from_number = ric_birth_date(number.value)
        disagrees = (printed_birth is not None and printed_birth != from_number) or (
            printed_sex and printed_sex != ric_sex(number.value)
        )
        if disagrees:
            number = None
    if number is not None:
        fields["number"] = _proposal(number.value, number_confidence)
        birth = ric_birth_date(number.value)
        fields["birth_date"] = _proposal(birth.isoformat() if birth else "", number_confidence)
        fields["sex"] = _proposal(ric_sex(number.value), number_confidence)
    else:
        if printed_birth is not None and birth_row is not None:
            fields["birth_date"] = _proposal(
                printed_birth.isoformat(), birth_row.confidence * PRINTED_ONLY_FACTOR
            )
        if printed_sex and sex_row is not None:
            fields["sex"] = _proposal(printed_sex, sex_row.confidence * PRINTED_ONLY_FACTOR)
    return _recognition(CertificateKind.ID_CARD_FRONT, fields)


def parse_back(lines: list[Line]) -> Recognition:
    fields: dict[str, Proposal | None] = {}
    if (authority := find_value(lines, AUTHORITY, all_labels=BACK_LABELS, wraps=True)) is not None:
        authority_text = han_only(authority.text, keep="")
        fields["authority"] = _proposal(
            authority_text if len(authority_text) >= 3 else "", authority.confidence
        )
    validity = row_after(lines, VALIDITY)
    if validity is not None:
        dates = parse_dates(validity.text)
        if dates:
            fields["valid_from"] = _proposal(dates[0].isoformat(), validity.confidence)
        if is_long_term(validity.text):
            fields["valid_until"] = _proposal("long_term", validity.confidence)
        elif len(dates) >= 2 and dates[1] > dates[0]:
            fields["valid_until"] = _proposal(dates[1].isoformat(), validity.confidence)
    return _recognition(CertificateKind.ID_CARD_BACK, fields)


def _recognition(kind: CertificateKind, fields: dict[str, Proposal | None]) -> Recognition:
    kept = {key: value for key, value in fields.items() if value is not None}
    return Recognition(kind, kept) if kept else Recognition(CertificateKind.UNKNOWN)

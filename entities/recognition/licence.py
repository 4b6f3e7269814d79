"""A business licence (营业执照) and other organisation certificates, read from their OCR lines.

The 2019 licence prints its code at the top left and two columns of labelled values (name, type, legal
representative, scope on the left; capital, date of establishment, term, address on the right); a sole
proprietorship's licence names the same things differently (经营者, 经营场所, 组成形式, 注册日期), and older
licences put them in one column. The parser looks for the labels wherever they are.
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
from entities.recognition.numbers import correct_uscc, find_number
from entities.recognition.results import CertificateKind, Proposal, Recognition

CODE = ("统一社会信用代码",)
NAME = ("名称", "企业名称")
TYPE = ("类型", "组成形式", "主体类型")
LEGAL_REPRESENTATIVE = ("法定代表人", "执行事务合伙人", "负责人", "经营者", "投资人")
ADDRESS = ("住所", "主要经营场所", "经营场所", "营业场所")
ESTABLISHED = ("成立日期", "注册日期")
TERM = ("营业期限", "经营期限", "合伙期限")
OTHER = ("注册资本", "出资额", "经营范围", "登记机关", "注册号", "编号", "资金数额")
LICENCE_LABELS = CODE + NAME + TYPE + LEGAL_REPRESENTATIVE + ADDRESS + ESTABLISHED + TERM + OTHER

# Organisation certificates other than the licence: 事业单位法人证书, 社会团体法人登记证书, 民办非企业单位登记
# 证书, 基金会法人登记证书, 律师事务所执业许可证 and the like print a name and the code with these labels.
ORGANISATION_NAME = ("名称", "单位名称", "机构名称", "社会团体名称", "基金会名称", "律师事务所名称")
ORGANISATION_LABELS = (
    *CODE,
    *ORGANISATION_NAME,
    "住所",
    "法定代表人",
    "负责人",
    "业务范围",
    "宗旨和业务范围",
)
ORGANISATION_TITLE_WORDS = ("证书", "登记证", "许可证")


def _proposal(value: str, found: Found, factor: float = 1.0) -> Proposal | None:
    if not value or found.confidence < MIN_CONFIDENCE:
        return None
    return Proposal(value, round(found.confidence * factor, 3))


def _credit_code(lines: list[Line]) -> Proposal | None:
    """The one valid USCC on the certificate (a licence prints no other 18-character number)."""
    found = find_number([line.text for line in lines], correct_uscc)
    source = lines[found.source] if found is not None else None
    if found is None:
        # The engine may have cut the number in two boxes: read the label's row as one text.
        labelled = row_after(lines, CODE)
        found = find_number([labelled.text], correct_uscc) if labelled else None
        source = labelled
    if found is None or source is None or source.confidence < MIN_CONFIDENCE:
        return None
    return Proposal(found.value, round(source.confidence * found.factor, 3))


def _organisation_name(text: str) -> str:
    name = strip_trailing_punctuation(text)
    # A name holds ideographs (possibly Latin letters and brackets); a lone label or a stray digit is none.
    return name if len(han_only(name, keep="")) >= 2 else ""


def _dated(found: Found | None) -> Proposal | None:
    if found is None:
        return None
    dates = parse_dates(found.text)
    return _proposal(dates[0].isoformat(), found) if dates else None


def _term_end(found: Found | None) -> Proposal | None:
    if found is None:
        return None
    text = found.text
    end = text.split("至", 1)[1] if "至" in text else text
    if is_long_term(end):
        return _proposal("long_term", found)
    dates = parse_dates(end)
    if dates and ("至" in text or len(parse_dates(text)) > 1):
        return _proposal(dates[-1].isoformat(), found)
    return None


def parse_licence(lines: list[Line]) -> Recognition:
    fields: dict[str, Proposal | None] = {"credit_code": _credit_code(lines)}
    if (name := find_value(lines, NAME, all_labels=LICENCE_LABELS, wraps=True)) is not None:
        fields["name"] = _proposal(_organisation_name(name.text), name)
    if (entity_type := find_value(lines, TYPE, all_labels=LICENCE_LABELS)) is not None:
        fields["entity_type"] = _proposal(strip_trailing_punctuation(entity_type.text), entity_type)
    if (person := find_value(lines, LEGAL_REPRESENTATIVE, all_labels=LICENCE_LABELS)) is not None:
        person_name = han_only(person.text)
        fields["legal_representative"] = _proposal(person_name if len(person_name) >= 2 else "", person)
    if (address := find_value(lines, ADDRESS, all_labels=LICENCE_LABELS, wraps=True)) is not None:
        address_text = strip_trailing_punctuation(address.text)
        fields["address"] = _proposal(address_text if len(address_text) >= 4 else "", address)
    fields["established_on"] = _dated(find_value(lines, ESTABLISHED, all_labels=LICENCE_LABELS))
    fields["valid_until"] = _term_end(find_value(lines, TERM, all_labels=LICENCE_LABELS, wraps=True))
    return _recognition(CertificateKind.BUSINESS_LICENCE, fields)


def parse_organisation_certificate(lines: list[Line]) -> Recognition:
    fields: dict[str, Proposal | None] = {"number": _credit_code(lines)}
    name = find_value(lines, ORGANISATION_NAME, all_labels=ORGANISATION_LABELS, wraps=True)
    if name is not None:
        fields["name"] = _proposal(_organisation_name(name.text), name)
    return _recognition(CertificateKind.ORGANISATION_CERTIFICATE, fields)


def _recognition(kind: CertificateKind, fields: dict[str, Proposal | None]) -> Recognition:
    kept = {key: value for key, value in fields.items() if value is not None}
    return Recognition(kind, kept) if kept else Recognition(CertificateKind.UNKNOWN)

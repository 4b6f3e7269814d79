"""Certificate recognition: what a certificate's OCR lines say, as proposals for the forms.

A parser over the lines of ``gateways.ocr.OcrReading`` (their labels and positions), not a template per image.
Numbers (the unified social credit code, the resident ID number) are corrected with their checksums where one
character is ambiguous (O/0, I/1, Z/2, S/5, B/8); a number whose checksum still fails is never proposed.

The interface the rest of the portal uses is this module's ``recognise`` and the dataclasses it re-exports
from ``results.py``; the parsers live beside it (``licence.py``, ``id_card.py``, ``numbers.py``).
"""

from __future__ import annotations

from entities.recognition import id_card, licence
from entities.recognition.layout import lines_of
from entities.recognition.results import CertificateKind, Proposal, Recognition
from gateways.ocr import OcrReading

__all__ = ["CertificateKind", "Proposal", "Recognition", "recognise"]


def recognise(reading: OcrReading) -> Recognition:
    """What the certificate in ``reading`` proposes: its kind decided from its words, then its parser.

    1. The kind: a licence says 营业执照 (or carries its labels); an ID card's front says 公民身份号码 or
       姓名 with 出生/性别; its back says 签发机关 or 有效期限; another organisation certificate is a
       证书/登记证/许可证 with a unified social credit code.
    2. The parser of that kind reads the labelled values; a kind whose parser proposes nothing, or an image
       with no certificate words, is ``UNKNOWN`` ("nothing recognised").
    """
    labels = licence.LICENCE_LABELS + licence.ORGANISATION_LABELS + id_card.FRONT_LABELS + id_card.BACK_LABELS
    lines = lines_of(reading, labels)
    text = "".join(line.text for line in lines)

    def has(*words: str) -> bool:
        return any(word in text for word in words)

    if has("营业执照") or (has("统一社会信用代码") and has("法定代表人", "经营范围", "注册资本", "经营者")):
        return licence.parse_licence(lines)
    if has("公民身份号码", "身份号码") or (has("姓名") and has("出生", "性别")):
        return id_card.parse_front(lines)
    if has("签发机关", "有效期限"):
        return id_card.parse_back(lines)
    if has(*licence.ORGANISATION_TITLE_WORDS, "统一社会信用代码"):
        return licence.parse_organisation_certificate(lines)
    return Recognition(CertificateKind.UNKNOWN)

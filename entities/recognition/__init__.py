"""Certificate recognition: what a certificate's OCR lines say, as proposals for the forms.

A parser over the lines of ``gateways.ocr.OcrReading`` (their labels and positions), not a template per image.
Numbers (the unified social credit code, the resident ID number) are corrected with their checksums where one
character is ambiguous (O/0, I/1, Z/2, S/5, B/8); a number whose checksum still fails is never proposed.

The interface the rest of the portal uses is this module's ``recognise`` and the two dataclasses; the parsers
live beside it (``licence.py``, ``id_card.py``, ``numbers.py``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from gateways.ocr import OcrReading


class CertificateKind(enum.StrEnum):
    BUSINESS_LICENCE = "business_licence"  # 营业执照
    ORGANISATION_CERTIFICATE = "organisation_certificate"  # another organisation certificate (name, number)
    ID_CARD_FRONT = "id_card_front"  # 居民身份证, the side with the photo
    ID_CARD_BACK = "id_card_back"  # 居民身份证, the side with the national emblem
    UNKNOWN = "unknown"  # nothing recognised


# The field names each kind may propose (a value is proposed only when read with confidence; numbers only
# when their checksum holds):
#   business_licence:          name, credit_code, entity_type, legal_representative, address,
#                              established_on (YYYY-MM-DD), valid_until (YYYY-MM-DD or "long_term")
#   organisation_certificate:  name, number
#   id_card_front:             name, number, sex ("male"/"female"), birth_date (YYYY-MM-DD), address
#   id_card_back:              authority, valid_from (YYYY-MM-DD), valid_until (YYYY-MM-DD or "long_term")


@dataclass(frozen=True)
class Proposal:
    value: str
    confidence: float  # in [0, 1]: the engine's confidence in the lines it came from, lowered by corrections


@dataclass(frozen=True)
class Recognition:
    kind: CertificateKind
    fields: dict[str, Proposal] = field(default_factory=dict)

    @property
    def recognised(self) -> bool:
        return self.kind is not CertificateKind.UNKNOWN and bool(self.fields)


def recognise(reading: OcrReading) -> Recognition:
    """What the certificate in ``reading`` proposes: its kind decided from its words, then its parser.

    1. The kind: a licence says 营业执照 (or carries its labels); an ID card's front says 公民身份号码 or
       姓名 with 出生/性别; its back says 签发机关 or 有效期限; another organisation certificate is a
       证书/登记证/许可证 with a unified social credit code.
    2. The parser of that kind reads the labelled values; a kind whose parser proposes nothing, or an image
       with no certificate words, is ``UNKNOWN`` ("nothing recognised").
    """
    from entities.recognition import id_card, licence
    from entities.recognition.layout import lines_of

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

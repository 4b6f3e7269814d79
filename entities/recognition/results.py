"""What recognition proposes: the certificate's kind and a proposal per field (kept apart from
``recognise`` so the parsers can import them)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


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

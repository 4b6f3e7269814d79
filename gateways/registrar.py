"""The registrar gateway: what the domain's registrar says about its holder, real-name verification and expiry.

The holder's certificate number is never handed back: the caller says which number it expects and the
registrar answers whether it matches (a registrar would not disclose a holder's identity number, and the
simulator keeps only a keyed hash of it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from common.errors import ServiceUnavailable
from gateways import load_gateway


@dataclass(frozen=True)
class DomainFacts:
    """One registered domain as its registrar knows it."""

    domain: str  # the ASCII (punycode) form
    registrar: str
    holder_name: str
    holder_certificate_matches: bool  # the holder's certificate number is the one the caller gave
    holder_certificate_masked: str  # ``1101**********1234``, for a message that names the holder's number
    real_name_verified_at: dt.date | None  # None: real-name verification not done
    expires_at: dt.date | None


class RegistrarUnavailable(ServiceUnavailable):
    """A transient failure talking to the registrar: the caller retries, or tells the applicant to."""


class RegistrarGateway(Protocol):
    def domain_facts(self, domain: str, *, holder_certificate_number: str) -> DomainFacts | None:
        """The facts about ``domain`` (ASCII form), or None when no registrar knows it."""
        ...


def registrar_gateway() -> RegistrarGateway:
    return load_gateway("REGISTRAR_GATEWAY")

"""The simulated domain registrar: holders, real-name verification dates and expiry, staged by operators.

Like a registrar, it does not disclose a holder's certificate number: it answers whether the number the
portal expects is the holder's. It keeps a keyed hash of the number and a masked copy, never the number.
"""

from __future__ import annotations

import datetime as dt
import hmac

from common.errors import ApplicationError
from common.identity import identity_hash, mask_identity, normalise_certificate_number
from entities.domains import normalise_domain
from gateways.registrar import DomainFacts
from simulators.models import RegistrarDomainRecord

DEFAULT_REGISTRAR = "demo-registrar"


def holder_certificate_hash(number: str) -> str:
    return identity_hash(number, scope="registrar-holder-certificate")


def ascii_domain(domain: str) -> str | None:
    """``例子.中国`` or ``WWW.Example.COM.`` → the lower-case ASCII form; None when it is not a domain name."""
    try:
        return normalise_domain(domain)[1]
    except ApplicationError:
        return None


class SimulatedRegistrarGateway:
    """Implements ``gateways.registrar.RegistrarGateway`` against ``RegistrarDomainRecord`` rows."""

    def domain_facts(self, domain: str, *, holder_certificate_number: str) -> DomainFacts | None:
        name = ascii_domain(domain)
        record = RegistrarDomainRecord.objects.filter(domain=name).first() if name else None
        if record is None:
            return None
        given = normalise_certificate_number(holder_certificate_number)
        matches = bool(given) and hmac.compare_digest(
            record.holder_certificate_hash, holder_certificate_hash(given)
        )
        return DomainFacts(
            domain=record.domain,
            registrar=record.registrar,
            holder_name=record.holder_name,
            holder_certificate_matches=matches,
            holder_certificate_masked=record.holder_certificate_masked,
            real_name_verified_at=record.real_name_verified_at,
            expires_at=record.expires_at,
        )


def set_holder_certificate(record: RegistrarDomainRecord, number: str) -> None:
    """Keep what the registrar may keep of a holder's number: the keyed hash and a masked copy."""
    normalised = normalise_certificate_number(number)
    record.holder_certificate_hash = holder_certificate_hash(normalised)
    record.holder_certificate_masked = mask_identity(normalised)


# --- Staging: how the demo, the tests and operators set up the outside world ------------------------------
def stage_domain(
    *,
    domain: str,
    holder_name: str,
    holder_certificate_number: str,
    real_name_verified_at: dt.date | None,
    expires_at: dt.date | None,
    registrar: str = DEFAULT_REGISTRAR,
) -> RegistrarDomainRecord:
    """Register ``domain`` (Unicode or ASCII) to a holder; staging it again replaces what was staged."""
    name = ascii_domain(domain)
    if name is None:
        raise ValueError(f"{domain!r} is not a domain name")
    if not normalise_certificate_number(holder_certificate_number):
        raise ValueError("the holder's certificate number is required")
    record = RegistrarDomainRecord.objects.filter(domain=name).first() or RegistrarDomainRecord(domain=name)
    record.registrar = registrar
    record.holder_name = holder_name
    record.real_name_verified_at = real_name_verified_at
    record.expires_at = expires_at
    set_holder_certificate(record, holder_certificate_number)
    record.save()
    return record

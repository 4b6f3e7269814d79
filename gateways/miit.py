"""The MIIT gateway: registry look-ups, submissions, outcomes and the SMS codes MIIT sends.

Certificate numbers cross this door in clear, as they would to the ministry; what each side keeps of them
is its own business (the portal encrypts, the simulator keeps keyed hashes).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Protocol

from common.errors import ServiceUnavailable
from gateways import load_gateway


@dataclass(frozen=True)
class RegistryWebsite:
    domain: str  # the ASCII (punycode) form
    website_number: str
    access_providers: tuple[str, ...]


@dataclass(frozen=True)
class RegistryEntity:
    icp_number: str
    websites: tuple[RegistryWebsite, ...]


@dataclass(frozen=True)
class RegistryDomain:
    domain: str
    owned_by_entity: bool  # filed under the entity that was asked about
    access_providers: tuple[str, ...]


@dataclass(frozen=True)
class RegistryAnswer:
    """What MIIT knows about one certificate and some domains (only filed domains appear in ``domains``)."""

    entity: RegistryEntity | None
    open_order: bool  # an order for this certificate is under MIIT review (at any provider)
    domains: dict[str, RegistryDomain] = field(default_factory=dict)


@dataclass(frozen=True)
class SubmissionPerson:
    role: str  # "entity_head" or "website_head"
    name: str
    mobile: str
    certificate_type: str
    certificate_number: str


@dataclass(frozen=True)
class SubmissionWebsite:
    domain: str  # ASCII form
    name: str
    head: SubmissionPerson


@dataclass(frozen=True)
class Submission:
    idempotency_key: str  # the same key twice is the same submission
    provider_code: str
    filing_type: str
    region_code: str
    entity_nature: str
    entity_name: str
    certificate_type: str
    certificate_number: str
    entity_head: SubmissionPerson
    websites: tuple[SubmissionWebsite, ...]


@dataclass(frozen=True)
class SubmissionReceipt:
    reference: str
    sms_mobiles: tuple[str, ...]  # empty when MIIT asks for no SMS verification
    sms_sent_at: str = ""  # ISO time the codes were sent


class OutcomeStatus(enum.StrEnum):
    AWAITING_SMS = "awaiting_sms"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Outcome:
    status: OutcomeStatus
    entity_number: str = ""
    website_numbers: dict[str, str] = field(default_factory=dict)  # ASCII domain → website number
    reasons: tuple[tuple[str, str], ...] = ()  # (code, message)


class SmsCheck(enum.StrEnum):
    VERIFIED = "verified"
    WRONG = "wrong"
    EXPIRED = "expired"
    UNKNOWN = "unknown"  # no code was sent to this number for this submission, or it was used


@dataclass(frozen=True)
class DemoText:
    """A text a simulated phone received (``demo_inbox``)."""

    mobile: str
    text: str
    sent_at: dt.datetime


class MiitUnavailable(ServiceUnavailable):
    """A transient failure talking to MIIT: the caller retries with backoff."""


class SmsResendRefused(Exception):
    """MIIT will not send this code again now (it resends once; sending to a number is rate-limited)."""


class MiitGateway(Protocol):
    def registry_lookup(
        self, *, certificate_type: str, certificate_number: str, domains: list[str]
    ) -> RegistryAnswer: ...

    def submit(self, submission: Submission) -> SubmissionReceipt: ...

    def outcome(self, reference: str) -> Outcome: ...

    def check_sms_code(
        self, *, reference: str, mobile: str, code: str, certificate_tail: str
    ) -> SmsCheck: ...

    def resend_sms(self, *, reference: str, mobile: str) -> None: ...


def miit_gateway() -> MiitGateway:
    return load_gateway("MIIT_GATEWAY")


def demo_inbox(mobiles: list[str]) -> tuple[DemoText, ...] | None:
    """The texts MIIT sent to ``mobiles`` as the simulated phones received them, newest first, for a demo
    user to read the codes; None when the configured gateway has no such inbox (the real MIIT shows no one
    the codes it sends). Optional on purpose: not part of ``MiitGateway``."""
    read = getattr(miit_gateway(), "demo_inbox", None)
    return None if read is None else tuple(read(mobiles))

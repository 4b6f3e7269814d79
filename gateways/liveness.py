"""The face-verification (liveness) gateway: a person in charge proves they are alive and are the certificate.

The portal starts a check for a person, hands over one selfie, and reads the result (the provider may also
call back; polling ``result`` is always enough). Only the result and its reference are the portal's to keep:
the selfie goes to the provider and nowhere else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from common.errors import ServiceUnavailable
from gateways import load_gateway


class LivenessStatus(enum.StrEnum):
    PENDING = "pending"  # no decision yet (no selfie, or the provider is still deciding)
    PASSED = "passed"
    FAILED = "failed"


@dataclass(frozen=True)
class LivenessResult:
    status: LivenessStatus
    reason: str = ""  # why a check failed, in the provider's words


class UnknownLivenessCheck(LookupError):
    """The provider has no check with this reference."""


class LivenessCheckClosed(Exception):
    """The check has already been decided: a new attempt is a new check (``start_check`` again)."""


class LivenessUnavailable(ServiceUnavailable):
    """A transient failure talking to the provider: the caller retries with backoff."""


class LivenessGateway(Protocol):
    def start_check(self, *, person_reference: str, name: str, certificate_number: str) -> str:
        """Open a check for one person (the portal's own opaque reference to them); returns its reference."""
        ...

    def submit_selfie(self, *, reference: str, image: bytes) -> None: ...

    def result(self, reference: str) -> LivenessResult: ...


def liveness_gateway() -> LivenessGateway:
    return load_gateway("LIVENESS_GATEWAY")

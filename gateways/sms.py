"""The SMS gateway: the portal's own notifications to phones (MIIT's verification codes go through MIIT).

Implementations: the simulator's inbox (the demo), ``ConsoleSmsGateway`` (development: the log), and a
provider's client in production.
"""

from __future__ import annotations

import logging
import uuid
from typing import Protocol

from common.errors import ServiceUnavailable
from common.identity import mask_mobile
from gateways import load_gateway

logger = logging.getLogger(__name__)


class SmsUnavailable(ServiceUnavailable):
    """A transient failure talking to the SMS provider: the caller retries with backoff."""


class SmsGateway(Protocol):
    def send(self, *, mobile: str, text: str) -> str:
        """Send one message; returns the provider's message id."""
        ...


class ConsoleSmsGateway:
    """Writes each message to the log instead of sending it; the number is masked, as in any log."""

    def send(self, *, mobile: str, text: str) -> str:
        message_id = f"console-{uuid.uuid4().hex}"
        logger.info("SMS %s to %s: %s", message_id, mask_mobile(mobile), text)
        return message_id


def sms_gateway() -> SmsGateway:
    return load_gateway("SMS_GATEWAY")

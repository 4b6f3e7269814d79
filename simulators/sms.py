"""The simulated SMS provider: the portal's messages land in the phones' simulated inbox.

The sender is the provider's name, so a phone's inbox tells the portal's notices from MIIT's codes.
"""

from __future__ import annotations

from django.conf import settings

from simulators.models import SmsInboxMessage


class SimulatedSmsGateway:
    """Implements ``gateways.sms.SmsGateway`` by writing ``SmsInboxMessage`` rows."""

    def send(self, *, mobile: str, text: str) -> str:
        if not mobile or not text:
            raise ValueError("an SMS needs a mobile number and a text")
        sender_field = SmsInboxMessage._meta.get_field("sender")
        message = SmsInboxMessage.objects.create(
            mobile=mobile, sender=settings.PROVIDER_NAME[: sender_field.max_length], text=text
        )
        return f"SIM-SMS-{message.pk}"

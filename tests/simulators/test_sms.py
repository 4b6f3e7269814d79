from __future__ import annotations

import logging

import pytest

from gateways import load_gateway
from gateways.sms import ConsoleSmsGateway, sms_gateway
from simulators.models import SmsInboxMessage
from simulators.sms import SimulatedSmsGateway

MOBILE = "13812345678"


@pytest.mark.django_db
def test_load_gateway_returns_the_simulator():
    assert isinstance(load_gateway("SMS_GATEWAY"), SimulatedSmsGateway)


@pytest.mark.django_db
def test_simulator_delivers_to_the_inbox_from_the_provider(settings):
    settings.PROVIDER_NAME = "Demo Cloud"
    message_id = sms_gateway().send(mobile=MOBILE, text="您的备案已提交 Your filing was submitted.")
    message = SmsInboxMessage.objects.get()
    assert (message.mobile, message.sender, message.text) == (
        MOBILE,
        "Demo Cloud",
        "您的备案已提交 Your filing was submitted.",
    )
    assert message_id == f"SIM-SMS-{message.pk}"
    assert sms_gateway().send(mobile=MOBILE, text="again") != message_id


@pytest.mark.django_db
def test_simulator_refuses_an_empty_message():
    with pytest.raises(ValueError):
        sms_gateway().send(mobile="", text="hello")
    with pytest.raises(ValueError):
        sms_gateway().send(mobile=MOBILE, text="")
    assert not SmsInboxMessage.objects.exists()


def test_console_gateway_logs_the_message_with_the_number_masked(caplog):
    with caplog.at_level(logging.INFO, logger="gateways.sms"):
        message_id = ConsoleSmsGateway().send(mobile=MOBILE, text="您的备案已通过")
    assert message_id.startswith("console-")
    assert "138****5678" in caplog.text
    assert "您的备案已通过" in caplog.text and message_id in caplog.text
    assert MOBILE not in caplog.text

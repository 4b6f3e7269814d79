"""End to end with a real worker (not eager mode): a notice written in a transaction reaches the mailbox
once, after the commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from notifications.models import Channel, Notification
from notifications.services import Recipient, notify
from tests.conftest import wait_until


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_an_email_once(celery_worker, settings, alice):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    with transaction.atomic():
        notify(
            kind="test_notice",
            context={"name": "Alice"},
            recipients=[Recipient.for_user(alice)],
            dedupe="worker-1",
        )
    email = Notification.objects.get(channel=Channel.EMAIL)
    wait_until(lambda: Notification.objects.get(pk=email.pk).sent_at is not None)
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "ICP 备案平台" in message.subject  # alice chose no language: Chinese
    email.refresh_from_db()
    assert email.attempts == 1 and email.dispatched_at is not None

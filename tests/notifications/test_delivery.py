"""The delivery job: claims a row before sending, so a second run sends nothing; retries transient failures
with backoff; marks permanent ones failed at once, for the operators."""

from __future__ import annotations

import smtplib
from unittest import mock

import pytest
from django.core import mail

from gateways.sms import SmsUnavailable
from notifications.models import Channel, Notification
from notifications.services import Recipient, notify
from notifications.tasks import is_transient, notification_deliver_task
from simulators.models import SmsInboxMessage

pytestmark = pytest.mark.django_db

DELIVER = "notifications.tasks.notification_deliver_task.apply_async"


class FlakySms:
    """An SMS provider that is unreachable for its first ``failures`` sends."""

    failures = 0
    sent: list[tuple[str, str]] = []

    def send(self, *, mobile: str, text: str) -> str:
        if FlakySms.failures:
            FlakySms.failures -= 1
            raise SmsUnavailable("the provider timed out")
        FlakySms.sent.append((mobile, text))
        return f"flaky-{len(FlakySms.sent)}"


@pytest.fixture
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def flaky_sms(settings):
    settings.SMS_GATEWAY = "tests.notifications.test_delivery.FlakySms"
    FlakySms.failures, FlakySms.sent = 0, []
    return FlakySms


def _row(channel: str, *, email="head@example.com", mobile="13800138000", kind="test_notice", language="en"):
    with mock.patch(DELIVER):
        (row,) = notify(
            kind=kind,
            context={"name": "Alice"},
            recipients=[Recipient(email=email, mobile=mobile, language=language)],
            channels=(channel,),
            dedupe="event-1",
        )
    return row


def _deliver(row: Notification) -> Notification:
    notification_deliver_task.apply(args=(row.pk,))
    row.refresh_from_db()
    return row


def test_an_email_is_sent_once_with_text_and_html(locmem_mail, settings):
    row = _deliver(_row(Channel.EMAIL))
    assert row.sent_at is not None and row.attempts == 1 and row.claimed_at is not None
    (message,) = locmem_mail
    assert message.to == ["head@example.com"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "[en] ICP filing portal: test notice for Alice"
    assert "this is a test notice & nothing more" in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html" and "test notice &amp; nothing more" in html
    assert message.extra_headers["X-Portal-Notification"] == str(row.code)

    _deliver(row)  # a redelivered message, a sweep's second dispatch
    assert len(locmem_mail) == 1
    assert Notification.objects.get(pk=row.pk).attempts == 1


def test_a_row_claimed_by_another_run_is_left_to_it(locmem_mail, now):
    row = _row(Channel.EMAIL)
    Notification.objects.filter(pk=row.pk).update(claimed_at=now)
    row = _deliver(row)
    assert row.sent_at is None and locmem_mail == []


def test_an_sms_reaches_the_simulated_phone_once():
    row = _deliver(_row(Channel.SMS))
    assert row.sent_at is not None
    (message,) = SmsInboxMessage.objects.filter(mobile="13800138000")
    assert message.text == "[en] ICP filing portal: test notice for Alice."
    _deliver(row)
    assert SmsInboxMessage.objects.filter(mobile="13800138000").count() == 1


def test_a_transient_sms_failure_is_retried_then_sent(flaky_sms):
    flaky_sms.failures = 2
    row = _deliver(_row(Channel.SMS))
    assert row.sent_at is not None and row.failed_at is None
    assert row.attempts == 3
    assert row.last_error == ""
    assert flaky_sms.sent == [("13800138000", "[en] ICP filing portal: test notice for Alice.")]


def test_a_provider_down_through_every_retry_marks_the_row_failed(flaky_sms):
    flaky_sms.failures = 100
    row = _deliver(_row(Channel.SMS))
    assert row.sent_at is None and row.failed_at is not None
    assert row.attempts == notification_deliver_task.max_retries + 1
    assert "SmsUnavailable: the provider timed out" in row.last_error
    assert flaky_sms.sent == []


def test_a_missing_template_fails_at_once(locmem_mail):
    row = _deliver(_row(Channel.EMAIL, kind="no_such_kind"))
    assert row.failed_at is not None and row.sent_at is None and row.attempts == 1
    assert "TemplateDoesNotExist" in row.last_error
    assert locmem_mail == []


def test_an_invalid_address_fails_at_once(locmem_mail):
    row = _deliver(_row(Channel.EMAIL, email="not an address"))
    assert row.failed_at is not None and "invalid email address" in row.last_error
    sms = _deliver(_row(Channel.SMS, mobile="call me"))
    assert sms.failed_at is not None and "invalid mobile" in sms.last_error


def test_a_failed_row_is_not_sent_by_a_later_run(locmem_mail, now):
    row = _row(Channel.EMAIL)
    Notification.objects.filter(pk=row.pk).update(failed_at=now, last_error="x")
    assert _deliver(row).sent_at is None and locmem_mail == []


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (SmsUnavailable("down"), True),
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPResponseException(421, b"try later"), True),
        (smtplib.SMTPResponseException(550, b"no such user"), False),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"no")}), False),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (452, b"full")}), True),
        (smtplib.SMTPNotSupportedError(), False),
        (ValueError("bad"), False),
    ],
)
def test_which_errors_are_transient(exc, transient):
    assert is_transient(exc) is transient


def test_a_failure_for_good_is_in_every_operators_inbox_once(locmem_mail, olga, sam):
    row = _deliver(_row(Channel.EMAIL, email="not an address"))
    notification_deliver_task.run(row.pk)  # a later run changes nothing
    told = Notification.objects.filter(kind="delivery_failed")
    assert [(n.recipient, n.channel) for n in told] == [(olga, Channel.INBOX)]
    assert f"/admin/notifications/notification/{row.pk}/change/" in told.get().context["admin_url"]
    assert locmem_mail == []  # never by email: that may be what fails

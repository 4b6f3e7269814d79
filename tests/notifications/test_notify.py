"""Writing notices into the outbox: one row per recipient per channel that reaches them, once per event, and
the delivery job sent only after the caller's transaction commits."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import transaction

from notifications.models import Channel, Notification
from notifications.rendering import Rendered, render
from notifications.services import Recipient, notify

pytestmark = pytest.mark.django_db

DELIVER = "notifications.tasks.notification_deliver_task.apply_async"


def _notify(recipients, channels=("inbox", "email"), dedupe="event-1", **extra):
    return notify(
        kind="test_notice",
        context={"name": "Alice"},
        recipients=recipients,
        channels=channels,
        dedupe=dedupe,
        **extra,
    )


def test_one_row_per_recipient_per_channel_that_reaches_them(alice, django_capture_on_commit_callbacks):
    person = Recipient(email="head@example.com", mobile="13800138000", language="en")
    with mock.patch(DELIVER):
        rows = _notify([Recipient.for_user(alice), person], channels=("inbox", "email", "sms"))
    by_channel = sorted((row.channel, row.recipient_id or 0, row.email, row.mobile) for row in rows)
    assert by_channel == [
        ("email", 0, "head@example.com", ""),
        ("email", alice.pk, "alice@example.com", ""),
        ("inbox", alice.pk, "", ""),  # the person has no account: no inbox
        ("sms", 0, "", "13800138000"),  # alice has no mobile: no SMS
    ]
    inbox = next(row for row in rows if row.channel == Channel.INBOX)
    assert inbox.sent_at is not None  # delivered by being written
    assert all(row.sent_at is None for row in rows if row.channel != Channel.INBOX)
    assert {row.language for row in rows if row.recipient_id is None} == {"en"}
    assert {row.language for row in rows if row.recipient_id} == {"zh-hans"}  # the account chose none


def test_opted_out_channels_are_skipped(alice):
    with mock.patch(DELIVER):
        rows = _notify([Recipient.for_user(alice, opted_out={"email"})])
    assert [row.channel for row in rows] == ["inbox"]


def test_the_same_notice_written_twice_is_one_row(alice, django_capture_on_commit_callbacks):
    with mock.patch(DELIVER) as deliver, django_capture_on_commit_callbacks(execute=True):
        first = _notify([Recipient.for_user(alice)])
        again = _notify([Recipient.for_user(alice)])
    assert [row.pk for row in first] == [row.pk for row in again]
    assert Notification.objects.count() == 2
    assert deliver.call_count == 1  # the email row, once
    with mock.patch(DELIVER):
        _notify([Recipient.for_user(alice)], dedupe="event-2")
    assert Notification.objects.count() == 4


def test_email_and_sms_are_dispatched_on_commit_only(alice, django_capture_on_commit_callbacks):
    with mock.patch(DELIVER) as deliver:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            rows = _notify([Recipient.for_user(alice)])
            assert deliver.call_count == 0  # not before the commit
        assert len(callbacks) == 1
        email = next(row for row in rows if row.channel == Channel.EMAIL)
        deliver.assert_called_once_with((email.pk,), countdown=None)
    email.refresh_from_db()
    assert email.dispatched_at is not None


def test_nothing_is_written_or_sent_when_the_caller_rolls_back(alice, django_capture_on_commit_callbacks):
    with mock.patch(DELIVER) as deliver, django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _notify([Recipient.for_user(alice)])
                raise RuntimeError("the state change failed")
        except RuntimeError:
            pass
    assert not Notification.objects.exists()
    assert deliver.call_count == 0


def test_a_broker_down_at_commit_does_not_fail_the_caller(alice, django_capture_on_commit_callbacks):
    broker_down = mock.patch(DELIVER, side_effect=ConnectionError("broker down"))
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        _notify([Recipient.for_user(alice)])
    email = Notification.objects.get(channel=Channel.EMAIL)
    assert email.dispatched_at is None  # left to the sweep


@pytest.mark.parametrize(("language", "portal"), [("zh-hans", "ICP 备案平台"), ("en", "ICP filing portal")])
def test_render_in_the_recipients_language(alice, language, portal):
    with mock.patch(DELIVER):
        rows = _notify(
            [Recipient(email="x@example.com", mobile="13800138000", language=language)],
            channels=("email", "sms"),
        )
    email, sms = sorted(rows, key=lambda row: row.channel)
    rendered = render(email)
    assert rendered.subject == f"[{language}] {portal}: test notice for Alice"
    assert "this is a test notice & nothing more" in rendered.text  # text: not HTML-escaped
    assert "test notice &amp; nothing more" in rendered.html and portal in rendered.html
    assert render(sms) == Rendered("", f"[{language}] {portal}: test notice for Alice.", "")

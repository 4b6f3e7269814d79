"""The sweep sends again what never reached a worker or what a dead worker left claimed (never a fresh row);
the inbox is read by its owner only; operators see failures in the admin and retry them."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.http import Http404

from notifications.models import Channel, Notification
from notifications.services import (
    Recipient,
    notification_mark_read,
    notification_retry,
    notify,
    unread_count,
)
from notifications.tasks import MAX_ATTEMPTS, notification_dispatch_sweep_task
from tests.admin_assertions import admin_url, assert_not_deletable

pytestmark = pytest.mark.django_db

DELIVER = "notifications.tasks.notification_deliver_task.apply_async"


def _email(dedupe: str, **fields) -> Notification:
    with mock.patch(DELIVER):
        (row,) = notify(
            kind="test_notice",
            context={"name": "Alice"},
            recipients=[Recipient(email=f"{dedupe}@example.com", language="en")],
            channels=("email",),
            dedupe=dedupe,
        )
    Notification.objects.filter(pk=row.pk).update(**fields)
    row.refresh_from_db()
    return row


def test_the_sweep_dispatches_lost_and_stale_rows_only(now):
    minutes = dt.timedelta(minutes=1)
    undispatched = _email("undispatched", created_at=now - 2 * minutes)
    stale_claim = _email(
        "stale",
        created_at=now - 30 * minutes,
        dispatched_at=now - 30 * minutes,
        claimed_at=now - 11 * minutes,
        attempts=1,
    )
    lost_message = _email("lost", created_at=now - 30 * minutes, dispatched_at=now - 11 * minutes)
    _email("fresh", created_at=now - dt.timedelta(seconds=10))  # its dispatch may still be on the way
    _email(
        "dispatched", created_at=now - 2 * minutes, dispatched_at=now - 2 * minutes
    )  # waiting in the queue
    _email("working", created_at=now - 2 * minutes, dispatched_at=now - 2 * minutes, claimed_at=now - minutes)
    _email("sent", created_at=now - 30 * minutes, sent_at=now - 29 * minutes)
    _email("failed", created_at=now - 30 * minutes, failed_at=now - 29 * minutes)

    with mock.patch(DELIVER) as deliver:
        assert notification_dispatch_sweep_task() == 3
    sent_again = {call.args[0][0] for call in deliver.call_args_list}
    assert sent_again == {undispatched.pk, stale_claim.pk, lost_message.pk}
    stale_claim.refresh_from_db()
    assert stale_claim.claimed_at is None  # released: the job claims it again
    assert Notification.objects.filter(pk__in=sent_again, dispatched_at__gte=now).count() == 3


def test_the_sweep_gives_up_on_a_row_claimed_too_often(now):
    row = _email(
        "poison",
        created_at=now - dt.timedelta(hours=1),
        claimed_at=now - dt.timedelta(minutes=11),
        attempts=MAX_ATTEMPTS,
    )
    with mock.patch(DELIVER) as deliver:
        assert notification_dispatch_sweep_task() == 0
    assert deliver.call_count == 0
    row.refresh_from_db()
    assert row.failed_at is not None and "gave up" in row.last_error


def test_a_swept_row_is_delivered_once(settings, now):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    mail.outbox = []
    row = _email("swept", created_at=now - dt.timedelta(minutes=2))
    with mock.patch(DELIVER) as deliver:
        notification_dispatch_sweep_task()
        notification_dispatch_sweep_task()  # still unclaimed: dispatched twice (rare: a queue past 60 s)
    from notifications.tasks import notification_deliver_task

    for call in deliver.call_args_list:
        notification_deliver_task.apply(args=call.args[0])
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.sent_at is not None


# --- The inbox -------------------------------------------------------------------------------------------
def _inbox(user, dedupe: str) -> Notification:
    with mock.patch(DELIVER):
        (row,) = notify(
            kind="test_notice",
            context={},
            recipients=[Recipient.for_user(user)],
            channels=("inbox",),
            dedupe=dedupe,
        )
    return row


def test_unread_count_and_mark_read_by_the_owner(alice, bob):
    first, second = _inbox(alice, "1"), _inbox(alice, "2")
    _inbox(bob, "3")
    assert unread_count(alice) == 2 and unread_count(bob) == 1

    notification_mark_read(notification=first, by=alice)
    read_at = Notification.objects.get(pk=first.pk).read_at
    assert read_at is not None and unread_count(alice) == 1
    notification_mark_read(notification=first, by=alice)  # again: the first reading time stays
    assert Notification.objects.get(pk=first.pk).read_at == read_at

    with pytest.raises(Http404):
        notification_mark_read(notification=second, by=bob)
    assert Notification.objects.get(pk=second.pk).read_at is None
    assert unread_count(alice) == 1


def test_only_inbox_rows_are_marked_read(alice):
    with mock.patch(DELIVER):
        rows = notify(kind="test_notice", context={}, recipients=[Recipient.for_user(alice)], dedupe="e")
    email = next(row for row in rows if row.channel == Channel.EMAIL)
    with pytest.raises(Http404):
        notification_mark_read(notification=email, by=alice)


def test_anonymous_has_no_unread_count(client):
    from django.contrib.auth.models import AnonymousUser

    assert unread_count(AnonymousUser()) == 0


# --- Operators -------------------------------------------------------------------------------------------
def test_a_failed_delivery_is_shown_in_the_admin_and_retried(
    client, olga, now, django_capture_on_commit_callbacks
):
    failed = _email(
        "failed",
        failed_at=now,
        attempts=6,
        claimed_at=None,
        last_error="SmsUnavailable: the provider timed out",
    )
    _email("sent", sent_at=now)
    client.force_login(olga)

    changelist = client.get(admin_url(Notification, "changelist"), {"delivery": "failed"})
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert "SmsUnavailable: the provider timed out" in page
    assert "f***@example.com" in page and "failed@example.com" not in page  # the address masked
    assert list(changelist.context["cl"].queryset) == [failed]

    with mock.patch(DELIVER) as deliver, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url(Notification, "changelist"),
            {"action": "retry_delivery", "_selected_action": [failed.pk]},
            follow=True,
        )
    assert response.status_code == 200
    deliver.assert_called_once_with((failed.pk,), countdown=None)
    failed.refresh_from_db()
    assert failed.failed_at is None and failed.last_error == "" and failed.dispatched_at is not None
    assert_not_deletable(client, failed)
    assert client.get(admin_url(failed, "change", failed.pk)).status_code == 200  # read-only view


def test_retry_does_nothing_to_a_sent_row(olga, now):
    sent = _email("sent", sent_at=now)
    with mock.patch(DELIVER) as deliver:
        assert notification_retry(notification=sent, by=olga) is False
    assert deliver.call_count == 0


def test_a_setting_shortens_the_stale_claim_time(settings, now):
    settings.NOTIFICATION_STALE_AFTER_SECONDS = 5
    row = _email("killed", created_at=now - dt.timedelta(minutes=2), claimed_at=now - dt.timedelta(seconds=6))
    with mock.patch(DELIVER) as deliver:
        assert notification_dispatch_sweep_task() == 1
    deliver.assert_called_once_with((row.pk,), countdown=None)

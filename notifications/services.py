"""Writing notices into the outbox, and what the inbox and the operators do with them.

``notify`` is called inside the transaction of the change that causes the notice: the rows commit or roll back
with it, and the delivery jobs are sent only after it commits (the sweep sends them again if that is lost).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from notifications.models import Channel, Notification

DELIVER_TASK = "notifications.tasks.notification_deliver_task"
LANGUAGE_CODES = ("zh-hans", "en")
DEFAULT_LANGUAGE = "zh-hans"


class NotificationNotFound(Http404):
    """Not the caller's notification (or none at all): a 404 on pages and in the API (its handler answers
    ``Http404`` as ``not_found``), never revealing that another user's exists."""


@dataclass(frozen=True)
class Recipient:
    """Whom a notice goes to: an account (``user``) and/or a person reached by ``email`` / ``mobile``.

    ``opted_out`` names the channels this person turned off (their preferences); such channels are skipped.
    """

    user: Any = None
    email: str = ""
    mobile: str = ""
    language: str = ""
    opted_out: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_user(cls, user: Any, *, opted_out: Iterable[str] = ()) -> Recipient:
        """The account's own addresses and language."""
        return cls(
            user=user,
            email=user.email or "",
            mobile=getattr(user, "mobile", "") or "",
            language=getattr(user, "language", "") or "",
            opted_out=frozenset(opted_out),
        )

    def address(self, channel: str) -> str:
        """Where ``channel`` reaches this recipient; blank when it does not."""
        if channel == Channel.EMAIL:
            return (self.email or "").strip()
        if channel == Channel.SMS:
            return (self.mobile or "").strip()
        if channel == Channel.INBOX and self.user is not None:
            return str(self.user.pk)
        return ""


def _language(recipient: Recipient) -> str:
    return recipient.language if recipient.language in LANGUAGE_CODES else DEFAULT_LANGUAGE


def notify(
    *,
    kind: str,
    context: dict[str, Any],
    filing: Any = None,
    recipients: Sequence[Recipient],
    channels: Iterable[str] = (Channel.INBOX, Channel.EMAIL),
    dedupe: str,
) -> list[Notification]:
    """Write one row per recipient per channel that reaches them, in the caller's transaction.

    ``dedupe`` names the event (e.g. ``f"{filing.pk}:{event.pk}"``): the row's key is
    ``f"{kind}:{dedupe}:{channel}:{address}"``, so writing the same notice twice is one row (the existing one
    is returned). Inbox rows are delivered by being written; email and SMS rows get their delivery job once
    the transaction commits. ``context`` holds plain JSON values only (no identity numbers: they are masked
    before they get here).
    """
    channels = [Channel(channel) for channel in channels]
    now = timezone.now()
    written: list[Notification] = []
    with transaction.atomic():
        for recipient in recipients:
            for channel in channels:
                address = recipient.address(channel)
                if not address or channel in recipient.opted_out:
                    continue
                row, created = Notification.objects.get_or_create(
                    dedupe_key=f"{kind}:{dedupe}:{channel}:{address}"[:255],
                    defaults={
                        "recipient": recipient.user,
                        "email": recipient.email if channel == Channel.EMAIL else "",
                        "mobile": recipient.mobile if channel == Channel.SMS else "",
                        "language": _language(recipient),
                        "channel": channel,
                        "kind": kind,
                        "context": context,
                        "filing": filing,
                        "sent_at": now if channel == Channel.INBOX else None,
                    },
                )
                written.append(row)
                if created and channel != Channel.INBOX:
                    _dispatch_on_commit(row)
    return written


def _dispatch_on_commit(notification: Notification) -> None:
    """Send the delivery job after commit and record that the dispatch reached the broker."""
    notification_id = notification.pk

    def send() -> None:
        from common.jobs import dispatch

        dispatch(DELIVER_TASK, notification_id)
        Notification.objects.filter(pk=notification_id).update(dispatched_at=timezone.now())

    # Robust: a broker that is down must not fail the request whose change already committed; the row stays
    # undispatched and the sweep sends it later.
    transaction.on_commit(send, robust=True)


def notification_dispatch(*, notification_id: int) -> None:
    """Send the delivery job again (the sweep, the operators' retry); after commit when in a transaction."""
    _dispatch_on_commit(Notification(pk=notification_id))


def _own_inbox_row(notification: Notification, by: Any) -> None:
    if (
        by is None
        or not getattr(by, "is_authenticated", False)
        or notification.channel != Channel.INBOX
        or notification.recipient_id != by.pk
    ):
        raise NotificationNotFound("no such notification")


def notification_mark_read(*, notification: Notification, by: Any) -> Notification:
    """Mark the caller's own inbox notice as read (once: the first reading time stays)."""
    _own_inbox_row(notification, by)
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notification_mark_all_read(*, by: Any) -> int:
    """Mark every unread inbox notice of the caller as read; returns how many."""
    return inbox_for(by).filter(read_at__isnull=True).update(read_at=timezone.now())


def inbox_for(user: Any):
    """The user's inbox, newest first."""
    return Notification.objects.filter(recipient=user, channel=Channel.INBOX).order_by("-created_at", "-id")


def unread_count(user: Any) -> int:
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return inbox_for(user).filter(read_at__isnull=True).count()


def notification_retry(*, notification: Notification, by: Any) -> bool:
    """An operator sends an email or SMS again: the failure and any claim are cleared, the job dispatched.
    Returns False (and does nothing) for a row already sent or an inbox row."""
    if notification.channel == Channel.INBOX or notification.sent_at is not None:
        return False
    with transaction.atomic():
        cleared = Notification.objects.filter(pk=notification.pk, sent_at__isnull=True).update(
            failed_at=None, claimed_at=None, last_error="", dispatched_at=None
        )
        if cleared:
            notification_dispatch(notification_id=notification.pk)
    return bool(cleared)


DELIVERY_FAILED = "delivery_failed"


def tell_operators_of_failure(notification: Notification) -> None:
    """A delivery failed for good: every active operator finds it in their inbox (never by email or SMS, which
    may be what is failing), with where to retry it."""
    if notification.kind == DELIVERY_FAILED:
        return
    operators = get_user_model().objects.filter(role="operator", is_active=True)
    notify(
        kind=DELIVERY_FAILED,
        context={
            "failed_kind": notification.kind,
            "channel": notification.channel,
            "error": notification.last_error[:300],
            "admin_url": settings.SITE_URL.rstrip("/")
            + reverse("admin:notifications_notification_change", args=[notification.pk]),
        },
        filing=None,
        recipients=[Recipient.for_user(operator) for operator in operators],
        channels=("inbox",),
        dedupe=f"{notification.pk}:{notification.failed_at.isoformat() if notification.failed_at else ''}",
    )

"""Delivering the outbox: one job per email or SMS row, and the sweep that sends again what never reached a
worker (the broker was down at commit) or what a killed worker left claimed.

A row is claimed with a conditional update before anything is sent, so two runs of the job (a redelivered
message, the sweep's second dispatch) send it once. Transient errors release the claim and retry with
backoff; anything else marks the row failed for the operators (admin: filter "failed", action "Retry").
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from common.identity import mask_mobile
from common.jobs import dispatch
from gateways.sms import SmsUnavailable, sms_gateway
from notifications.models import Channel, Notification
from notifications.rendering import render
from notifications.services import tell_operators_of_failure

logger = logging.getLogger(__name__)

BATCH = 200
MAX_RETRIES = 5  # transient failures of one dispatch, with backoff (2, 4, 8, 16, 32 s, jittered)
MAX_ATTEMPTS = 10  # claims in all (retries, redeliveries, sweeps): then the operators decide
# A row neither claimed nor sent this long after it was written lost its dispatch (the broker was down).
DISPATCH_GRACE = dt.timedelta(seconds=60)
# A claim this old without a send belongs to a worker that died; a dispatched row unclaimed this long lost
# its message (settings.NOTIFICATION_STALE_AFTER_SECONDS may shorten it, e.g. for a test of a killed worker).
STALE_AFTER = dt.timedelta(minutes=10)


def stale_after() -> dt.timedelta:
    seconds = getattr(settings, "NOTIFICATION_STALE_AFTER_SECONDS", None)
    return dt.timedelta(seconds=seconds) if seconds is not None else STALE_AFTER


class PermanentDeliveryError(Exception):
    """Sending again would not help (no valid address): the row is marked failed at once."""


def is_transient(exc: BaseException) -> bool:
    """A failure worth retrying: the provider or the mail server cannot be reached now, or answers 4xx."""
    if isinstance(exc, SmsUnavailable):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(400 <= code < 500 for code, _message in exc.recipients.values())
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPException):  # not supported, or a refusal without a code
        return False
    return isinstance(exc, (ConnectionError, TimeoutError, OSError))


def _send_email(notification: Notification) -> None:
    try:
        validate_email(notification.email)
    except ValidationError as exc:
        raise PermanentDeliveryError("invalid email address") from exc
    rendered = render(notification)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.email],
        headers={"X-Portal-Notification": str(notification.code)},
    )
    message.attach_alternative(rendered.html, "text/html")
    message.send(fail_silently=False)


def _send_sms(notification: Notification) -> None:
    mobile = (notification.mobile or "").strip()
    if not mobile or not mobile.lstrip("+").isdigit():
        raise PermanentDeliveryError(f"invalid mobile number {mask_mobile(mobile)}")
    rendered = render(notification)
    sms_gateway().send(mobile=mobile, text=rendered.text)


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _fail(notification_id: int, error: str) -> None:
    with transaction.atomic():
        if Notification.objects.filter(pk=notification_id, sent_at=None, failed_at=None).update(
            failed_at=timezone.now(), claimed_at=None, last_error=error
        ):
            tell_operators_of_failure(Notification.objects.get(pk=notification_id))


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def notification_deliver_task(self, notification_id: int) -> None:
    """Send one email or SMS row once: re-read, claim, render in the recipient's language, send, mark sent."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.sent_at or notification.failed_at:
        return
    if notification.channel == Channel.INBOX:  # delivered by being written
        return
    claimed_at = timezone.now()
    claimed = Notification.objects.filter(
        pk=notification_id, sent_at=None, failed_at=None, claimed_at=None
    ).update(claimed_at=claimed_at, attempts=F("attempts") + 1)
    if claimed != 1:
        return  # another run holds it, or it was just sent
    try:
        if notification.channel == Channel.EMAIL:
            _send_email(notification)
        else:
            _send_sms(notification)
    except Exception as exc:
        error = _error_text(exc)
        if not is_transient(exc):
            logger.warning("notification %s failed permanently: %s", notification.code, error)
            _fail(notification_id, error)
            return
        if self.request.retries >= self.max_retries:
            logger.warning(
                "notification %s failed after %s retries: %s", notification.code, self.max_retries, error
            )
            _fail(notification_id, error)
            return
        # Release the claim (the retry, or the sweep if the retry is lost, claims it again).
        Notification.objects.filter(pk=notification_id, claimed_at=claimed_at, sent_at=None).update(
            claimed_at=None, last_error=error, dispatched_at=timezone.now()
        )
        countdown = get_exponential_backoff_interval(
            factor=2, retries=self.request.retries, maximum=600, full_jitter=True
        )
        raise self.retry(exc=exc, countdown=countdown) from exc
    Notification.objects.filter(pk=notification_id, claimed_at=claimed_at).update(
        sent_at=timezone.now(), last_error=""
    )


@shared_task(acks_late=True)
def notification_dispatch_sweep_task() -> int:
    """Dispatch again the email and SMS rows whose dispatch never reached the broker, or whose claim a killed
    worker left behind (a bounded batch; idempotent: the delivery job claims before it sends). A row claimed
    ``MAX_ATTEMPTS`` times is marked failed for the operators instead. Returns how many were dispatched."""
    now = timezone.now()
    stale = now - stale_after()
    pending = Notification.objects.filter(sent_at=None, failed_at=None).exclude(channel=Channel.INBOX)
    lost = Q(claimed_at=None) & (
        Q(dispatched_at=None, created_at__lt=now - DISPATCH_GRACE) | Q(dispatched_at__lt=stale)
    )
    rows = pending.filter(lost | Q(claimed_at__lt=stale)).order_by("created_at", "pk")
    dispatched = 0
    for notification_id, attempts in rows.values_list("pk", "attempts")[:BATCH]:
        still_due = Notification.objects.filter(pk=notification_id, sent_at=None, failed_at=None).filter(
            Q(claimed_at=None) | Q(claimed_at__lt=stale)
        )
        if attempts >= MAX_ATTEMPTS:
            if still_due.update(
                failed_at=now, claimed_at=None, last_error=f"gave up after {attempts} attempts"
            ):
                tell_operators_of_failure(Notification.objects.get(pk=notification_id))
            continue
        if not still_due.update(claimed_at=None):
            continue
        dispatch("notifications.tasks.notification_deliver_task", notification_id)
        Notification.objects.filter(pk=notification_id).update(dispatched_at=timezone.now())
        dispatched += 1
    return dispatched

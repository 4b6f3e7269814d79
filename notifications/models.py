"""The outbox: one row per notice per recipient per channel, written in the transaction of the change that
causes it, delivered by a job that claims the row with a conditional update (nothing lost, nothing sent twice).

The inbox channel is delivered by being written (``sent_at`` set at once); email and SMS rows wait for
``notifications.tasks.notification_deliver_task``, and the sweep sends again what never reached a worker.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", "SMS"  # the same word in both languages
    INBOX = "inbox", _("Notifications")  # the inbox page's name


class Notification(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The account; null for a person in charge reached only by email or SMS.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.CharField(max_length=254, blank=True)
    mobile = models.CharField(max_length=32, blank=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="zh-hans")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    # The template folder under templates/notifications/ (e.g. "filing_submitted").
    kind = models.CharField(max_length=64)
    # Plain JSON values only, rendered at delivery in the recipient's language.
    context = models.JSONField(default=dict, blank=True)
    filing = models.ForeignKey(
        "filings.Filing", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    # One notice written twice is one row: f"{kind}:{filing_id}:{event_id}:{channel}:{address}".
    dedupe_key = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
                name="notification_pending_idx",
            ),
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.channel}) {self.code}"

    @property
    def address(self) -> str:
        if self.channel == Channel.EMAIL:
            return self.email
        if self.channel == Channel.SMS:
            return self.mobile
        return str(self.recipient_id or "")


class SubjectOverride(models.Model):
    """An operator's wording of one notice kind's subject in one language, used instead of the kind's
    ``subject.txt`` (``notifications/subjects.py``); deleting it brings the template's wording back."""

    kind = models.CharField(_("kind"), max_length=64)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        help_text=_("One line; {{ placeholders }} of this kind's notice may be used, no {% tags %}."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notice subject")
        verbose_name_plural = _("notice subjects")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="subject_override_once_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"

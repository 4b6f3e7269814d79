"""The review side: the rejection-reason catalogue (decisions are events on the filing), the log of
identity-number access and the specialists' call attempts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RejectionReason(models.Model):
    """A reason a specialist may give, loaded from ``reviews/data/rejection-reasons.csv``; operators edit it."""

    code = models.SlugField(max_length=48, unique=True)
    group = models.CharField(max_length=16)
    applies_to = models.CharField(max_length=64, help_text=_("The field or material it usually concerns"))
    text_zh = models.CharField(max_length=200)
    text_en = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return self.text_en if (get_language() or "").startswith("en") else self.text_zh


class IdentityAccessLog(models.Model):
    """A specialist who holds a filing read its identity numbers in clear (api.md: that access is logged)."""

    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="identity_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=16, default="api")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.filing.code} {self.at:%Y-%m-%d %H:%M}"


class CallAttempt(models.Model):
    """A specialist tried to phone a filing's person in charge (review.md: two failed attempts are a
    rejection reason, ``phone_unreachable``)."""

    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="call_attempts")
    specialist = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    review_round = models.PositiveIntegerField()
    reached = models.BooleanField()
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["filing", "at", "id"]

    def __str__(self) -> str:
        return f"{self.filing.code} {'reached' if self.reached else 'not reached'} {self.at:%Y-%m-%d %H:%M}"

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


class Finding(models.Model):
    """An automated finding on a filing in review (review.md "automated findings"): computed once per
    review round by ``reviews.tasks.review_findings_task``. A blocking finding must be resolved or
    overridden with a note before the filing can be approved."""

    class Severity(models.TextChoices):
        BLOCKING = "blocking", _("Blocking")
        ADVISORY = "advisory", _("Advisory")

    class Resolution(models.TextChoices):
        RESOLVED = "resolved", _("Resolved")
        OVERRIDDEN = "overridden", _("Overridden")

    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="review_findings")
    review_round = models.PositiveIntegerField()
    # The check's code, e.g. "registrar_holder_mismatch" (named ``code``: ``check`` would shadow Model.check()).
    code = models.CharField(max_length=64, help_text=_("The check's code, e.g. registrar_holder_mismatch"))
    field = models.CharField(max_length=128, blank=True, help_text=_("A field path, e.g. websites.0.domain"))
    severity = models.CharField(max_length=16, choices=Severity.choices)
    message = models.TextField(help_text=_("Bilingual: 中文 / English"))
    evidence = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=16, choices=Resolution.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["filing", "review_round", "-severity", "field", "code", "id"]  # blocking first
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "review_round", "code", "field"], name="finding_once_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filing_id} r{self.review_round} {self.code} {self.field}"

    @property
    def is_open(self) -> bool:
        """A blocking finding nobody has resolved or overridden yet."""
        return self.severity == self.Severity.BLOCKING and not self.resolution


class FindingRun(models.Model):
    """The marker that the findings of one review round were computed (the job writes each round once)."""

    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="+")
    review_round = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["filing", "review_round"], name="finding_run_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.filing_id} r{self.review_round}"

"""The simulated outside world's own records. Identity numbers are kept as keyed hashes, never in clear."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MiitRegistryEntity(models.Model):
    """An entity MIIT has filed, with its ICP number (``京ICP备2026000001号``)."""

    certificate_type = models.CharField(max_length=32)
    certificate_hash = models.CharField(max_length=64, db_index=True)
    certificate_masked = models.CharField(max_length=32, blank=True)
    region_code = models.CharField(max_length=8)
    nature = models.CharField(max_length=32)
    name = models.CharField(max_length=128)
    icp_number = models.CharField(max_length=32, unique=True)
    last_website_index = models.PositiveIntegerField(default=0)  # website numbers are never reused

    class Meta:
        verbose_name = _("MIIT registry entity")
        verbose_name_plural = _("MIIT registry entities")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_type", "certificate_hash"], name="miit_entity_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.icp_number} {self.name}"


class MiitRegistryWebsite(models.Model):
    entity = models.ForeignKey(MiitRegistryEntity, on_delete=models.CASCADE, related_name="websites")
    domain = models.CharField(max_length=253, unique=True)  # ASCII form
    name = models.CharField(max_length=64)
    website_number = models.CharField(max_length=40, unique=True)
    access_providers = models.JSONField(default=list, blank=True)  # provider codes

    class Meta:
        verbose_name = _("MIIT registry website")

    def __str__(self) -> str:
        return f"{self.website_number} {self.domain}"


class MiitAbnormalCertificate(models.Model):
    """A certificate the registry marks abnormal (经营异常): MIIT rejects its filings."""

    certificate_hash = models.CharField(max_length=64, unique=True)
    certificate_masked = models.CharField(_("certificate"), max_length=32, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("abnormal certificate (MIIT)")
        verbose_name_plural = _("abnormal certificates (MIIT)")

    def __str__(self) -> str:
        return self.note or self.certificate_hash[:12]


class MiitOpenOrder(models.Model):
    """An order under MIIT review at some provider, staged by an operator for one certificate.

    The simulator's own submissions are open orders too; this one stands for another provider's, so that type
    detection's ``open_order_exists`` refusal can be shown and tested. It never gets decided: delete it to
    close it.
    """

    certificate_type = models.CharField(_("certificate type"), max_length=32)
    certificate_hash = models.CharField(max_length=64, db_index=True)
    certificate_masked = models.CharField(_("certificate"), max_length=32, blank=True)
    region_code = models.CharField(_("region"), max_length=8)
    provider_code = models.CharField(_("provider code"), max_length=32, default="OTHERCLOUD")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staged open MIIT order")
        verbose_name_plural = _("staged open MIIT orders")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.certificate_masked} at {self.provider_code} ({self.region_code})"


class MiitReviewRules(models.Model):
    """How the simulated MIIT decides, as an operator set it (one row; without it, the settings' defaults).

    The registry's own rules always apply (an abnormal certificate, an individual's website name on the
    region's blacklist, a domain filed by another entity); these add a delay and returns on demand, to play
    a slow MIIT or a rejection in a demo or a test.
    """

    review_delay_seconds = models.FloatField(
        _("review delay (seconds)"),
        null=True,
        blank=True,
        help_text=_("How long MIIT takes to decide a complete submission. Empty: the server's setting."),
    )
    return_every_submission = models.BooleanField(
        _("return every submission"),
        default=False,
        help_text=_("MIIT returns each submission with the reason below."),
    )
    returned_domain_words = models.CharField(
        _("return domains containing"),
        max_length=200,
        blank=True,
        help_text=_("Words separated by spaces: a submission with a domain containing one is returned."),
    )
    return_code = models.CharField(_("return reason code"), max_length=48, default="filing_info_mismatch")
    return_message = models.CharField(
        _("return reason message"),
        max_length=200,
        default="备案信息与实际不符 The filing does not match the facts",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("MIIT decision rules")
        verbose_name_plural = _("MIIT decision rules")

    def __str__(self) -> str:
        return str(_("MIIT decision rules"))


class MiitNumberSequence(models.Model):
    """The 6-digit sequence of entity numbers, per ICP prefix and year."""

    prefix = models.CharField(max_length=2)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="miit_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}ICP备{self.year} #{self.last}"


class MiitSubmissionStatus(models.TextChoices):
    AWAITING_SMS = "awaiting_sms", _("Awaiting SMS verification")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MiitSubmission(models.Model):
    """One submission by an access provider; the idempotency key makes a second hand-over the same one."""

    idempotency_key = models.CharField(max_length=100, unique=True)
    reference = models.CharField(max_length=40, unique=True)
    provider_code = models.CharField(max_length=32)
    filing_type = models.CharField(max_length=32)
    region_code = models.CharField(max_length=8)
    certificate_type = models.CharField(max_length=32)
    certificate_hash = models.CharField(max_length=64, db_index=True)
    entity_nature = models.CharField(max_length=32)
    entity_name = models.CharField(max_length=128)
    websites = models.JSONField(default=list)  # [{"domain": ascii, "name": ...}]
    status = models.CharField(max_length=16, choices=MiitSubmissionStatus.choices, db_index=True)
    decide_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    entity_number = models.CharField(max_length=32, blank=True)
    website_numbers = models.JSONField(default=dict, blank=True)
    reasons = models.JSONField(default=list, blank=True)  # [[code, message]]
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("MIIT submission")

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"


class MiitSmsCode(models.Model):
    """A code MIIT sent to one mobile for one submission: hashed, single use, valid 24 hours."""

    submission = models.ForeignKey(MiitSubmission, on_delete=models.CASCADE, related_name="sms_codes")
    mobile = models.CharField(max_length=20)
    code_hash = models.CharField(max_length=64)
    # The last 6 characters of the certificate numbers of the people who share this mobile (one code each number).
    certificate_tail_hashes = models.JSONField(default=list)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    resend_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "mobile"], name="miit_sms_code_unique")]

    def __str__(self) -> str:
        return f"{self.submission.reference} {self.mobile[:3]}****{self.mobile[-4:]}"


class SmsInboxMessage(models.Model):
    """What a phone received: the demo's and the tests' way to read the codes MIIT sent."""

    mobile = models.CharField(max_length=20, db_index=True)
    sender = models.CharField(max_length=32)
    text = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.mobile[:3]}****{self.mobile[-4:]} {self.sent_at:%Y-%m-%d %H:%M}"


class RegistrarDomainRecord(models.Model):
    """A domain as its registrar knows it. The holder's certificate number is kept as a keyed hash only."""

    domain = models.CharField(_("domain"), max_length=253, unique=True)  # ASCII (punycode) form, lower case
    registrar = models.CharField(_("registrar"), max_length=64, default="demo-registrar")
    holder_name = models.CharField(_("holder name"), max_length=128)
    holder_certificate_hash = models.CharField(max_length=64)
    holder_certificate_masked = models.CharField(_("holder certificate"), max_length=32, blank=True)
    real_name_verified_at = models.DateField(_("real-name verified on"), null=True, blank=True)
    expires_at = models.DateField(_("expires on"), null=True, blank=True)

    class Meta:
        verbose_name = _("registrar domain record")
        verbose_name_plural = _("registrar domain records")

    def __str__(self) -> str:
        return f"{self.domain} ({self.registrar})"


class FaceCheckStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class FaceCheck(models.Model):
    """One liveness check of one person. The selfie itself is never kept, only how many bytes arrived."""

    reference = models.CharField(max_length=40, unique=True)
    person_reference = models.CharField(max_length=64, db_index=True)  # the portal's opaque reference
    certificate_hash = models.CharField(max_length=64, db_index=True)
    certificate_masked = models.CharField(_("certificate"), max_length=32, blank=True)
    status = models.CharField(
        max_length=16, choices=FaceCheckStatus.choices, default=FaceCheckStatus.PENDING, db_index=True
    )
    reason = models.CharField(max_length=200, blank=True)
    selfie_size = models.PositiveIntegerField(null=True, blank=True)  # bytes received, nothing else
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("face check")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"


class FaceCheckOutcome(models.Model):
    """A failure an operator staged for the next check of a person (or of a certificate), consumed once.

    Without one, a check passes: a staged failure followed by a new check plays a failed attempt and a retry.
    """

    person_reference = models.CharField(_("person reference"), max_length=64, blank=True, db_index=True)
    certificate_hash = models.CharField(max_length=64, blank=True, db_index=True)
    certificate_masked = models.CharField(_("certificate"), max_length=32, blank=True)
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    consumed_at = models.DateTimeField(null=True, blank=True)
    consumed_by = models.ForeignKey(
        FaceCheck, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("staged face-check outcome")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person_reference="", certificate_hash=""),
                name="face_outcome_names_someone",
            )
        ]

    def __str__(self) -> str:
        who = self.person_reference or self.certificate_masked
        return f"{who}: {self.reason}"

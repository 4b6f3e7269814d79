"""Regions (the regional rules, as data), entities, their people, websites and domains."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from common.identity import (
    decrypt_identity,
    encrypt_identity,
    identity_hash,
    mask_identity,
    normalise_certificate_number,
)


class IndividualResidency(models.TextChoices):
    ANY = "any", _("Any household region")
    RESIDENCE_PERMIT = "residence_permit", _("Non-local IDs need a residence permit")
    LOCAL_ONLY = "local_only", _("Local household registration only")


class EntityNature(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual (个人)")
    ENTERPRISE = "enterprise", _("Enterprise (企业)")
    GOVERNMENT = "government", _("Government body (政府机关)")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution (事业单位)")
    SOCIAL_ORGANISATION = "social_organisation", _("Social organisation (社会团体)")
    PRIVATE_NON_ENTERPRISE = "private_non_enterprise", _("Private non-enterprise unit (民办非企业单位)")
    FOUNDATION = "foundation", _("Foundation (基金会)")
    DEFENCE = "defence", _("Defence body (国防机构)")
    LAW_FIRM = "law_firm", _("Law firm (律师执业机构)")


class CertificateType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card (居民身份证)")
    PASSPORT = "passport", _("Passport (护照)")
    HK_MACAU_PERMIT = "hk_macau_permit", _("Mainland travel permit for Hong Kong and Macau residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit", _("Residence permit for HK, Macau and Taiwan residents")
    BUSINESS_LICENCE = "business_licence", _("Business licence (营业执照, USCC)")
    REGISTRATION_CERTIFICATE = "registration_certificate", _("Registration certificate (登记证书, USCC)")


class Region(models.Model):
    """A provincial region and its filing rules, loaded from ``entities/data/regions.csv``; operators edit it.

    Every regional difference of the process is a column here, never ``if province == ...`` in code.
    """

    code = models.CharField(max_length=8, unique=True)  # CN-BJ
    division = models.CharField(max_length=2, unique=True)  # first two digits of the division code
    name_zh = models.CharField(max_length=16)
    name_en = models.CharField(max_length=32)
    icp_prefix = models.CharField(max_length=2)
    icp_prefix_alt = models.CharField(max_length=2, blank=True)
    # The public-security (PSB) filing number's prefix: "京公网安备" (the ICP prefix + 公网安备 by default).
    psb_prefix = models.CharField(
        max_length=16, blank=True, help_text=_("The prefix of a PSB filing number here, e.g. 京公网安备")
    )
    sms_required = models.BooleanField(default=False)
    individual_residency = models.CharField(
        max_length=20, choices=IndividualResidency.choices, default=IndividualResidency.ANY
    )
    local_phone_required = models.BooleanField(default=False)
    head_must_be_legal_rep = models.BooleanField(default=False)
    domain_min_months = models.PositiveSmallIntegerField(default=0)
    max_domains_per_order = models.PositiveSmallIntegerField(null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    review_workdays = models.PositiveSmallIntegerField(default=20)
    # "" (never), "always", or thresholds on the domains the entity will hold: "individual>5;organization>31"
    mailing_rule = models.CharField(max_length=64, blank=True)
    empty_entity_must_cancel = models.BooleanField(default=False)
    individual_name_blacklist = models.TextField(blank=True, help_text=_("Words separated by spaces"))
    # Rules beyond regions.csv, seeded from entities/data/ (Jiangsu's name forms, the regions that offer the
    # education and health-care pre-approvals, Chongqing's .org rule), edited here like the others.
    individual_name_forms = models.TextField(
        blank=True,
        help_text=_(
            "Where set, the only accepted forms of an individual's website name, one per line (某某 = a name)"
        ),
    )
    extra_pre_approval_categories = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("Pre-approval categories offered only in some regions, space-separated"),
    )
    individual_excluded_tlds = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("Top-level domains individuals cannot file here, space-separated"),
    )
    # Four eyes (review.md): not in regions.csv; operators switch it on here.
    second_approval_required = models.BooleanField(
        default=False,
        help_text=_(
            "A second review specialist must approve each filing of this region after the first one "
            "(four eyes) before it leaves provider review"
        ),
    )

    class Meta:
        ordering = ["division"]

    def __str__(self) -> str:
        return f"{self.name_zh} {self.name_en}"

    @property
    def icp_prefixes(self) -> tuple[str, ...]:
        return tuple(p for p in (self.icp_prefix, self.icp_prefix_alt) if p)

    @property
    def psb_number_prefix(self) -> str:
        """The PSB filing number's prefix: the column, else the ICP prefix + 公网安备 (京 → 京公网安备)."""
        return self.psb_prefix or f"{self.icp_prefix}公网安备"

    def requires_mailing(self, *, nature: str, domains_after_approval: int) -> bool:
        """Whether provider approval leads to ``mailing`` (paper materials) under this region's rule."""
        rule = self.mailing_rule.strip()
        if not rule:
            return False
        if rule == "always":
            return True
        group = "individual" if nature == EntityNature.INDIVIDUAL else "organization"
        for clause in rule.split(";"):
            applies_to, _sep, threshold = clause.strip().partition(">")
            if applies_to.strip() == group and threshold.strip().isdigit():
                return domains_after_approval > int(threshold)
        return False


class ApprovedTld(models.Model):
    """A top-level domain MIIT approves for filing; seeded from ``entities/data/approved-tlds.txt``."""

    name = models.CharField(
        max_length=63, unique=True, help_text=_("Without the dot, Unicode form: com, gov.cn, 中国")
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("approved top-level domain")

    def __str__(self) -> str:
        return self.name


class SensitiveWord(models.Model):
    """A word no website name may contain (operator-maintained); seeded from ``entities/data/``."""

    word = models.CharField(max_length=32, unique=True)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class CertificateHolder(models.Model):
    """A certificate type and number, the number encrypted with a keyed hash for look-ups and a masked copy."""

    certificate_type = models.CharField(max_length=32, choices=CertificateType.choices)
    certificate_number_encrypted = models.TextField(editable=False)
    certificate_number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    certificate_number_masked = models.CharField(max_length=32, editable=False)
    certificate_valid_until = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def certificate_number(self) -> str:
        return decrypt_identity(self.certificate_number_encrypted)

    def set_certificate_number(self, raw: str) -> None:
        number = normalise_certificate_number(raw)
        self.certificate_number_encrypted = encrypt_identity(number)
        self.certificate_number_hash = identity_hash(number)
        self.certificate_number_masked = mask_identity(number)


class Entity(CertificateHolder):
    """The sponsor (主办单位) of websites, identified by certificate type and number, never by name."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="entities")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="entities")
    nature = models.CharField(max_length=32, choices=EntityNature.choices)
    name = models.CharField(max_length=128, blank=True)
    certificate_address = models.CharField(max_length=256, blank=True)
    mailing_address = models.CharField(max_length=256, blank=True)
    head = models.ForeignKey(
        "Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person in charge"),
    )
    icp_number = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "entities"
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "certificate_type", "certificate_number_hash"],
                name="entity_unique_per_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name or self.get_nature_display()} ({self.certificate_number_masked})"

    @property
    def is_individual(self) -> bool:
        return self.nature == EntityNature.INDIVIDUAL


class Person(CertificateHolder):
    """A person in charge (负责人) of an entity or a website, with the contacts MIIT and the provider use."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=64)
    mobile = models.CharField(max_length=20)
    emergency_phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    is_legal_representative = models.BooleanField(default=False)

    class Meta:
        # "A mobile belongs to one entity" (every full check) and "an email used by another entity" (the
        # findings) look people up by these across the whole portal: without them, a scan of every person.
        indexes = [
            models.Index(fields=["mobile"], name="entities_person_mobile"),
            models.Index(Lower("email"), name="entities_person_email_folded"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.certificate_number_masked})"


class Website(models.Model):
    """A website of an entity; exactly one domain (MIIT rule since 2019)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="websites")
    name = models.CharField(max_length=64, blank=True)
    homepage_url = models.URLField(blank=True)
    content_type = models.CharField(max_length=32, blank=True)
    languages = models.CharField(max_length=100, blank=True, default="zh-hans")
    # None while unanswered; [] is the explicit "none of the above"; else [{category, number, issuer, valid_until}]
    pre_approvals = models.JSONField(null=True, blank=True, default=None)
    head = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="websites_in_charge"
    )
    website_number = models.CharField(max_length=40, blank=True)
    # The public-security (PSB) filing number the applicant records after the approval: 京公网安备…号.
    psb_number = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return self.name or str(self.domain.name if hasattr(self, "domain") else self.code)


class Domain(models.Model):
    """A website's domain, stored both as Unicode and as its ASCII (punycode) form."""

    website = models.OneToOneField(Website, on_delete=models.CASCADE, related_name="domain")
    name = models.CharField(max_length=253, db_index=True)
    ascii_name = models.CharField(max_length=253, db_index=True)

    def __str__(self) -> str:
        return self.name

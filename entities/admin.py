"""The operators' reference data (regions and their rules, approved TLDs, sensitive words: editable, each value
checked by ``entities/admin_forms.py``) and the applicants' entities, people, websites and domains (never
deleted; identity numbers shown masked only)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.admin import FixedInlineMixin, LargeTableAdminMixin, NoDeleteAdminMixin, ReadOnlyAdminMixin
from entities.admin_forms import ApprovedTldAdminForm, RegionAdminForm, SensitiveWordAdminForm
from entities.models import ApprovedTld, Domain, Entity, Person, Region, SensitiveWord, Website


@admin.register(Region)
class RegionAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    # Entities and filings point at their region (PROTECT): a region is edited, never removed.
    form = RegionAdminForm
    list_display = (
        "code",
        "name_zh",
        "name_en",
        "icp_prefix",
        "psb_prefix",
        "sms_required",
        "individual_residency",
        "local_phone_required",
        "head_must_be_legal_rep",
        "mailing_rule",
        "second_approval_required",
    )
    list_filter = (
        "sms_required",
        "individual_residency",
        "local_phone_required",
        "head_must_be_legal_rep",
        "second_approval_required",
    )
    search_fields = ("code", "name_zh", "name_en", "icp_prefix")
    fieldsets = (
        (None, {"fields": ("code", "division", "name_zh", "name_en", "icp_prefix", "icp_prefix_alt")}),
        (
            _("Applicants and contacts"),
            {"fields": ("individual_residency", "min_age", "local_phone_required", "head_must_be_legal_rep")},
        ),
        (
            _("Websites and domains"),
            {
                "fields": (
                    "domain_min_months",
                    "max_domains_per_order",
                    "individual_name_blacklist",
                    "individual_name_forms",
                    "extra_pre_approval_categories",
                    "individual_excluded_tlds",
                )
            },
        ),
        (
            _("Review and afterwards"),
            {
                "fields": (
                    "review_workdays",
                    "second_approval_required",
                    "mailing_rule",
                    "sms_required",
                    "empty_entity_must_cancel",
                    "psb_prefix",
                )
            },
        ),
    )


@admin.register(ApprovedTld)
class ApprovedTldAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    # Retired with ``active`` off rather than deleted: the list's history stays readable.
    form = ApprovedTldAdminForm
    list_display = ("name", "active")
    list_editable = ("active",)
    list_filter = ("active",)
    search_fields = ("name",)


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    # A plain list the operators maintain: removing a word is an ordinary edit (no filing cites a word).
    form = SensitiveWordAdminForm
    list_display = ("word",)
    search_fields = ("word",)


class MaskedCertificateAdmin(LargeTableAdminMixin, NoDeleteAdminMixin, admin.ModelAdmin):
    """Identity numbers appear masked only; the encrypted and hash columns are never shown.

    Entities and people are what filings are about: never deleted here (their filings cite them).
    """

    exclude = ("certificate_number_encrypted", "certificate_number_hash")
    readonly_fields = ("certificate_number_masked",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Made by the applicant's steps with a checked, encrypted number; a bare row here would have none.
        return False


@admin.register(Entity)
class EntityAdmin(MaskedCertificateAdmin):
    list_display = (
        "name",
        "nature",
        "certificate_type",
        "certificate_number_masked",
        "region",
        "icp_number",
        "owner",
        "created_at",
    )
    list_filter = ("nature", "certificate_type", "region")
    list_select_related = ("region", "owner")
    search_fields = ("name", "icp_number", "certificate_number_masked", "owner__username")
    raw_id_fields = ("owner", "head")
    # Only MIIT issues the number (through the filing's outcome); a typed one would not be in MIIT's registry.
    readonly_fields = (*MaskedCertificateAdmin.readonly_fields, "code", "icp_number", "created_at")


@admin.register(Person)
class PersonAdmin(MaskedCertificateAdmin):
    list_display = (
        "name",
        "certificate_type",
        "certificate_number_masked",
        "entity",
        "is_legal_representative",
    )
    list_filter = ("certificate_type", "is_legal_representative")
    list_select_related = ("entity",)
    search_fields = ("name", "certificate_number_masked", "entity__name")
    raw_id_fields = ("entity",)
    readonly_fields = (*MaskedCertificateAdmin.readonly_fields, "code")


class DomainInline(FixedInlineMixin, admin.StackedInline):
    # One domain per website, set at step 1 and checked against the registrar: not swapped by hand.
    model = Domain
    readonly_fields = ("name", "ascii_name")


@admin.register(Website)
class WebsiteAdmin(LargeTableAdminMixin, NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("name", "domain_name", "entity", "website_number", "psb_number")
    list_select_related = ("entity", "domain")
    search_fields = ("name", "website_number", "psb_number", "domain__name", "domain__ascii_name")
    raw_id_fields = ("entity", "head")
    readonly_fields = ("code", "website_number")  # issued by MIIT only
    inlines = [DomainInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a website comes with its domain at step 1, never as a bare row

    @admin.display(description=_("domain"), ordering="domain__name")
    def domain_name(self, obj: Website) -> str:
        domain = getattr(obj, "domain", None)
        return domain.name if domain else ""


@admin.register(Domain)
class DomainAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    # Found here by name (Unicode or punycode) to reach its website; set at step 1 only.
    list_display = ("name", "ascii_name", "website")
    list_select_related = ("website",)
    search_fields = ("name", "ascii_name")

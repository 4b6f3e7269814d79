from __future__ import annotations

from django.contrib import admin

from common.admin import FixedInlineMixin, NoDeleteAdminMixin
from entities.models import Domain, Entity, Person, Region, Website


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
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
    search_fields = ("code", "name_zh", "name_en")


class MaskedCertificateAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """Identity numbers appear masked only; the encrypted and hash columns are never shown.

    Entities and people are what filings are about: never deleted here (their filings cite them).
    """

    exclude = ("certificate_number_encrypted", "certificate_number_hash")
    readonly_fields = ("certificate_number_masked",)


@admin.register(Entity)
class EntityAdmin(MaskedCertificateAdmin):
    list_display = ("name", "nature", "certificate_type", "certificate_number_masked", "region", "icp_number")
    list_filter = ("nature", "region")
    list_select_related = ("region",)
    search_fields = ("name", "icp_number")
    raw_id_fields = ("owner", "head")
    # Only MIIT issues the number (through the filing's outcome); a typed one would not be in MIIT's registry.
    readonly_fields = (*MaskedCertificateAdmin.readonly_fields, "icp_number")


@admin.register(Person)
class PersonAdmin(MaskedCertificateAdmin):
    list_display = ("name", "certificate_type", "certificate_number_masked", "entity")
    list_select_related = ("entity",)
    raw_id_fields = ("entity",)


class DomainInline(FixedInlineMixin, admin.StackedInline):
    # One domain per website, set at step 1 and checked against the registrar: not swapped by hand.
    model = Domain
    readonly_fields = ("name", "ascii_name")


@admin.register(Website)
class WebsiteAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("name", "entity", "website_number")
    list_select_related = ("entity",)
    search_fields = ("name", "website_number", "domain__name", "domain__ascii_name")
    raw_id_fields = ("entity", "head")
    readonly_fields = ("website_number",)  # issued by MIIT only
    inlines = [DomainInline]

from __future__ import annotations

from django.contrib import admin

from entities.models import Domain, Entity, Person, Region, Website


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name_zh",
        "name_en",
        "icp_prefix",
        "sms_required",
        "individual_residency",
        "local_phone_required",
        "head_must_be_legal_rep",
        "mailing_rule",
    )
    list_filter = ("sms_required", "individual_residency", "local_phone_required", "head_must_be_legal_rep")
    search_fields = ("code", "name_zh", "name_en")


class MaskedCertificateAdmin(admin.ModelAdmin):
    """Identity numbers appear masked only; the encrypted and hash columns are never shown."""

    exclude = ("certificate_number_encrypted", "certificate_number_hash")
    readonly_fields = ("certificate_number_masked",)


@admin.register(Entity)
class EntityAdmin(MaskedCertificateAdmin):
    list_display = ("name", "nature", "certificate_type", "certificate_number_masked", "region", "icp_number")
    list_filter = ("nature", "region")
    list_select_related = ("region",)
    search_fields = ("name", "icp_number")
    raw_id_fields = ("owner", "head")


@admin.register(Person)
class PersonAdmin(MaskedCertificateAdmin):
    list_display = ("name", "certificate_type", "certificate_number_masked", "entity")
    list_select_related = ("entity",)
    raw_id_fields = ("entity",)


class DomainInline(admin.StackedInline):
    model = Domain
    extra = 0


@admin.register(Website)
class WebsiteAdmin(admin.ModelAdmin):
    list_display = ("name", "entity", "website_number")
    list_select_related = ("entity",)
    search_fields = ("name", "website_number", "domain__name", "domain__ascii_name")
    raw_id_fields = ("entity", "head")
    inlines = [DomainInline]

from __future__ import annotations

from django.contrib import admin

from simulators.models import (
    MiitAbnormalCertificate,
    MiitRegistryEntity,
    MiitRegistryWebsite,
    MiitSubmission,
    SmsInboxMessage,
)


class MiitRegistryWebsiteInline(admin.TabularInline):
    model = MiitRegistryWebsite
    extra = 0


@admin.register(MiitRegistryEntity)
class MiitRegistryEntityAdmin(admin.ModelAdmin):
    list_display = ("icp_number", "name", "nature", "certificate_type", "certificate_masked", "region_code")
    search_fields = ("icp_number", "name")
    exclude = ("certificate_hash",)
    inlines = [MiitRegistryWebsiteInline]


@admin.register(MiitSubmission)
class MiitSubmissionAdmin(admin.ModelAdmin):
    list_display = ("reference", "filing_type", "region_code", "status", "decide_at", "decided_at")
    list_filter = ("status", "filing_type")
    exclude = ("certificate_hash",)


@admin.register(SmsInboxMessage)
class SmsInboxMessageAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "mobile", "sender", "text")
    search_fields = ("mobile",)


admin.site.register(MiitAbnormalCertificate)

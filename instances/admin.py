from __future__ import annotations

from django.contrib import admin

from common.admin import FixedInlineMixin, NoDeleteAdminMixin
from instances.models import Instance, ServiceNumber


class ServiceNumberInline(FixedInlineMixin, admin.TabularInline):
    # Five numbers per instance, issued with it; filings cite them.
    model = ServiceNumber
    readonly_fields = ("code", "consumed_at")


@admin.register(Instance)
class InstanceAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("instance_id", "owner", "kind", "cloud_region", "is_mainland", "billing", "expires_at")
    list_filter = ("kind", "is_mainland", "billing")
    search_fields = ("instance_id", "owner__username")
    raw_id_fields = ("owner",)
    inlines = [ServiceNumberInline]


@admin.register(ServiceNumber)
class ServiceNumberAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("code", "instance", "consumed_at")
    list_select_related = ("instance",)
    search_fields = ("code",)
    raw_id_fields = ("instance",)
    readonly_fields = ("code", "consumed_at")

"""Instances and their service numbers. An instance added here gets its five numbers through
``instances.services.instance_create``, as one from the cloud's inventory would; nothing is deleted (filings
cite the numbers)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from common.admin import FixedInlineMixin, LargeTableAdminMixin, NoDeleteAdminMixin
from instances.admin_forms import InstanceAdminForm
from instances.models import Instance, ServiceNumber
from instances.services import instance_create


class ServiceNumberInline(FixedInlineMixin, admin.TabularInline):
    # Five numbers per instance, issued with it; filings cite them.
    model = ServiceNumber
    readonly_fields = ("code", "consumed_at")


@admin.register(Instance)
class InstanceAdmin(LargeTableAdminMixin, NoDeleteAdminMixin, admin.ModelAdmin):
    form = InstanceAdminForm
    list_display = (
        "instance_id",
        "owner",
        "kind",
        "cloud_region",
        "is_mainland",
        "public_ip",
        "billing",
        "expires_at",
    )
    list_filter = ("kind", "is_mainland", "billing", "cloud_region")
    list_select_related = ("owner",)
    search_fields = ("instance_id", "public_ip", "owner__username")
    raw_id_fields = ("owner",)
    inlines = [ServiceNumberInline]

    def save_model(self, request: HttpRequest, obj: Instance, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new instance is registered by the service, which issues its service numbers with it.
        fields = {
            name: form.cleaned_data[name] for name in form.Meta.fields if name not in ("owner", "instance_id")
        }
        created = instance_create(
            owner=form.cleaned_data["owner"], instance_id=form.cleaned_data["instance_id"], **fields
        )
        obj.pk, obj.code = created.pk, created.code
        obj._state.adding = False


@admin.register(ServiceNumber)
class ServiceNumberAdmin(LargeTableAdminMixin, NoDeleteAdminMixin, admin.ModelAdmin):
    """Issued with their instance, five each, and cited by filings: looked up here, never typed or moved."""

    list_display = ("code", "instance", "consumed_at")
    list_filter = (("consumed_at", admin.EmptyFieldListFilter),)
    list_select_related = ("instance",)
    search_fields = ("code", "instance__instance_id")
    readonly_fields = ("code", "instance", "consumed_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

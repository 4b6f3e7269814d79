from __future__ import annotations

from django.contrib import admin

from common.admin import NoDeleteAdminMixin, ReadOnlyAdminMixin
from reviews.models import Finding, RejectionReason


@admin.register(RejectionReason)
class RejectionReasonAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    # Past decisions cite reasons by code: a reason is retired (``active`` off), never deleted.
    list_display = ("code", "group", "applies_to", "text_zh", "text_en", "active")
    list_filter = ("group", "active")
    search_fields = ("code", "text_zh", "text_en")


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The automated findings, to look at: the review screen resolves and overrides them."""

    list_display = ("filing", "review_round", "code", "field", "severity", "resolution", "created_at")
    list_filter = ("severity", "resolution", "code")
    search_fields = ("filing__code", "code", "field")
    list_select_related = ("filing",)
    raw_id_fields = ("filing", "resolved_by")

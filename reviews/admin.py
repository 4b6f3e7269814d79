from __future__ import annotations

from django.contrib import admin

from common.admin import NoDeleteAdminMixin
from reviews.models import RejectionReason


@admin.register(RejectionReason)
class RejectionReasonAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    # Past decisions cite reasons by code: a reason is retired (``active`` off), never deleted.
    list_display = ("code", "group", "applies_to", "text_zh", "text_en", "active")
    list_filter = ("group", "active")
    search_fields = ("code", "text_zh", "text_en")

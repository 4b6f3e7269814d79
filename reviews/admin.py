from __future__ import annotations

from django.contrib import admin

from reviews.models import RejectionReason


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin):
    list_display = ("code", "group", "applies_to", "text_zh", "text_en", "active")
    list_filter = ("group", "active")
    search_fields = ("code", "text_zh", "text_en")

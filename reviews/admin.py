"""The review side in the admin: the reason catalogue (editable, checked, retired rather than deleted), and the
rows the review work writes (findings, the identity-access log, call attempts): read-only, never deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from common.admin import LargeTableAdminMixin, NoDeleteAdminMixin, ReadOnlyAdminMixin
from reviews.admin_forms import RejectionReasonAdminForm
from reviews.models import CallAttempt, Finding, FindingRun, IdentityAccessLog, RejectionReason


@admin.register(RejectionReason)
class RejectionReasonAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    # Past decisions cite reasons by code: a reason is retired (``active`` off), never deleted or renamed.
    form = RejectionReasonAdminForm
    list_display = ("code", "group", "applies_to", "text_zh", "text_en", "active")
    list_filter = ("group", "active")
    search_fields = ("code", "applies_to", "text_zh", "text_en")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("code",) if obj is not None else ()


@admin.register(Finding)
class FindingAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The automated findings, to look at: the review screen resolves and overrides them."""

    list_display = (
        "filing",
        "review_round",
        "code",
        "field",
        "severity",
        "resolution",
        "resolved_by",
        "created_at",
    )
    # No filter on ``code``: its choices would be a SELECT DISTINCT over every finding; search finds a code.
    list_filter = ("severity", "resolution", "created_at")
    search_fields = ("=filing__code", "code", "field")
    list_select_related = ("filing", "resolved_by")
    raw_id_fields = ("filing", "resolved_by")


@admin.register(FindingRun)
class FindingRunAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    # Which rounds had their findings computed (the sweep re-sends rounds without one).
    list_display = ("filing", "review_round", "at")
    list_filter = ("at",)
    search_fields = ("=filing__code",)
    list_select_related = ("filing",)


@admin.register(IdentityAccessLog)
class IdentityAccessLogAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who read which filing's identity numbers in clear: the audit of api.md, never edited."""

    list_display = ("at", "user", "filing", "channel")
    list_filter = ("channel", "at")
    search_fields = ("=filing__code", "user__username")
    list_select_related = ("user", "filing")


@admin.register(CallAttempt)
class CallAttemptAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "filing", "review_round", "specialist", "reached")
    list_filter = ("reached", "at")
    search_fields = ("=filing__code", "specialist__username")
    list_select_related = ("filing", "specialist")

"""Operators read the outbox: what was sent to whom (addresses masked), what failed and why; the action sends
the selected failed or stuck emails and SMS again. Rows are written by services and jobs only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import LargeTableAdminMixin, ReadOnlyAdminMixin
from common.identity import mask_mobile
from notifications.admin_forms import SubjectOverrideAdminForm
from notifications.models import Notification, SubjectOverride
from notifications.services import notification_retry
from notifications.subjects import kind_folder, notification_kinds, subject_overrides_changed


def mask_email(email: str) -> str:
    """``alice@example.com`` → ``a***@example.com``."""
    if not email:
        return ""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


class FailedFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("failed", _("failed")), ("pending", _("pending")), ("sent", _("sent"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(failed_at__isnull=False)
        if self.value() == "pending":
            return queryset.filter(sent_at__isnull=True, failed_at__isnull=True)
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        return queryset


class KindFilter(admin.SimpleListFilter):
    # The kinds come from the template folders: a filter on the column would SELECT DISTINCT the whole outbox.
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind, kind) for kind in notification_kinds()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Notification)
class NotificationAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "channel",
        "kind",
        "to",
        "filing",
        "sent_at",
        "failed_at",
        "attempts",
        "last_error",
    )
    list_filter = (FailedFilter, "channel", KindFilter, "created_at")
    list_select_related = ("recipient", "filing")
    search_fields = ("=code", "=filing__code", "recipient__username")
    # The raw addresses are not shown; the masked ones are.
    exclude = ("email", "mobile")
    readonly_fields = ("to",)
    actions = ["retry_delivery"]

    @admin.display(description=_("to"))
    def to(self, obj: Notification) -> str:
        account = obj.recipient.username if obj.recipient_id else ""
        address = mask_email(obj.email) or mask_mobile(obj.mobile)
        return " · ".join(part for part in (account, address) if part)

    @admin.action(description=_("Retry delivery of the selected emails and SMS (failed or not yet sent)"))
    def retry_delivery(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        count = sum(
            notification_retry(notification=notification, by=request.user)
            for notification in queryset.filter(sent_at__isnull=True).exclude(channel="inbox")
        )
        message = ngettext(
            "%(count)d delivery job dispatched.", "%(count)d delivery jobs dispatched.", count
        ) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)


@admin.register(SubjectOverride)
class SubjectOverrideAdmin(admin.ModelAdmin):
    """The subject of a kind of notice, reworded per language; the templates' wording where none is set."""

    form = SubjectOverrideAdminForm
    list_display = ("kind", "language", "subject", "updated_at")
    list_filter = ("language", KindFilter)
    search_fields = ("kind", "subject")
    readonly_fields = ("template_subject",)

    @admin.display(description=_("the template's subject"))
    def template_subject(self, obj: SubjectOverride) -> str:
        path = kind_folder(obj.kind) / "subject.txt" if obj.kind else None
        return path.read_text(encoding="utf-8").strip() if path and path.exists() else ""

    def save_model(self, request: HttpRequest, obj: SubjectOverride, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        subject_overrides_changed()

    def delete_model(self, request: HttpRequest, obj: SubjectOverride) -> None:
        super().delete_model(request, obj)
        subject_overrides_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[SubjectOverride]) -> None:
        super().delete_queryset(request, queryset)
        subject_overrides_changed()

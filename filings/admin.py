"""Operators see filings and their history here. The state is read-only: django-fsm's own transition buttons
bypass the services, so none are exposed; admin actions call services or jobs."""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from common.admin import FixedInlineMixin, NoDeleteAdminMixin
from filings.material_models import FaceVerificationStatus, MaterialStatus
from filings.models import (
    FaceVerification,
    Filing,
    FilingEvent,
    FilingWebsite,
    Material,
    MaterialDownload,
    SmsVerification,
)
from filings.states import FilingState
from filings.tasks import (
    face_verification_result_task,
    filing_hand_to_miit_task,
    filing_miit_outcome_task,
    material_process_task,
)


class FilingWebsiteInline(FixedInlineMixin, admin.TabularInline):
    # The websites of a filing are the applicant's step 1; MIIT numbers them by position.
    model = FilingWebsite
    readonly_fields = ("website", "position", "service_number")


class FilingEventInline(FixedInlineMixin, admin.TabularInline):
    model = FilingEvent
    readonly_fields = (
        "created_at",
        "actor",
        "actor_role",
        "transition",
        "from_state",
        "to_state",
        "reasons",
        "payload",
    )


@admin.register(Filing)
class FilingAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("code", "state", "filing_type", "region", "applicant", "claimed_by", "updated_at")
    list_filter = ("state", "filing_type", "region")
    list_select_related = ("region", "applicant", "claimed_by")
    search_fields = ("code", "miit_reference", "applicant__username")
    readonly_fields = [f.name for f in Filing._meta.fields]
    inlines = [FilingWebsiteInline, FilingEventInline]
    actions = ["retry_miit_work"]

    def has_add_permission(self, request) -> bool:
        return False  # filings start through the applicant's service, never as bare rows

    @admin.action(description="Retry the MIIT job of the selected filings (hand-over or outcome)")
    def retry_miit_work(self, request, queryset):
        count = 0
        for filing in queryset.filter(state__in=[FilingState.MIIT_SUBMISSION, FilingState.MIIT_REVIEW]):
            task = (
                filing_hand_to_miit_task
                if filing.state == FilingState.MIIT_SUBMISSION
                else filing_miit_outcome_task
            )
            task.delay_on_commit(filing.pk)
            count += 1
        self.message_user(request, f"{count} job(s) dispatched.", messages.SUCCESS)


@admin.register(FilingEvent)
class FilingEventAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "filing", "transition", "from_state", "to_state", "actor_role", "actor")
    list_filter = ("transition", "actor_role")
    list_select_related = ("filing", "actor")
    readonly_fields = [f.name for f in FilingEvent._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SmsVerification)
class SmsVerificationAdmin(admin.ModelAdmin):
    list_display = ("filing", "review_round", "wrong_attempts", "verified_at", "sent_at")
    list_select_related = ("filing",)
    exclude = ("mobile",)
    readonly_fields = ("filing", "review_round", "wrong_attempts", "verified_at", "sent_at")


class ReadOnlyAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """Rows written by services and jobs only; operators read them and run the actions."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Material)
class MaterialAdmin(ReadOnlyAdmin):
    list_display = ("preview", "kind", "filing", "status", "rejection_code", "attempts", "created_at")
    list_filter = ("status", "kind")
    list_select_related = ("filing",)
    search_fields = ("code", "filing__code", "sha256")
    readonly_fields = ("preview",)
    exclude = ("original_name", "quarantine_path")  # the applicant's own file name may hold personal data
    actions = ["retry_processing"]

    @admin.display(description="file")
    def preview(self, obj: Material) -> str:
        """The thumbnail, linked to the full file, both through the private view (which checks the viewer)."""
        if obj.status != MaterialStatus.ACCEPTED:
            return obj.get_status_display()
        file_url = reverse("material-file", args=[obj.code])
        if not obj.thumbnail_path:
            return format_html('<a href="{}">{}</a>', file_url, obj.content_type)
        thumbnail_url = reverse("material-thumbnail", args=[obj.code])
        return format_html(
            '<a href="{}"><img src="{}" alt="" style="max-height:64px"></a>', file_url, thumbnail_url
        )

    @admin.action(description="Process the selected uploads again (those still processing)")
    def retry_processing(self, request, queryset):
        count = 0
        for material_id in queryset.filter(status=MaterialStatus.PROCESSING).values_list("pk", flat=True):
            material_process_task.delay_on_commit(material_id)
            count += 1
        self.message_user(request, f"{count} job(s) dispatched.", messages.SUCCESS)


@admin.register(MaterialDownload)
class MaterialDownloadAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "variant", "material")
    list_select_related = ("user", "material")
    list_filter = ("variant",)


@admin.register(FaceVerification)
class FaceVerificationAdmin(ReadOnlyAdmin):
    list_display = ("filing", "person", "status", "reason", "gateway_reference", "created_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("filing", "person")
    search_fields = ("gateway_reference", "filing__code")
    actions = ["ask_provider_again"]

    @admin.action(description="Ask the provider again for the result of the selected pending checks")
    def ask_provider_again(self, request, queryset):
        count = 0
        for verification_id in queryset.filter(status=FaceVerificationStatus.PENDING).values_list(
            "pk", flat=True
        ):
            face_verification_result_task.delay_on_commit(verification_id)
            count += 1
        self.message_user(request, f"{count} job(s) dispatched.", messages.SUCCESS)

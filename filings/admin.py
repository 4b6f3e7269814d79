"""Operators see filings and their history here. The state is read-only: django-fsm's own transition buttons
bypass the services, so none are exposed; admin actions call services or jobs."""

from __future__ import annotations

from django.contrib import admin, messages

from common.admin import FixedInlineMixin, NoDeleteAdminMixin
from filings.models import Filing, FilingEvent, FilingWebsite, SmsVerification
from filings.states import FilingState
from filings.tasks import filing_hand_to_miit_task, filing_miit_outcome_task


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
    list_display = (
        "code",
        "state",
        "filing_type",
        "region",
        "applicant",
        "claimed_by",
        "review_due_on",
        "escalated_at",
        "updated_at",
    )
    # "Escalated": provider reviews the overdue job flagged (reviews.claims.review_escalate_overdue).
    list_filter = ("state", "filing_type", "region", ("escalated_at", admin.EmptyFieldListFilter))
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

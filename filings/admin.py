"""The operators' control room for filings (issue 14): a changelist fast at 100,000 filings, a change page to
work from, the interventions and the CSV export.

The record is read-only here: the state changes only through the services (django-fsm's own admin buttons
bypass them and are not used), nothing is deleted, and every intervention asks for a reason and calls a
service of ``filings/services/operator.py`` (``filings/admin_interventions.py``). The change page's sections
come from ``filings/admin_page.py``, the list's parts from ``filings/admin_lists.py``, the CSV from
``filings/admin_export.py``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from common.admin import LargeTableAdminMixin, NoDeleteAdminMixin, ReadOnlyAdminMixin
from common.identity import mask_mobile
from filings.admin_export import filings_csv_response
from filings.admin_interventions import intervene_view, intervention_actions, offered_buttons
from filings.admin_lists import (
    ActorRoleFilter,
    EventNameFilter,
    ListColumns,
    OverdueFilter,
    search_filings,
    titled,
)
from filings.admin_page import operator_view
from filings.models import Filing, FilingEvent, SmsVerification


@admin.register(Filing)
class FilingAdmin(ListColumns, LargeTableAdminMixin, NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = (
        "short_code",
        "entity_name",
        "certificate",
        "state_tag",
        "region_name",
        "type_name",
        "nature",
        "created",
        "updated",
        "held_by",
        "review_due",
    )
    list_display_links = ("short_code",)
    list_filter = (
        ("state", titled(admin.ChoicesFieldListFilter, _("state"))),
        ("region", titled(admin.RelatedFieldListFilter, _("region"))),
        ("filing_type", titled(admin.ChoicesFieldListFilter, _("filing type"))),
        ("entity__nature", titled(admin.ChoicesFieldListFilter, _("nature"))),
        OverdueFilter,
        ("created_at", titled(admin.DateFieldListFilter, _("created"))),
    )
    # Facet counts run a COUNT per filter value over the whole table: not at 100,000 filings.
    show_facets = admin.ShowFacets.NEVER
    list_select_related = ("entity", "region", "claimed_by")
    ordering = ("-pk",)  # the primary key's index: the newest first without sorting the table
    search_fields = ("code",)  # the search itself: search_filings (a code, an entity name, a domain)
    search_help_text = _("A filing code, an entity name, a domain or an MIIT reference")
    fieldsets = (
        (None, {"fields": ("code", "state", "filing_type", "region", "entity", "applicant")}),
        (
            _("Review"),
            {"fields": ("review_round", "claimed_by", "claimed_at", "review_due_on", "escalated_at")},
        ),
        (_("Mailing"), {"fields": ("mailing_courier", "mailing_tracking_number")}),
        (_("Dates"), {"fields": ("created_at", "updated_at")}),
    )
    readonly_fields = [f.name for f in Filing._meta.fields]
    change_form_template = "admin/filings/filing/change_form.html"
    change_list_template = "admin/filings/filing/change_list.html"
    # Each intervention asks for a reason on an intermediate page; the export needs none.
    actions = ["export_selected", *intervention_actions()]

    def get_queryset(self, request: HttpRequest):
        # The change page shows the entity, region and people: one query, not one per field.
        return super().get_queryset(request).select_related("entity", "region", "applicant", "claimed_by")

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        return search_filings(queryset, search_term)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # filings start through the applicant's service, never as bare rows

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # every field is the services' to write: the page is for reading and intervening

    def has_intervene_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("filings.change_filing")

    def get_urls(self) -> list[Any]:
        wrap = self.admin_site.admin_view
        return [
            path("export.csv", wrap(self.export_view), name="filings_filing_export"),
            path(
                "<path:object_id>/intervene/<slug:name>/",
                wrap(lambda request, object_id, name: intervene_view(self, request, object_id, name)),
                name="filings_filing_intervene",
            ),
            *super().get_urls(),
        ]

    def render_change_form(
        self, request: HttpRequest, context: dict, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        filing = kwargs.get("obj")
        if filing is not None:
            context["operator"] = operator_view(filing)
            context["interventions"] = offered_buttons(filing)
            context["may_intervene"] = self.has_intervene_permission(request)
        return super().render_change_form(request, context, *args, **kwargs)

    # --- Export ------------------------------------------------------------------------------------------------
    @admin.action(description=_("Export the selected filings as CSV"))
    def export_selected(self, request: HttpRequest, queryset) -> HttpResponse:
        return filings_csv_response(queryset)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """The whole filtered list: the changelist's own filters and search, read from the same query string."""
        changelist = self.get_changelist_instance(request)
        return filings_csv_response(changelist.get_queryset(request))


@admin.register(FilingEvent)
class FilingEventAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "filing",
        "kind",
        "transition",
        "from_state",
        "to_state",
        "actor_role",
        "actor",
    )
    list_filter = ("kind", EventNameFilter, ActorRoleFilter)
    list_select_related = ("filing", "actor")
    search_fields = ("=filing__code",)
    readonly_fields = [f.name for f in FilingEvent._meta.fields]
    raw_id_fields = ("filing",)


@admin.register(SmsVerification)
class SmsVerificationAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("filing", "masked_mobile", "review_round", "wrong_attempts", "verified_at", "sent_at")
    list_select_related = ("filing",)
    exclude = ("mobile",)
    readonly_fields = ("filing", "masked_mobile", "review_round", "wrong_attempts", "verified_at", "sent_at")

    @admin.display(description=_("mobile"))
    def masked_mobile(self, obj: SmsVerification) -> str:
        return mask_mobile(obj.mobile)

"""The filing changelist's parts: its columns, the overdue filter and the search, each costing no query per
row and no scan that grows with the table beyond what the operator asked for."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.choices import choice_label
from entities.models import EntityNature
from filings.models import Filing, FilingWebsite
from filings.services import operator
from filings.states import FilingState, FilingType

S = FilingState

# The colour of a state's tag: waiting on the provider, on the applicant, on MIIT, or closed.
STATE_TONES = {
    S.PROVIDER_REVIEW: "provider",
    S.MAILING: "provider",
    S.PROVIDER_REJECTED: "applicant",
    S.MIIT_REJECTED: "applicant",
    S.MIIT_SUBMISSION: "miit",
    S.SMS_VERIFICATION: "miit",
    S.MIIT_REVIEW: "miit",
    S.APPROVED: "done",
    S.WITHDRAWN: "closed",
}


def state_tag(filing: Filing) -> str:
    tone = STATE_TONES.get(filing.state, "applicant-step")
    return format_html(
        '<span class="state-tag state-tag--{}">{}</span>', tone, choice_label(FilingState, filing.state)
    )


class ListColumns:
    """The changelist's columns, read from the rows ``list_select_related`` joins (entity, region, the
    specialist holding it), each with a translated heading (the model's field names are not)."""

    @admin.display(description=_("filing code"), ordering="pk")
    def short_code(self, filing: Filing) -> str:
        # The first 8 characters tell filings apart on a page; the full code is the title and the link's page.
        return format_html('<span class="ops-code" title="{}">{}…</span>', filing.code, str(filing.code)[:8])

    @admin.display(description=_("region"), ordering="region__code")
    def region_name(self, filing: Filing) -> str:
        return str(filing.region)

    @admin.display(description=_("filing type"), ordering="filing_type")
    def type_name(self, filing: Filing) -> str:
        return choice_label(FilingType, filing.filing_type) if filing.filing_type else "—"

    @admin.display(description=_("created"), ordering="created_at")
    def created(self, filing: Filing) -> Any:
        return filing.created_at

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, filing: Filing) -> Any:
        return filing.updated_at

    @admin.display(description=_("held by"), ordering="claimed_by__username")
    def held_by(self, filing: Filing) -> str:
        return filing.claimed_by.username if filing.claimed_by_id else "—"

    @admin.display(description=_("review due"), ordering="review_due_on")
    def review_due(self, filing: Filing) -> Any:
        return filing.review_due_on or "—"

    @admin.display(description=_("entity"), ordering="entity__name")
    def entity_name(self, filing: Filing) -> str:
        return filing.entity.name or choice_label(EntityNature, filing.entity.nature)

    @admin.display(description=_("certificate number"))
    def certificate(self, filing: Filing) -> str:
        return filing.entity.certificate_number_masked  # masked when stored: the number itself is encrypted

    @admin.display(description=_("nature"))
    def nature(self, filing: Filing) -> str:
        return choice_label(EntityNature, filing.entity.nature)

    @admin.display(description=_("state"), ordering="state")
    def state_tag(self, filing: Filing) -> str:
        return state_tag(filing)


def titled(filter_class: type[admin.FieldListFilter], title: Any) -> type[admin.FieldListFilter]:
    """A field's list filter under a translated title (Django titles it with the field's verbose name)."""

    class Titled(filter_class):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.title = title

    Titled.__name__ = f"Titled{filter_class.__name__}"
    return Titled


class OverdueFilter(admin.SimpleListFilter):
    """Provider reviews past their day (``review_due_on``, indexed), the ones operators chase first."""

    title = _("review deadline")
    parameter_name = "overdue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Overdue")), ("today", _("Due today")), ("no", _("On time"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Filing]) -> QuerySet[Filing]:
        today = timezone.localdate()
        in_review = queryset.filter(state=S.PROVIDER_REVIEW)
        if self.value() == "yes":
            return in_review.filter(review_due_on__lt=today)
        if self.value() == "today":
            return in_review.filter(review_due_on=today)
        if self.value() == "no":
            return in_review.filter(review_due_on__gt=today)
        return queryset


class ExactValueFilter(admin.SimpleListFilter):
    """A filter over known values (Django's default for a plain text column runs SELECT DISTINCT over the
    whole table, millions of events at 100,000 filings, on every page load)."""

    values: tuple[str, ...] = ()

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(value, value) for value in self.values]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(**{self.parameter_name: self.value()}) if self.value() else queryset


class EventNameFilter(ExactValueFilter):
    title = _("transition or intervention")
    parameter_name = "transition"
    values = tuple(
        sorted(
            {t.name for t in Filing._meta.get_field("state").get_all_transitions(Filing)}
            | set(operator.INTERVENTION_NAMES)
        )
    )


class ActorRoleFilter(ExactValueFilter):
    title = _("actor")
    parameter_name = "actor_role"
    values = ("applicant", "specialist", "operator", "system")


def search_filings(queryset: QuerySet[Filing], term: str) -> tuple[QuerySet[Filing], bool]:
    """A filing code finds that filing through its unique index; any other term is an entity name, a domain
    (either spelling) or an MIIT reference. Returns the queryset and whether it may hold duplicates (never)."""
    term = term.strip()
    if not term:
        return queryset, False
    try:
        return queryset.filter(code=uuid.UUID(term)), False
    except ValueError:
        pass
    # The domains through a subquery: a join would repeat a filing per matching website (and DISTINCT over
    # the whole list costs a sort of the table).
    with_domain = FilingWebsite.objects.filter(
        Q(website__domain__name__icontains=term) | Q(website__domain__ascii_name__icontains=term)
    ).values("filing_id")
    matches = Q(entity__name__icontains=term) | Q(miit_reference=term) | Q(pk__in=with_domain)
    return queryset.filter(matches), False

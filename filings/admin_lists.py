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

from filings.models import Filing
from filings.states import FilingState

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
    return format_html('<span class="state-tag state-tag--{}">{}</span>', tone, filing.get_state_display())


class ListColumns:
    """The changelist's computed columns, read from the rows ``list_select_related`` joins (entity, region,
    the specialist holding it)."""

    @admin.display(description=_("entity"), ordering="entity__name")
    def entity_name(self, filing: Filing) -> str:
        return filing.entity.name or filing.entity.get_nature_display()

    @admin.display(description=_("certificate number"))
    def certificate(self, filing: Filing) -> str:
        return filing.entity.certificate_number_masked  # masked when stored: the number itself is encrypted

    @admin.display(description=_("nature"))
    def nature(self, filing: Filing) -> str:
        return filing.entity.get_nature_display()

    @admin.display(description=_("state"), ordering="state")
    def state_tag(self, filing: Filing) -> str:
        return state_tag(filing)


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


def search_filings(queryset: QuerySet[Filing], term: str) -> tuple[QuerySet[Filing], bool]:
    """A filing code finds that filing through its unique index; any other term is an entity name, a domain
    (either spelling) or an MIIT reference. Returns the queryset and whether it may hold duplicates (a filing
    with two matching domains)."""
    term = term.strip()
    if not term:
        return queryset, False
    try:
        return queryset.filter(code=uuid.UUID(term)), False
    except ValueError:
        pass
    domain = Q(filing_websites__website__domain__name__icontains=term) | Q(
        filing_websites__website__domain__ascii_name__icontains=term
    )
    matches = Q(entity__name__icontains=term) | Q(miit_reference=term) | domain
    return queryset.filter(matches), True

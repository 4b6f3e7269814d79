"""The querysets behind the API's lists and details: scoped by ``filings_visible_to``, with every related row
the serializers read fetched up front, so the query count does not grow with filings or websites."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from filings.models import Filing, FilingEvent, FilingWebsite
from filings.selectors import filings_visible_to
from filings.states import CLOSED_STATES
from materials.models import Material


def with_summary(queryset: QuerySet[Filing]) -> QuerySet[Filing]:
    """What ``FilingSummarySerializer`` reads."""
    return queryset.select_related("region", "entity", "claimed_by").prefetch_related(
        Prefetch(
            "filing_websites",
            queryset=FilingWebsite.objects.select_related("website__domain").order_by("position"),
        )
    )


def with_detail(queryset: QuerySet[Filing]) -> QuerySet[Filing]:
    """What ``FilingSerializer`` reads (the material checklist runs its own fixed number of queries); not the
    claiming specialist, whom the detail does not show (its id is on the row)."""
    return queryset.select_related("region", "entity", "entity__head").prefetch_related(
        Prefetch(
            "filing_websites",
            queryset=FilingWebsite.objects.select_related(
                "website__domain", "website__head", "service_number"
            ).order_by("position"),
        ),
        # The process's history: an operator's interventions (no state change, kept for the admin) are not in it.
        Prefetch(
            "events",
            queryset=FilingEvent.objects.filter(kind=FilingEvent.Kind.TRANSITION).order_by(
                "created_at", "id"
            ),
        ),
        Prefetch(
            "materials", queryset=Material.objects.select_related("website").order_by("created_at", "id")
        ),
        "sms_verifications",  # always (not only for a filing MIIT texted): the same count for every filing
    )


def visible_filing(user: Any, code: Any, *, detail: bool = False) -> Filing:
    """The filing ``code`` if ``user`` may see it, else 404 (another user's filing is not revealed)."""
    queryset = filings_visible_to(user).filter(code=code)
    if detail:
        queryset = with_detail(queryset)
    filing = queryset.first()
    if filing is None:
        raise Http404
    return filing


def service_numbers_in_progress() -> QuerySet[Any]:
    """The service numbers held by websites of filings in progress (not yet approved or withdrawn): not free
    for a new filing, as ``filings.services.filing_assign_service_numbers`` decides."""
    return (
        FilingWebsite.objects.filter(service_number__isnull=False)
        .exclude(filing__state__in=CLOSED_STATES)
        .values("service_number_id")
    )

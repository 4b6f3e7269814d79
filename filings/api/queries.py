"""The querysets behind the API's lists and details: scoped by ``filings_visible_to``, with every related row
the serializers read fetched up front, so the query count does not grow with filings or websites."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404

from common.compiled import CompiledQuery, marker_integer, marker_uuid
from filings.models import Filing, FilingEvent, FilingWebsite, SmsVerification
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


# What ``FilingSerializer`` reads besides the filing's own row (the material checklist runs its own fixed
# number of queries); not the claiming specialist, whom the detail does not show (its id is on the row).
DETAIL_RELATED = ("region", "entity", "entity__head")
DETAIL_ROWS: dict[str, QuerySet[Any]] = {
    "filing_websites": FilingWebsite.objects.select_related(
        "website__domain", "website__head", "service_number"
    ).order_by("position"),
    # The process's history: an operator's interventions (no state change, kept for the admin) are not in it.
    "events": FilingEvent.objects.filter(kind=FilingEvent.Kind.TRANSITION).order_by("created_at", "id"),
    "materials": Material.objects.select_related("website").order_by("created_at", "id"),
    # Always (not only for a filing MIIT texted): the same count for every filing.
    "sms_verifications": SmsVerification.objects.order_by("id"),
}


def with_detail(queryset: QuerySet[Filing]) -> QuerySet[Filing]:
    """What ``FilingSerializer`` reads, through the ORM's ``prefetch_related`` (the admin's and the tests'
    way; the API's detail loads the same rows with ``visible_filing(..., detail=True)``)."""
    return queryset.select_related(*DETAIL_RELATED).prefetch_related(
        *(Prefetch(name, queryset=rows) for name, rows in DETAIL_ROWS.items())
    )


@cache
def _visible_detail(role: str | None) -> CompiledQuery:
    """The filing by code as ``filings_visible_to`` a user of ``role`` finds it, compiled once per role."""

    def build(code: Any, user_id: Any) -> QuerySet[Filing]:
        stand_in = get_user_model()(pk=user_id, role=role)
        return filings_visible_to(stand_in).filter(code=code).select_related(*DETAIL_RELATED)[:1]

    return CompiledQuery(build, optional=("user_id",), code=marker_uuid(), user_id=marker_integer())


_DETAIL_ROWS = {
    name: CompiledQuery(
        lambda filing_id, rows=rows: rows.filter(filing_id=filing_id), filing_id=marker_integer()
    )
    for name, rows in DETAIL_ROWS.items()
}


def _prefetched(filing: Filing, name: str, rows: list[Model]) -> None:
    """``rows`` as what ``filing.<name>.all()`` answers, as ``prefetch_related`` leaves it (a later
    ``filter`` on it still queries, scoped to the filing)."""
    queryset = getattr(filing, name).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    filing._prefetched_objects_cache[name] = queryset


def visible_filing(user: Any, code: Any, *, detail: bool = False) -> Filing:
    """The filing ``code`` if ``user`` may see it, else 404 (another user's filing is not revealed).

    With ``detail``, the rows ``FilingSerializer`` reads come with it, as ``with_detail`` would fetch them,
    by queries compiled once per process (``common.compiled``): compiling the filing's query and its four
    prefetches cost more than half of the API's most read answer (issue 15, P3)."""
    if not detail:
        filing = filings_visible_to(user).filter(code=code).first()
        if filing is None:
            raise Http404
        return filing
    found = _visible_detail(getattr(user, "role", None)).objects(code=code, user_id=user.pk)
    if not found:
        raise Http404
    filing = found[0]
    filing._prefetched_objects_cache = {}
    for name, rows in _DETAIL_ROWS.items():
        _prefetched(filing, name, rows.objects(filing_id=filing.pk))
    return filing


def service_numbers_in_progress() -> QuerySet[Any]:
    """The service numbers held by websites of filings in progress (not yet approved or withdrawn): not free
    for a new filing, as ``filings.services.filing_assign_service_numbers`` decides."""
    return (
        FilingWebsite.objects.filter(service_number__isnull=False)
        .exclude(filing__state__in=CLOSED_STATES)
        .values("service_number_id")
    )

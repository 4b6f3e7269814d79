"""The floors' views, served beside the portal's own URLs while the benchmark runs (``ROOT_URLCONF``, set by
``bench.__main__`` and ``bench.wsgi``).

- ``/bench/hello/``: hello world (P3 reports it beside its floor).
- ``/bench/row/<id>/``: one filing by primary key as JSON (P3's floor; P2's floor for one filing's pages).
- ``/bench/rows/<list>/<owner>/``: one indexed query for the rows a list page shows, returned unrendered
  (P2's floor for the lists: the applicant's filings, the review queue, a specialist's inbox and archive,
  the latest filings of the admin).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path

from filings.models import REVIEW_STATES, Filing, FilingEvent

ROWS = 50  # the review queue's 50 rows (issue 15); the other lists show at most as many


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"Hello, world", content_type="text/plain")


def row(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(Filing.objects.filter(pk=pk).values().get())


def _rows(kind: str, owner: int) -> QuerySet:
    if kind == "applicant":
        return Filing.objects.filter(applicant_id=owner).order_by("-updated_at").values()
    if kind == "queue":
        return (
            Filing.objects.filter(state__in=REVIEW_STATES, claimed_by__isnull=True)
            .order_by("review_due_on", "id")
            .values()
        )
    if kind == "inbox":
        return Filing.objects.filter(claimed_by_id=owner).order_by("review_due_on", "id").values()
    if kind == "archive":
        return FilingEvent.objects.filter(actor_id=owner).order_by("-created_at").values()
    if kind == "latest":
        return Filing.objects.order_by("-updated_at").values()
    raise ValueError(kind)


def rows(request: HttpRequest, kind: str, owner: int) -> HttpResponse:
    return HttpResponse(repr(list(_rows(kind, owner)[:ROWS])), content_type="text/plain")


urlpatterns = [
    path("bench/hello/", hello),
    path("bench/row/<int:pk>/", row),
    path("bench/rows/<str:kind>/<int:owner>/", rows),
    path("", include("icp_portal.urls")),
]

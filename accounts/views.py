"""Login lands here (``home``); registration and the profile."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from entities.models import Entity
from filings.models import FilingEvent, FilingWebsite
from filings.pages.progress import next_step
from filings.pages.regions import region_name
from filings.selectors import filing_deadlines, filings_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where every account lands after login: an applicant's dashboard, or the review side's list by role."""
    filings = filings_visible_to(request.user).select_related("region", "entity")
    if not request.user.is_applicant:
        return render(request, "accounts/home.html", {"filings": filings[:50]})
    filings = filings.prefetch_related(
        Prefetch(
            "filing_websites",
            queryset=FilingWebsite.objects.select_related("website__domain").order_by("position"),
        ),
        Prefetch("events", queryset=FilingEvent.objects.order_by("created_at", "id")),
    )[:100]
    rows = []
    for filing in filings:
        words, url = next_step(filing)
        rows.append(
            {
                "filing": filing,
                "domains": [item.website.domain.name for item in filing.filing_websites.all()],
                "region": region_name(filing.region),
                "next_words": words,
                "url": url,
                "deadlines": filing_deadlines(filing),
            }
        )
    entities = (
        Entity.objects.filter(owner=request.user)
        .exclude(icp_number="")
        .prefetch_related("websites__domain")
        .order_by("name")
    )
    return render(request, "accounts/dashboard.html", {"rows": rows, "entities": entities})


def register(request: HttpRequest) -> HttpResponse:  # (being built)
    raise Http404


@login_required
def profile(request: HttpRequest) -> HttpResponse:  # (being built)
    raise Http404

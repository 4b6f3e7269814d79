from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from filings.selectors import filings_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where every account lands after login: its own filings, or the review side's, by role."""
    filings = filings_visible_to(request.user).select_related("region", "entity")[:50]
    return render(request, "accounts/home.html", {"filings": filings})

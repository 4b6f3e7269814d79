"""The review screen (review.md, "The review screen"): every fact of one filing on one page, the decisions
the state machine allows this specialist beside them, and a material at full size on a page of its own
(zoom and rotate added by ``static/portal/review_screen.js``; the page works without it)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from materials.models import Material, MaterialStatus
from reviews.pages import decisions
from reviews.pages.access import reviewers_only
from reviews.pages.screen_data import reviewed_filing


@reviewers_only
@require_GET
def review_screen(request: HttpRequest, code: Any) -> HttpResponse:
    filing = reviewed_filing(request.user, code, full=True)
    return decisions.render_screen(request, filing)


@reviewers_only
@require_GET
def material_viewer(request: HttpRequest, code: Any, material: Any) -> HttpResponse:
    """One material of the filing at full size, with the previous and next accepted ones a key away."""
    filing = reviewed_filing(request.user, code)
    accepted = list(
        Material.objects.filter(filing=filing, status=MaterialStatus.ACCEPTED).order_by("created_at", "id")
    )
    shown = next((item for item in accepted if str(item.code) == str(material)), None)
    if shown is None:
        raise Http404
    position = accepted.index(shown)
    return render(
        request,
        "reviews/screen/material.html",
        {
            "filing": filing,
            "material": shown,
            "is_image": shown.content_type.startswith("image/"),
            "previous": accepted[position - 1] if position > 0 else None,
            "next": accepted[position + 1] if position + 1 < len(accepted) else None,
            "position": position + 1,
            "count": len(accepted),
        },
    )


urlpatterns = [
    path("filings/<uuid:code>/", review_screen, name="review-filing"),
    path("filings/<uuid:code>/materials/<uuid:material>/", material_viewer, name="review-material"),
    path("filings/<uuid:code>/claim/", decisions.claim, name="review-filing-claim"),
    path("filings/<uuid:code>/approve/", decisions.approve, name="review-filing-approve"),
    path("filings/<uuid:code>/reject/", decisions.reject, name="review-filing-reject"),
    path("filings/<uuid:code>/call/", decisions.call, name="review-filing-call"),
    path("filings/<uuid:code>/mail-received/", decisions.mail_received, name="review-filing-mail-received"),
    path(
        "filings/<uuid:code>/mailing-rejected/",
        decisions.mailing_rejected,
        name="review-filing-mailing-rejected",
    ),
]

"""The review lists (review.md "Queue"): the queue (``/review/``), the inbox and the archive, with their filters
and counts, sorted by deadline and paged by keyset; and the claims posted from them: claim, release, "take
the next one", an operator's reassignment. Thin callers of ``reviews.selectors`` and the claim services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.choices import choice_label
from common.errors import ApplicationError
from common.forms import in_active_language
from entities.models import EntityNature, Region
from filings.deadlines import deadline_state
from filings.models import Filing
from filings.pages.progress import tag_kind
from filings.pages.regions import region_name
from filings.selectors import filings_visible_to
from filings.states import FilingState, FilingType
from reviews import services as review_services
from reviews.assignment import review_reassign
from reviews.claims import review_take_next
from reviews.pages.access import reviewers_only
from reviews.pages.queue_filters import ReviewFilterForm
from reviews.selectors import (
    ARCHIVE,
    INBOX,
    QUEUE,
    facet_counts,
    filter_reviews,
    review_list,
    review_page,
    with_review_facts,
)

LIST_URLS = {QUEUE: "review-queue", INBOX: "review-inbox", ARCHIVE: "review-archive"}


def screen_url(code: Any) -> str:
    return reverse("review-filing", args=[code])


@dataclass(frozen=True)
class Row:
    filing: Filing
    domains: list[str]
    region: str
    deadline: str | None  # a DeadlineState while the provider's review runs
    screen: str
    # The labels of the filing's choices, translated once a request (``get_FOO_display`` translates every
    # label of the field again for each cell).
    state: str
    state_kind: str
    filing_type: str
    nature: str


# --- The lists --------------------------------------------------------------------------------------------
@reviewers_only
@require_GET
def review_lists(request: HttpRequest, kind: str) -> HttpResponse:
    user = request.user
    now = timezone.now()
    regions = list(Region.objects.only("code", "name_zh", "name_en").order_by("code"))
    form = ReviewFilterForm(request.GET, regions=regions)
    filters = form.filters()
    filings = with_review_facts(review_list(user, kind))
    form.count_choices(facet_counts(filings, filters, now=now))
    page = review_page(
        filter_reviews(filings, filters, now=now),
        cursor=request.GET.get("after", ""),
        newest_first=kind == ARCHIVE,
    )
    today = timezone.localdate(now)
    names = {region.pk: region_name(region) for region in regions}
    rows = [
        Row(
            filing=filing,
            domains=[item.website.domain.name for item in filing.filing_websites.all()],
            region=names.get(filing.region_id, ""),
            deadline=deadline_state(filing.review_due_on, today)
            if filing.state == FilingState.PROVIDER_REVIEW
            else None,
            screen=screen_url(filing.code),
            state=choice_label(FilingState, filing.state),
            state_kind=tag_kind(filing),
            filing_type=choice_label(FilingType, filing.filing_type),
            nature=choice_label(EntityNature, filing.entity.nature),
        )
        for filing in page.rows
    ]
    next_query = request.GET.copy()
    next_query["after"] = page.next_cursor
    specialists = []
    if user.role == "operator" and kind != ARCHIVE:
        specialists = list(
            get_user_model()
            .objects.filter(role="specialist", is_active=True)
            .order_by("username")
            .values_list("username", flat=True)
        )
    return render(
        request,
        "reviews/queue/list.html",
        {
            "kind": kind,
            "form": form,
            "active_filters": form.active(),
            "filtered": bool(form.active()),
            "rows": rows,
            "next_url": f"?{next_query.urlencode()}" if page.next_cursor else "",
            "first_url": _first_page(request),
            "held": review_list(user, INBOX).count() if user.role == "specialist" else None,
            "can_claim": user.role == "specialist",
            "specialists": specialists,
            "here": request.get_full_path(),
            "tabs": [(name, reverse(url), name == kind) for name, url in LIST_URLS.items()],
        },
    )


def _first_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("after", None)
    return f"?{query.urlencode()}" if query else request.path


# --- Claims -----------------------------------------------------------------------------------------------
def _filing(request: HttpRequest, code: Any) -> Filing:
    filing = filings_visible_to(request.user).filter(code=code).first()
    if filing is None:
        raise Http404
    return filing


def _back(request: HttpRequest, default: str = "review-queue") -> HttpResponse:
    """To the list the form was posted from (``next``), or ``default``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def _refused(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    messages.error(request, in_active_language(error.message))
    return _back(request)


@reviewers_only
@require_POST
def claim(request: HttpRequest, code: Any) -> HttpResponse:
    """Take one filing from the list; a specialist who came second is told so in words."""
    filing = _filing(request, code)
    try:
        review_services.review_claim(filing=filing, by=request.user)
    except ApplicationError as error:
        return _refused(request, error)
    messages.success(request, _("You hold this filing now: nobody else can decide it."))
    return redirect(screen_url(filing.code))


@reviewers_only
@require_POST
def release(request: HttpRequest, code: Any) -> HttpResponse:
    filing = _filing(request, code)
    try:
        review_services.review_release(filing=filing, by=request.user)
    except ApplicationError as error:
        return _refused(request, error)
    messages.success(request, _("The filing is back in the queue."))
    return _back(request, "review-inbox")


@reviewers_only
@require_POST
def take_next(request: HttpRequest) -> HttpResponse:
    """Claim the filing due first in this specialist's queue and open it."""
    try:
        filing = review_take_next(by=request.user)
    except ApplicationError as error:
        return _refused(request, error)
    messages.success(request, _("You hold this filing now: nobody else can decide it."))
    return redirect(screen_url(filing.code))


@reviewers_only
@require_POST
def reassign(request: HttpRequest, code: Any) -> HttpResponse:
    """An operator hands a filing in review to a specialist."""
    filing = _filing(request, code)
    specialist = request.POST.get("specialist", "").strip()
    try:
        review_reassign(filing=filing, by=request.user, to_username=specialist)
    except ApplicationError as error:
        return _refused(request, error)
    messages.success(request, _("The filing is with %(specialist)s now.") % {"specialist": specialist})
    return _back(request)


urlpatterns = [
    path("", review_lists, {"kind": QUEUE}, name="review-queue"),
    path("inbox/", review_lists, {"kind": INBOX}, name="review-inbox"),
    path("archive/", review_lists, {"kind": ARCHIVE}, name="review-archive"),
    path("next/", take_next, name="review-next"),
    path("queue/<uuid:code>/claim/", claim, name="review-claim"),
    path("queue/<uuid:code>/release/", release, name="review-release"),
    path("queue/<uuid:code>/reassign/", reassign, name="review-reassign"),
]

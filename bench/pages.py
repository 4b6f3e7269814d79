"""The pages P1 and P2 measure, found in whatever data set the database holds, and requests to them.

For one size of websites (1 or the most a filing has, up to 10) a ``Scene`` picks an applicant's filing in
each state a page needs, the specialist holding a filing in review, and the operator; ``pages(scene)`` lists
(name, kind, user, url, floor url) for every page of issue 15's P1 list.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from filings.models import Filing, FilingEvent, FilingWebsite

STEP_PAGES = {  # a wizard step's page, for a filing in that step
    "instance_verification": "filing-instances",
    "information": "filing-information",
    "materials": "filing-materials",
    "self_check": "filing-check",
}


@dataclass(frozen=True)
class Page:
    name: str
    kind: str  # "api" or "html" (P2's bars differ)
    user: Any
    url: str
    floor: str  # the bare view's URL for the same rows (``bench.site``)


@dataclass
class Scene:
    websites: int  # websites of the chosen filings (1, or the most found)
    filings: dict[str, Filing]  # state → an applicant's filing with that many websites
    specialist: Any
    held: Filing | None  # a filing in provider review held by ``specialist``
    operator: Any


def _filing(state: str, websites: int) -> Filing | None:
    """A filing in ``state`` with exactly ``websites`` websites, else the one with the most (for 10)."""
    counted = (
        FilingWebsite.objects.filter(filing__state=state)
        .values("filing")
        .annotate(n=Count("id"))
        .order_by("-n" if websites > 1 else "n", "filing")
    )
    found = counted.filter(n=1).first() if websites == 1 else counted.filter(n__lte=websites).first()
    return Filing.objects.select_related("applicant").get(pk=found["filing"]) if found else None


def scene(websites: int) -> Scene:
    states = ["approved", "provider_review", "provider_rejected", *STEP_PAGES]
    filings = {state: found for state in states if (found := _filing(state, websites)) is not None}
    held = (
        Filing.objects.filter(state="provider_review", claimed_by__isnull=False)
        .select_related("claimed_by")
        .order_by("id")
        .first()
    )
    User = get_user_model()
    # The specialist who decided last (their archive is not empty, in any data set) holds one filing.
    decided = FilingEvent.objects.filter(actor_role="specialist").order_by("-id").values("actor").first()
    specialist = User.objects.get(pk=decided["actor"]) if decided else (held.claimed_by if held else None)
    if held is not None and held.claimed_by_id != getattr(specialist, "pk", None):
        held = Filing.objects.filter(claimed_by=specialist, state="provider_review").order_by("id").first()
    in_review = filings.get("provider_review")
    if held is None and in_review is not None and specialist is not None:
        # Every data set gets one held filing: the inbox and the review screen of its holder are measured.
        Filing.objects.filter(pk=in_review.pk).update(claimed_by=specialist, claimed_at=timezone.now())
        held = Filing.objects.get(pk=in_review.pk)
    operator = User.objects.filter(role="operator").order_by("id").first()
    if operator is not None and not operator.is_staff:  # generated operators: the admin needs staff
        User.objects.filter(pk=operator.pk).update(is_staff=True, is_superuser=True)
        operator.refresh_from_db()
    sizes = [f.filing_websites.count() for f in filings.values()]
    return Scene(max(sizes or [websites]), filings, specialist, held, operator)


def pages(scene: Scene) -> list[Page]:
    found: list[Page] = []
    approved = scene.filings.get("approved")
    if approved is not None:
        owner = approved.applicant
        found += [
            Page("applicant dashboard", "html", owner, reverse("home"), f"/bench/rows/applicant/{owner.pk}/"),
            Page(
                "filing page", "html", owner, reverse("filing-detail", args=[approved.code]), _row(approved)
            ),
            Page(
                "result page", "html", owner, reverse("filing-result", args=[approved.code]), _row(approved)
            ),
            Page("API list", "api", owner, "/api/v1/filings/", f"/bench/rows/applicant/{owner.pk}/"),
            Page("API detail", "api", owner, f"/api/v1/filings/{approved.code}/", _row(approved)),
        ]
    for state, url_name in STEP_PAGES.items():
        filing = scene.filings.get(state)
        if filing is not None:
            url = reverse(url_name, args=[filing.code])
            found.append(Page(f"wizard: {url_name}", "html", filing.applicant, url, _row(filing)))
    returned = scene.filings.get("provider_rejected")
    if returned is not None:
        url = reverse("filing-detail", args=[returned.code])
        found.append(Page("filing page, returned", "html", returned.applicant, url, _row(returned)))
    specialist, operator = scene.specialist, scene.operator
    if specialist is not None:
        found += [
            Page("review queue", "html", specialist, reverse("review-queue"), "/bench/rows/queue/0/"),
            Page(
                "review inbox",
                "html",
                specialist,
                reverse("review-inbox"),
                f"/bench/rows/inbox/{specialist.pk}/",
            ),
            Page(
                "review archive",
                "html",
                specialist,
                reverse("review-archive"),
                f"/bench/rows/archive/{specialist.pk}/",
            ),
        ]
    in_review = scene.held or scene.filings.get("provider_review")
    if in_review is not None and specialist is not None:
        url = reverse("review-filing", args=[in_review.code])
        found.append(Page("review screen", "html", specialist, url, _row(in_review)))
    if operator is not None:
        found.append(
            Page(
                "admin filing list",
                "html",
                operator,
                reverse("admin:filings_filing_changelist"),
                "/bench/rows/latest/0/",
            )
        )
        if approved is not None:
            url = reverse("admin:filings_filing_change", args=[approved.pk])
            found.append(Page("admin filing change", "html", operator, url, _row(approved)))
        with suppress(NoReverseMatch):  # the operators' dashboard (issue 15 asks for it once it exists)
            found.append(
                Page("admin dashboard", "html", operator, reverse("admin-dashboard"), "/bench/rows/latest/0/")
            )
    return found


def _row(filing: Filing) -> str:
    return f"/bench/row/{filing.pk}/"


def client_for(user: Any, kind: str) -> Client:
    """A signed-in client (a session for the pages, a token for the API), English answers."""
    if kind == "api":
        token, _created = Token.objects.get_or_create(user=user)
        return Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def count_queries(client: Client, url: str) -> tuple[int, int]:
    """(status, SQL queries) of one GET, after one warm-up request (caches, sessions)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)

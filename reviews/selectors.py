"""The review lists (review.md "Queue"), shared by the pages and the API: who sees which filings (queue, inbox,
archive), the filters, the counts beside each filter value and the keyset pages, sorted by deadline.

Every function returns a queryset or runs a fixed number of queries, whatever the number of filings: the list's
rows (one query, plus one for their websites), and one grouped query for every facet's counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from entities.models import Entity
from filings.deadlines import DeadlineState
from filings.models import REVIEW_STATES, Filing, FilingEvent, FilingWebsite
from filings.states import FilingState
from reviews.models import Finding

QUEUE, INBOX, ARCHIVE = "queue", "inbox", "archive"
LISTS = (QUEUE, INBOX, ARCHIVE)
# A specialist's decisions: the archive lists the filings they decided (four eyes' first approval included).
DECISIONS = ("approve", "approve_first", "reject", "confirm_mail_received")
# "Age": whole days since the review round started, in buckets (key, from days, up to days excluded).
AGES = (("new", 0, 1), ("days", 1, 3), ("old", 3, None))
AGE_LABELS = {"new": _("Less than a day"), "days": _("1–2 days"), "old": _("3 days or more")}
YES_NO = (("yes", _("Yes")), ("no", _("No")))
PAGE_SIZE = 25


@dataclass(frozen=True)
class ReviewFilters:
    """What a list is narrowed to; an empty value does not filter."""

    region: str = ""  # a Region code, CN-BJ
    filing_type: str = ""
    nature: str = ""
    age: str = ""  # a key of AGES
    deadline: str = ""  # a DeadlineState
    resubmission: str = ""  # yes / no
    findings: str = ""  # yes / no: automated findings in the current round

    FACETS = ("region", "filing_type", "nature", "age", "deadline", "resubmission", "findings")

    def without(self, facet: str) -> ReviewFilters:
        return replace(self, **{facet: ""})


# --- Who sees what ----------------------------------------------------------------------------------------
def review_list(user: Any, kind: str) -> QuerySet[Filing]:
    """The filings of list ``kind`` for ``user``: the queue (in review, held by nobody), the inbox (held by
    this specialist; operators: every held filing), the archive (decided by this specialist; operators: by
    any specialist). Anyone else: nothing."""
    role = getattr(user, "role", None)
    if role not in ("specialist", "operator"):
        return Filing.objects.none()
    if kind == QUEUE:
        queue = Filing.objects.filter(state__in=REVIEW_STATES, claimed_by__isnull=True)
        if role == "specialist":  # four eyes: the second approval of a round is someone else's
            queue = queue.exclude(Exists(_first_approvals_by(user)))
        return queue
    if kind == INBOX:
        if role == "operator":
            return Filing.objects.filter(claimed_by__isnull=False)
        return Filing.objects.filter(claimed_by=user)
    if kind == ARCHIVE:
        decisions = FilingEvent.objects.filter(
            filing=OuterRef("pk"), transition__in=DECISIONS, actor_role="specialist"
        )
        if role != "operator":
            decisions = decisions.filter(actor=user)
        return Filing.objects.filter(Exists(decisions))
    raise ValueError(kind)


def _round_start() -> QuerySet[FilingEvent]:
    """The event that started the current review round of the filing ``OuterRef("pk")``."""
    return (
        FilingEvent.objects.filter(filing=OuterRef("pk"), to_state=FilingState.PROVIDER_REVIEW)
        .exclude(from_state=FilingState.PROVIDER_REVIEW)
        .order_by("-created_at", "-id")
    )


def _first_approvals_by(user: Any) -> QuerySet[FilingEvent]:
    start = FilingEvent.objects.filter(
        filing=OuterRef(OuterRef("pk")), to_state=FilingState.PROVIDER_REVIEW
    ).exclude(from_state=FilingState.PROVIDER_REVIEW)
    return FilingEvent.objects.filter(
        filing=OuterRef("pk"),
        transition="approve_first",
        actor=user,
        id__gt=Coalesce(Subquery(start.order_by("-created_at", "-id").values("id")[:1]), 0),
    )


def _this_round_findings() -> QuerySet[Finding]:
    """The automated findings of the current round of the filing ``OuterRef("pk")``."""
    return Finding.objects.filter(filing=OuterRef("pk"), review_round=OuterRef("review_round"))


def with_review_facts(queryset: QuerySet[Filing]) -> QuerySet[Filing]:
    """What the filters read: when the round started, whether it has automated findings."""
    started = _round_start().values("created_at")[:1]
    # Aliases, not annotations: only a filter that asks reads them (the rows shown do not).
    return queryset.alias(review_started_at=Subquery(started), has_findings=Exists(_this_round_findings()))


ROW_FIELDS = (
    "code",
    "state",
    "filing_type",
    "region",
    "review_round",
    "review_due_on",
    "escalated_at",
    "entity__name",
    "entity__nature",
    "claimed_by__username",
)


def with_rows(queryset: QuerySet[Filing]) -> QuerySet[Filing]:
    """What a list's row shows (``ROW_FIELDS``: the region is named from the regions the page reads): entity,
    holder, websites with their domains, findings counted."""
    this_round = Finding.objects.filter(filing=OuterRef("pk"), review_round=OuterRef("review_round"))

    def counted(findings: QuerySet[Finding]) -> Any:
        return Coalesce(
            Subquery(findings.order_by().values("filing").annotate(n=Count("pk")).values("n")[:1]), 0
        )

    open_blocking = this_round.filter(severity=Finding.Severity.BLOCKING, resolution="")
    # Only the columns a row shows: building a page's 300 model instances from every column (the region's
    # 25 rules, the entity's certificate) cost more than the queries.
    websites = (
        FilingWebsite.objects.select_related("website__domain")
        .only("filing", "position", "website", "website__domain__name")
        .order_by("position")
    )
    return (
        queryset.select_related("entity", "claimed_by")
        .only(*ROW_FIELDS)
        .annotate(findings_count=counted(this_round), blocking_open=counted(open_blocking))
        .prefetch_related(Prefetch("filing_websites", queryset=websites))
    )


# --- Filters and their counts -----------------------------------------------------------------------------
def _deadline_q(state: str, today: dt.date) -> Q:
    in_review = Q(state=FilingState.PROVIDER_REVIEW)
    if state == DeadlineState.OVERDUE:
        return in_review & Q(review_due_on__lt=today)
    if state == DeadlineState.DUE_TODAY:
        return in_review & Q(review_due_on=today)
    if state == DeadlineState.ON_TIME:
        return in_review & Q(review_due_on__gt=today)
    return Q()


def _age_q(key: str, now: dt.datetime, field: str = "review_started_at") -> Q:
    for name, from_days, to_days in AGES:
        if name == key:
            q = Q(**{f"{field}__lte": now - dt.timedelta(days=from_days)})
            if to_days is not None:
                q &= Q(**{f"{field}__gt": now - dt.timedelta(days=to_days)})
            return q
    return Q()


def _yes_no_q(value: str, q: Q) -> Q:
    return q if value == "yes" else ~q if value == "no" else Q()


def _facet_q(facet: str, value: str, *, now: dt.datetime) -> Q:
    if not value:
        return Q()
    if facet == "region":
        return Q(region__code=value)
    if facet == "filing_type":
        return Q(filing_type=value)
    if facet == "nature":
        return Q(entity__nature=value)
    if facet == "age":
        return _age_q(value, now)
    if facet == "deadline":
        return _deadline_q(value, timezone.localdate(now))
    if facet == "resubmission":
        return _yes_no_q(value, Q(review_round__gt=1))
    if facet == "findings":
        return _yes_no_q(value, Q(has_findings=True))
    raise ValueError(facet)


def filter_reviews(
    queryset: QuerySet[Filing], filters: ReviewFilters, *, now: dt.datetime | None = None
) -> QuerySet[Filing]:
    """``queryset`` (annotated by ``with_review_facts``) narrowed to ``filters``."""
    now = now or timezone.now()
    for facet in ReviewFilters.FACETS:
        queryset = queryset.filter(_facet_q(facet, getattr(filters, facet), now=now))
    return queryset


def _facet_keys(queryset: QuerySet[Filing], now: dt.datetime) -> QuerySet[Filing]:
    """``queryset`` grouped by every facet's value at once: (region code, filing type, nature, age, deadline,
    resubmission, findings, filings). A facet's value is "" where a filing has none (no round start, not in
    provider review); each filter of ``filter_reviews`` is equality on one of these keys."""
    today = timezone.localdate(now)

    def case(values: dict[str, Any], default: str = "") -> Case:
        whens = [When(q, then=Value(key)) for key, q in values.items()]
        return Case(*whens, default=Value(default), output_field=CharField())

    # The round start's age in one correlated subquery a filing (an annotation compared three times would be
    # run three times).
    age = Subquery(
        _round_start()
        .annotate(age=case({key: _age_q(key, now, "created_at") for key, *_days in AGES}))
        .values("age")[:1]
    )
    return (
        queryset.order_by()
        # A finding of the round looked up a filing: PostgreSQL runs an EXISTS here as a hash of every finding.
        .alias(first_finding=Subquery(_this_round_findings().order_by().values("pk")[:1]))
        .annotate(
            # The entity's nature looked up by its key a filing: a join lets PostgreSQL read every entity.
            facet_nature=Subquery(Entity.objects.filter(pk=OuterRef("entity_id")).values("nature")[:1]),
            facet_age=Coalesce(age, Value("")),
            facet_deadline=case({state: _deadline_q(state, today) for state in DeadlineState.values}),
            facet_resubmission=case({"yes": Q(review_round__gt=1)}, default="no"),
            facet_findings=case({"yes": Q(first_finding__gt=0)}, default="no"),  # none: NULL
        )
        .values_list(
            "region__code",
            "filing_type",
            "facet_nature",
            "facet_age",
            "facet_deadline",
            "facet_resubmission",
            "facet_findings",
        )
        .annotate(filings=Count("pk"))
    )


def facet_counts(
    queryset: QuerySet[Filing], filters: ReviewFilters, *, now: dt.datetime | None = None
) -> dict[str, dict[str, int]]:
    """For each facet, how many filings each of its values would show with the other filters as they are.

    1. One query groups the list by every facet's value at once (``_facet_keys``): as many rows as there are
       combinations of values, whatever the number of filings.
    2. A facet's counts add up the groups that every other filter in force lets through: each filter is
       equality on its facet's value, so this is the count its own query would give.
    """
    now = now or timezone.now()
    facets = ReviewFilters.FACETS
    chosen = [getattr(filters, facet) for facet in facets]
    counts: dict[str, dict[str, int]] = {facet: {} for facet in facets}
    for values_and_count in _facet_keys(queryset, now):
        values, filings = values_and_count[:-1], values_and_count[-1]
        missed = [
            i
            for i, (value, wanted) in enumerate(zip(values, chosen, strict=True))
            if wanted and value != wanted
        ]
        if len(missed) > 1:
            continue
        for i, facet in enumerate(facets):
            if not missed or missed == [i]:  # a facet's own filter does not narrow its counts
                counts[facet][values[i]] = counts[facet].get(values[i], 0) + filings
    for facet, keys in (
        ("age", [key for key, *_days in AGES]),
        ("deadline", list(DeadlineState.values)),
        ("resubmission", ["yes", "no"]),
        ("findings", ["yes", "no"]),
    ):
        counts[facet] = {key: counts[facet].get(key, 0) for key in keys}
    return counts


# --- Keyset pages ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewPage:
    rows: list[Filing]
    next_cursor: str  # "" on the last page


def _cursor(filing: Filing) -> str:
    return f"{filing.review_due_on.isoformat() if filing.review_due_on else 'none'}.{filing.pk}"


def _parse_cursor(cursor: str) -> tuple[dt.date | None, int] | None:
    """``<due date or none>.<id>``, or None for anything else (a tampered cursor shows the first page)."""
    due_text, _dot, id_text = (cursor or "").partition(".")
    try:
        due = None if due_text == "none" else dt.date.fromisoformat(due_text)
        return due, int(id_text)
    except ValueError:
        return None


def review_page(
    queryset: QuerySet[Filing], *, cursor: str = "", size: int = PAGE_SIZE, newest_first: bool = False
) -> ReviewPage:
    """One page of ``queryset`` by deadline, then id (filings without a deadline last), with what its rows
    show (``with_rows``); ``cursor`` is the last row of the page before. ``newest_first`` turns the order
    round (the archive)."""
    if newest_first:
        ordering = [F("review_due_on").desc(nulls_last=True), F("id").desc()]
    else:
        ordering = [F("review_due_on").asc(nulls_last=True), F("id").asc()]
    position = _parse_cursor(cursor)
    if position is not None:
        due, last_id = position
        later_id = Q(id__lt=last_id) if newest_first else Q(id__gt=last_id)
        if due is None:
            queryset = queryset.filter(Q(review_due_on__isnull=True) & later_id)
        else:
            later_due = Q(review_due_on__lt=due) if newest_first else Q(review_due_on__gt=due)
            queryset = queryset.filter(
                later_due | Q(review_due_on=due) & later_id | Q(review_due_on__isnull=True)
            )
    # The page's filings are picked first and their rows read for them alone: an archive of thousands of
    # filings is sorted on two columns, not joined to its entities, regions and holders before the sort.
    page = queryset.order_by(*ordering).values("pk")[: size + 1]
    rows = list(with_rows(Filing.objects.filter(pk__in=Subquery(page))).order_by(*ordering))
    more = len(rows) > size
    rows = rows[:size]
    return ReviewPage(rows=rows, next_cursor=_cursor(rows[-1]) if more else "")


def next_in_queue(user: Any) -> QuerySet[Filing]:
    """The user's queue, the one due first first ("take the next one")."""
    return review_list(user, QUEUE).order_by(F("review_due_on").asc(nulls_last=True), "id")

"""Every figure of the operators' dashboard, computed by the periodic job (never by the page).

Each query is an aggregate or reads a bounded window through an index (``FilingEvent.created_at``,
``Filing.state`` / ``review_due_on``, ``Material`` (status, created_at), the outbox's pending index), so the job
stays a few seconds at 100,000 filings. The result is plain JSON: codes and numbers; the page turns codes
into words in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from entities.models import EntityNature, Region
from filings.deadlines import provider_review_due
from filings.models import Filing, FilingEvent
from filings.states import FilingState, FilingType
from materials.models import Material, MaterialStatus
from materials.tasks import MATERIAL_PROCESSING_GRACE, MAX_PROCESSING_ATTEMPTS
from notifications.models import Notification
from reviews.findings import SWEEP_GRACE
from reviews.models import FindingRun

S = FilingState

# Times in each state and MIIT's decisions: what happened in this many days (the flow now, not since 2004).
WINDOW_DAYS = 90
# Provider-review deadlines: this many weeks, the current one last.
DEADLINE_WEEKS = 12
# A review round lasts at most a few weeks of working days: exits this much before the first week's Monday
# may still belong to a round due in it.
_LONGEST_ROUND = dt.timedelta(days=35)
# Leaving provider review by a decision; a withdrawal there has no deadline to meet.
_DECIDED_FROM_REVIEW = ~Q(to_state__in=[S.PROVIDER_REVIEW, S.WITHDRAWN])
_MIIT_REJECTIONS = ("miit_reject", "expire_sms")


def dashboard_compute(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """The summary the page shows (``DashboardSummary.data``)."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=WINDOW_DAYS)
    return {
        "window_days": WINDOW_DAYS,
        "filings": filing_counts(),
        "time_in_state": time_in_state(since=since),
        "deadlines": review_deadlines(today=timezone.localdate(now)),
        "miit": miit_outcomes(since=since),
        "jobs": jobs_waiting(now=now),
    }


# --- Filings now --------------------------------------------------------------------------------------------
def filing_counts() -> dict[str, Any]:
    """How many filings there are by state, region, type and nature ([code, count] lists, every state and
    type present; regions by count)."""
    by_state = _grouped(Filing.objects, "state")
    by_type = _grouped(Filing.objects, "filing_type")
    by_nature = _grouped(Filing.objects, "entity__nature")
    by_region_id = _grouped(Filing.objects, "region_id")
    codes = dict(Region.objects.filter(pk__in=by_region_id).values_list("pk", "code"))
    by_region = sorted(
        ((codes[pk], n) for pk, n in by_region_id.items()), key=lambda item: (-item[1], item[0])
    )
    return {
        "total": sum(by_state.values()),
        "by_state": [[state, by_state.get(state, 0)] for state in S.values],
        # "" is a filing whose type step 1 has not decided yet.
        "by_type": [[kind, by_type.get(kind, 0)] for kind in [*FilingType.values, ""]],
        "by_nature": [[nature, by_nature.get(nature, 0)] for nature in EntityNature.values],
        "by_region": [list(item) for item in by_region],
    }


def _grouped(queryset: Any, field: str) -> dict[Any, int]:
    """``field`` value → how many rows, in one GROUP BY."""
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))


# --- Time spent in each state -------------------------------------------------------------------------------
def _earlier() -> Q:
    """Events of the same filing before the outer one (ties in time broken by id, as the timeline orders)."""
    return Q(created_at__lt=OuterRef("created_at")) | Q(
        created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")
    )


def _entered(state_ref: Any) -> Subquery:
    """When the filing last entered ``state_ref`` before the outer event (a self-loop such as ``approve_first``
    does not start a new stay)."""
    entries = (
        FilingEvent.objects.filter(_earlier(), filing=OuterRef("filing"), to_state=state_ref)
        .exclude(from_state=F("to_state"))
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return Subquery(entries)


def time_in_state(*, since: dt.datetime) -> dict[str, dict[str, float | int]]:
    """Median and 90th percentile of the completed stays in each state that ended since ``since`` (seconds).

    A stay starts with the event that entered the state (step 1's with the filing's creation) and ends with
    the next event that left it; stays still going are not counted.
    """
    exits = (
        FilingEvent.objects.filter(created_at__gte=since)
        .exclude(from_state=F("to_state"))
        .annotate(entered_at=_entered(OuterRef("from_state")))
        .values_list("from_state", "created_at", "entered_at", "filing__created_at")
    )
    durations: dict[str, list[float]] = defaultdict(list)
    for state, left_at, entered_at, filing_created_at in exits.iterator(chunk_size=2000):
        if entered_at is None and state == S.TYPE_DETECTION:
            entered_at = filing_created_at
        if entered_at is not None:
            durations[state].append((left_at - entered_at).total_seconds())
    summary = {}
    for state in S.values:
        values = sorted(durations.get(state, ()))
        if values:
            summary[state] = {
                "stays": len(values),
                "median": percentile(values, 0.5),
                "p90": percentile(values, 0.9),
            }
    return summary


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (PostgreSQL's ``percentile_cont``)."""
    position = (len(sorted_values) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * (position - lower)


# --- Provider-review deadlines ------------------------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def _due(entered: dt.date) -> dt.date:
    return provider_review_due(entered)


def review_deadlines(*, today: dt.date) -> list[dict[str, Any]]:
    """Per week (by the day the round was due, Monday first): rounds decided on or before their day (met),
    and rounds decided after it or still undecided past it (missed)."""
    this_monday = today - dt.timedelta(days=today.weekday())
    mondays = [this_monday - dt.timedelta(weeks=back) for back in range(DEADLINE_WEEKS - 1, -1, -1)]
    met: Counter[dt.date] = Counter()
    missed: Counter[dt.date] = Counter()

    def week_of(day: dt.date) -> dt.date:
        return day - dt.timedelta(days=day.weekday())

    start = timezone.make_aware(dt.datetime.combine(mondays[0], dt.time.min)) - _LONGEST_ROUND
    decided = (
        FilingEvent.objects.filter(_DECIDED_FROM_REVIEW, from_state=S.PROVIDER_REVIEW, created_at__gte=start)
        .annotate(entered_at=_entered(S.PROVIDER_REVIEW))
        .values_list("created_at", "entered_at")
    )
    for decided_at, entered_at in decided.iterator(chunk_size=2000):
        if entered_at is None:
            continue
        # The round's day as ``start_review_round`` set it when the round began.
        due = _due(timezone.localdate(entered_at))
        (met if timezone.localdate(decided_at) <= due else missed)[week_of(due)] += 1
    # Rounds still in review past their day: missed already.
    overdue = Filing.objects.filter(
        state=S.PROVIDER_REVIEW, review_due_on__gte=mondays[0], review_due_on__lt=today
    ).values_list("review_due_on", flat=True)
    for due in overdue.iterator(chunk_size=2000):
        missed[week_of(due)] += 1
    return [{"week": monday.isoformat(), "met": met[monday], "missed": missed[monday]} for monday in mondays]


# --- MIIT's decisions ---------------------------------------------------------------------------------------
def miit_outcomes(*, since: dt.datetime) -> dict[str, Any]:
    """MIIT's approvals and returns since ``since``, the returns counted by reason (a return with two reasons
    counts under both); an expired SMS verification is MIIT's return too."""
    events = FilingEvent.objects.filter(created_at__gte=since)
    approvals = events.filter(transition="miit_approve").count()
    reasons: Counter[str] = Counter()
    messages: dict[str, str] = {}
    rejections = 0
    for event_reasons in events.filter(transition__in=_MIIT_REJECTIONS).values_list("reasons", flat=True):
        rejections += 1
        for reason in event_reasons or [{"code": "unknown"}]:
            code = str(reason.get("code") or "unknown")
            reasons[code] += 1
            messages.setdefault(code, str(reason.get("message", "")))
    return {
        "approvals": approvals,
        "rejections": rejections,
        "by_reason": [
            [code, n, messages[code]] for code, n in sorted(reasons.items(), key=lambda i: (-i[1], i[0]))
        ],
    }


# --- Jobs and deliveries ------------------------------------------------------------------------------------
def jobs_waiting(*, now: dt.datetime) -> dict[str, Any]:
    """Work the jobs have not done: uploads stuck in processing (and those the sweep gave up on), review
    rounds without findings, and the outbox's failed and waiting deliveries by channel."""
    stuck = Material.objects.filter(
        status=MaterialStatus.PROCESSING, created_at__lt=now - MATERIAL_PROCESSING_GRACE
    )
    findings_done = FindingRun.objects.filter(filing=OuterRef("pk"), review_round=OuterRef("review_round"))
    findings_missing = (
        Filing.objects.filter(state=S.PROVIDER_REVIEW, updated_at__lt=now - SWEEP_GRACE)
        .exclude(Exists(findings_done))
        .count()
    )
    failed = _grouped(Notification.objects.filter(failed_at__isnull=False), "channel")
    waiting = _grouped(Notification.objects.filter(sent_at__isnull=True, failed_at__isnull=True), "channel")
    return {
        "materials_stuck": stuck.count(),
        "materials_given_up": stuck.filter(attempts__gte=MAX_PROCESSING_ATTEMPTS).count(),
        "findings_missing": findings_missing,
        "deliveries_failed": dict(failed),
        "deliveries_waiting": dict(waiting),
    }

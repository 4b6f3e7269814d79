"""Every figure of the operators' dashboard, computed by the periodic job (never by the page).

Counts are GROUP BY aggregates; each stay in a state is paired with its end by a window over the events in
the database (``_stays``), which ships only lengths and days; the rest goes through indexes
(``FilingEvent.created_at``, ``Filing.state`` / ``review_due_on``, ``Material`` (status, created_at), the
outbox's pending index). The result is plain JSON, codes and numbers; the page turns codes into words in the
reader's language.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Window
from django.db.models.functions import Lead, TruncDate
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
def _stays() -> Any:
    """Each state change with the next one of the same filing, computed by the database (a window over the
    events, self-loops such as ``approve_first`` and interventions that change no state left out): a stay in
    ``to_state`` from ``created_at`` to ``left_at``, kept only when the next change leaves that very state."""
    order = [F("created_at").asc(), F("pk").asc()]
    return (
        FilingEvent.objects.filter(kind=FilingEvent.Kind.TRANSITION)
        .exclude(from_state=F("to_state"))
        .annotate(
            left_at=Window(Lead("created_at"), partition_by=[F("filing_id")], order_by=order),
            next_from=Window(Lead("from_state"), partition_by=[F("filing_id")], order_by=order),
            next_to=Window(Lead("to_state"), partition_by=[F("filing_id")], order_by=order),
        )
        .filter(next_from=F("to_state"))
        .order_by()
    )


def time_in_state(*, since: dt.datetime) -> dict[str, dict[str, float | int]]:
    """Median and 90th percentile of the stays in each state that ended since ``since`` (seconds); step 1's
    stay runs from the filing's creation. Stays still going are not counted."""
    stay = ExpressionWrapper(F("left_at") - F("created_at"), output_field=DurationField())
    later = _stays().filter(left_at__gte=since).annotate(stay=stay).values_list("to_state", "stay")
    first_step = ExpressionWrapper(F("created_at") - F("filing__created_at"), output_field=DurationField())
    step_one = (
        FilingEvent.objects.filter(from_state=S.TYPE_DETECTION, created_at__gte=since)
        .exclude(to_state=S.TYPE_DETECTION)
        .annotate(stay=first_step)
        .order_by()
        .values_list("from_state", "stay")
    )
    durations: dict[str, list[float]] = defaultdict(list)
    for rows in (later, step_one):
        for state, length in rows.iterator(chunk_size=5000):
            durations[state].append(length.total_seconds())
    return {
        state: {"stays": len(values), "median": percentile(values, 0.5), "p90": percentile(values, 0.9)}
        for state in S.values
        if (values := sorted(durations.get(state, ())))
    }


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


def _week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def review_deadlines(*, today: dt.date) -> list[dict[str, Any]]:
    """Per week (by the day the round was due, Monday first): rounds decided on or before their day (met),
    and rounds decided after it or still undecided past it (missed). A withdrawal has no deadline to meet."""
    this_monday = _week_of(today)
    mondays = [this_monday - dt.timedelta(weeks=back) for back in range(DEADLINE_WEEKS - 1, -1, -1)]
    start = timezone.make_aware(dt.datetime.combine(mondays[0], dt.time.min)) - _LONGEST_ROUND
    rounds = (
        _stays()
        # On the window's columns, so the filter applies after the window (a filter on ``to_state`` would
        # drop the other events before it, and with them the ends of the stays).
        .filter(next_from=S.PROVIDER_REVIEW, left_at__gte=start)
        .exclude(next_to=S.WITHDRAWN)
        # Local days, as ``start_review_round`` set the round's day when it began.
        .annotate(entered_on=TruncDate("created_at"), decided_on=TruncDate("left_at"))
        .values_list("entered_on", "decided_on")
    )
    met: Counter[dt.date] = Counter()
    missed: Counter[dt.date] = Counter()
    for (entered_on, decided_on), count in Counter(rounds.iterator(chunk_size=5000)).items():
        due = _due(entered_on)
        (met if decided_on <= due else missed)[_week_of(due)] += count
    # Rounds still in review past their day: missed already.
    overdue = Filing.objects.filter(
        state=S.PROVIDER_REVIEW, review_due_on__gte=mondays[0], review_due_on__lt=today
    ).values_list("review_due_on", flat=True)
    for due in overdue.iterator(chunk_size=5000):
        missed[_week_of(due)] += 1
    return [{"week": monday.isoformat(), "met": met[monday], "missed": missed[monday]} for monday in mondays]


# --- MIIT's decisions ---------------------------------------------------------------------------------------
def miit_outcomes(*, since: dt.datetime) -> dict[str, Any]:
    """MIIT's approvals and returns since ``since``, the returns counted by reason (a return with two reasons
    counts under both); an expired SMS verification is MIIT's return too."""
    events = FilingEvent.objects.filter(created_at__gte=since).order_by()
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
    by_reason = sorted(reasons.items(), key=lambda item: (-item[1], item[0]))
    return {
        "approvals": approvals,
        "rejections": rejections,
        "by_reason": [[code, n, messages[code]] for code, n in by_reason],
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

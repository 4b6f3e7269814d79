"""The one write of the dashboard: compute the figures and replace the summary row."""

from __future__ import annotations

import datetime as dt
import time

from django.utils import timezone

from icp_portal.dashboard.compute import dashboard_compute
from icp_portal.dashboard.models import DashboardSummary

FLOW = "flow"


def dashboard_refresh(*, now: dt.datetime | None = None) -> DashboardSummary:
    """Compute every figure and store them as the ``flow`` summary (idempotent: a second run replaces the first
    with the same or newer figures)."""
    now = now or timezone.now()
    started = time.monotonic()
    data = dashboard_compute(now=now)
    summary, _created = DashboardSummary.objects.update_or_create(
        key=FLOW,
        defaults={
            "data": data,
            "computed_at": now,
            "duration_ms": round((time.monotonic() - started) * 1000),
        },
    )
    return summary


def dashboard_summary() -> DashboardSummary | None:
    """The figures as last computed, or None before the first run (one indexed row)."""
    return DashboardSummary.objects.filter(key=FLOW).first()

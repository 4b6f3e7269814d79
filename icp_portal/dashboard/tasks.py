"""The dashboard's job (scheduled in ``icp_portal/celery.py``, every 5 minutes)."""

from __future__ import annotations

from celery import shared_task

from icp_portal.dashboard.services import dashboard_refresh


@shared_task(acks_late=True)
def dashboard_refresh_task() -> None:
    """Recompute the operators' dashboard (a run lost or doubled is harmless: each replaces the summary)."""
    dashboard_refresh()

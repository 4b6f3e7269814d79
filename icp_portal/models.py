"""The top floor's own tables: the operators' dashboard summary (``icp_portal/dashboard/``)."""

from __future__ import annotations

from icp_portal.dashboard.models import DashboardSummary

__all__ = ["DashboardSummary"]

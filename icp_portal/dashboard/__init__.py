"""The operators' flow dashboard (``/admin/dashboard/``).

A periodic job (``tasks.dashboard_refresh_task``, every 5 minutes) computes every figure once
(``compute.dashboard_compute``) into one ``DashboardSummary`` row; the page only reads that row, so it costs
the same at 100 filings as at 100,000.
"""

"""The review pages, under ``review/`` (``icp_portal/urls.py``): each page group's own ``urlpatterns``."""

from __future__ import annotations

from reviews.pages import queue, screen

urlpatterns = [
    *queue.urlpatterns,
    *screen.urlpatterns,
]

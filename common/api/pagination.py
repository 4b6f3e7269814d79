"""Keyset (cursor) pagination for every API list."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class CursorPage(CursorPagination):
    """Keyset pagination: a list of 100,000 rows costs what a list of 10 does, and no row is skipped or
    repeated while rows are added."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-created_at", "-id")

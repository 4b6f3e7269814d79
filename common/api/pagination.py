"""Keyset (cursor) pagination for every API list."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class CursorPage(CursorPagination):
    """Keyset pagination: a list of 100,000 rows costs what a list of 10 does, and no row is skipped or
    repeated while rows are added.

    A ``page_size`` or ``cursor`` that is not one is a 400 naming it: DRF would silently use the default
    size, and answer a bad cursor with a 404 as if the list did not exist. A size above the maximum is
    capped (DRF's documented behaviour; the answer's ``next`` link goes on)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    ordering = ("-created_at", "-id")

    def get_page_size(self, request: Any) -> int:
        sent = request.query_params.get(self.page_size_query_param)
        if sent is None:
            return self.page_size
        try:
            size = int(sent)
        except ValueError:
            size = 0
        if size < 1:
            message = _("A page size is a whole number from 1 to %(maximum)d.") % {
                "maximum": self.max_page_size
            }
            raise ValidationError({self.page_size_query_param: [message]}, code="invalid")
        return min(size, self.max_page_size)

    def decode_cursor(self, request: Any) -> Any:
        try:
            return super().decode_cursor(request)
        except NotFound as exc:
            message = _("This is not a cursor: follow a list's next or previous link.")
            raise ValidationError({self.cursor_query_param: [message]}, code="invalid") from exc

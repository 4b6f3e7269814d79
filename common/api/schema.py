"""The OpenAPI schema class: every operation documents the error answers it can give, in the one shape."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.parsers import MultiPartParser

from common.api import ErrorSerializer

ERROR_DESCRIPTIONS = {
    "400": "Invalid input, or a transition whose conditions the data does not meet (field paths in `fields`)",
    "401": "Not authenticated",
    "403": "Not allowed for this caller",
    "404": "Not found (also another user's filing: its existence is not revealed)",
    "409": "Not possible in the filing's current state, or another request won the race",
    "413": "File too large",
    "415": "File type not accepted",
    "429": "Rate limit reached (see `Retry-After`)",
    "503": "An outside service (MIIT, face verification) is unavailable; try again",
}


class ApiSchema(AutoSchema):
    """Every operation documents the error answers it can give, all in the one error shape.

    A view replaces the set with ``error_statuses``, or adds to it with ``extra_error_statuses`` (tuples of
    status strings); 413 comes with multipart uploads, 415 with every request body, 429 with a rate limit.
    """

    def _error_statuses(self) -> tuple[str, ...]:
        declared = getattr(self.view, "error_statuses", None)
        if declared is not None:
            return tuple(declared)
        statuses = ["400", "401", "403", "404"]
        if self.method not in ("GET", "HEAD", "DELETE"):
            statuses += ["409", "415"]
            if any(issubclass(parser, MultiPartParser) for parser in self.view.parser_classes):
                statuses.append("413")
        if getattr(self.view, "throttle_scope", None):
            statuses.append("429")
        statuses += getattr(self.view, "extra_error_statuses", ())
        return tuple(dict.fromkeys(statuses))

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for status in self._error_statuses():
            if status not in responses:
                responses[status] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[status]), status
                )
        return responses

"""The one application error type. Services raise it; one handler per interface maps it to HTTP or a form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class ApplicationError(Exception):
    """A refusal a user can act on: a code, a message and the fields at fault (``entity.head.mobile``)."""

    status = 400

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        fields: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        self.code = code
        self.fields: dict[str, list[str]] = {
            key: [str(m) for m in value] for key, value in (fields or {}).items()
        }

    def as_dict(self) -> dict[str, object]:
        return {"error": {"code": self.code, "message": self.message, "fields": self.fields}}


class TransitionConflict(ApplicationError):
    """The transition is not available in the filing's current state, or another request won the race."""

    status = 409


class NotPermitted(ApplicationError):
    """The actor may not run this transition (an applicant cannot approve, a specialist cannot submit)."""

    status = 403


class ServiceUnavailable(Exception):
    """An outside system cannot be reached now; transient: a job may retry it (``retried_task``), and the API's
    handler answers it with 503 ``provider_unavailable``. Each gateway's "unavailable" error derives from it."""

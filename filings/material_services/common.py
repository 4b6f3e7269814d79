"""What the upload and the face-verification services share: their errors and the step they edit."""

from __future__ import annotations

from typing import Any

from common.errors import ApplicationError
from filings.models import Filing
from filings.services import run_transition
from filings.states import FilingState

S = FilingState
RETURNED_STATES = (S.PROVIDER_REJECTED, S.MIIT_REJECTED)


class ProviderUnavailable(ApplicationError):
    status = 503


def reopen_materials(filing: Filing, *, by: Any) -> None:
    """A change in ``self_check`` sends the filing back to ``materials``; returned filings edit in place."""
    if filing.state == S.SELF_CHECK:
        step = S.MATERIALS
        run_transition(filing, "reopen", by=by, arguments={"step": step}, payload={"step": step})

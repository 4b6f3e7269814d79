"""Helpers the step services share: ownership, which steps may still change, re-opening an earlier step."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import NotPermitted, TransitionConflict
from filings.models import Filing, FilingWebsite
from filings.services.transitions import run_transition
from filings.states import APPLICANT_STEPS, RETURNED_STATES, FilingState

S = FilingState


def websites_of(filing: Filing) -> list[FilingWebsite]:
    return list(filing.filing_websites.select_related("website", "website__domain", "website__head"))


def require_owner(filing: Filing, by: Any) -> None:
    if getattr(by, "pk", None) != filing.applicant_id:
        raise NotPermitted(_("Only the applicant can change this filing."), code="not_permitted")


def require_editable(filing: Filing, *, step: str) -> None:
    """Data of a step can change while the filing is at or past that step in the wizard, or returned."""
    returned = filing.state in RETURNED_STATES
    in_wizard = filing.state in APPLICANT_STEPS and APPLICANT_STEPS.index(
        filing.state
    ) >= APPLICANT_STEPS.index(step)
    if not (returned or in_wizard):
        raise TransitionConflict(
            _("This information cannot change while the filing is in “%(state)s”.")
            % {"state": filing.get_state_display()},
            code="not_editable",
        )


def reopen_if_past(filing: Filing, *, by: Any, step: str) -> None:
    """Editing an earlier step's data before ``submit`` moves the filing back to that step.

    Every save of a step's data passes here, so the filing is touched too: the idle-filing reminders and the
    45-day withdrawal (``filings/reminders.py``) count from the applicant's last work, not only from the
    last transition."""
    Filing.objects.filter(pk=filing.pk).update(updated_at=timezone.now())
    filing.refresh_from_db(fields=["state"])
    if filing.state in APPLICANT_STEPS and APPLICANT_STEPS.index(filing.state) > APPLICANT_STEPS.index(step):
        updated = run_transition(filing, "reopen", by=by, arguments={"step": step}, payload={"step": step})
        filing.refresh_from_db(fields=["state"])
        assert updated.state == step


class MaterialsStepRules:
    """The filing's rules for step 4, handed to the materials app (``materials.services.editing``) by
    ``FilingsConfig.ready()``: that app sits below this one and does not import it."""

    def require_owner(self, filing: Filing, by: Any) -> None:
        require_owner(filing, by)

    def require_editable(self, filing: Filing) -> None:
        require_editable(filing, step=S.MATERIALS)

    def reopen(self, filing: Filing, *, by: Any) -> None:
        reopen_if_past(filing, by=by, step=S.MATERIALS)

    def is_returned(self, filing: Filing) -> bool:
        return filing.state in RETURNED_STATES


def step_is_editable(filing: Filing, *, step: str) -> bool:
    """What ``require_editable`` allows, asked without raising: the pages show a step's form or its data."""
    try:
        require_editable(filing, step=step)
    except TransitionConflict:
        return False
    return True

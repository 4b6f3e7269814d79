"""Steps 6 and 7 on the filing's side: the provider's decisions and the mailed materials. The review
workspace (``reviews/services.py``) checks reasons and claims and calls these."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ApplicationError, TransitionConflict
from filings.conditions import first_approval, four_eyes_satisfied, second_approval_needed
from filings.models import Filing
from filings.services.common import require_owner
from filings.services.transitions import available_transition, run_transition
from filings.states import FilingState

S = FilingState


# --- Steps 6–7: the provider's decisions (called by reviews.services, which checks reasons and findings) --
def filing_approve(
    *, filing: Filing, by: Any, note: str = "", overrides: list[dict[str, str]] = ()
) -> Filing:
    """Approve: ``approve_first`` while the first of two approvals is due (four eyes; the filing stays in
    provider review, unclaimed), ``approve`` otherwise. A filing still in provider review afterwards got its
    first approval. Each is an event with the specialist, the time, the note and the overrides."""
    name = approval_transition(filing, by=by)
    payload = {k: v for k, v in (("note", note), ("overrides", list(overrides))) if v}

    def hand_in_actor(locked: Filing) -> None:
        locked.acting_user = by  # read by the four-eyes conditions

    return run_transition(filing, name, by=by, payload=payload, prepare=hand_in_actor)


def approval_transition(filing: Filing, *, by: Any) -> str:
    """The approval ``by`` gives now: ``approve_first`` or ``approve``. Refused (409) when ``by`` gave the
    round's first approval (``second_approval_same_specialist``); the state and the claim are checked first
    (409 ``wrong_state``, 403 ``not_permitted``)."""
    available_transition(filing, "approve", by=by)
    if second_approval_needed(filing):
        return "approve_first"
    if four_eyes_satisfied.problems_for(filing, by) and first_approval(filing) is not None:
        raise TransitionConflict(
            _("You gave the first approval of this filing: a different specialist gives the second."),
            code="second_approval_same_specialist",
        )
    return "approve"


def filing_reject(*, filing: Filing, by: Any, reasons: list[dict[str, str]], message: str = "") -> Filing:
    if not reasons:
        text = _("Give at least one reason from the catalogue.")
        raise ApplicationError(text, code="reasons_required", fields={"reasons": [text]})
    return run_transition(
        filing, "reject", by=by, reasons=reasons, payload={"message": message} if message else None
    )


def filing_enter_mailing(*, filing: Filing, by: Any, courier: str, tracking_number: str) -> Filing:
    """The applicant says how the paper materials travel (while the filing is in ``mailing``)."""
    require_owner(filing, by)
    if filing.state != S.MAILING:
        raise TransitionConflict(_("The filing is not waiting for mailed materials."), code="wrong_state")
    problems = {}
    if not courier.strip():
        problems["mailing.courier"] = [_("This field is required.")]
    if not tracking_number.strip():
        problems["mailing.tracking_number"] = [_("This field is required.")]
    if problems:
        raise ApplicationError(_("Some information is missing."), code="invalid", fields=problems)
    Filing.objects.filter(pk=filing.pk, state=S.MAILING).update(
        mailing_courier=courier.strip(),
        mailing_tracking_number=tracking_number.strip(),
        updated_at=timezone.now(),
    )
    filing.mailing_courier, filing.mailing_tracking_number = courier.strip(), tracking_number.strip()
    return filing


def filing_confirm_mail_received(*, filing: Filing, by: Any) -> Filing:
    return run_transition(filing, "confirm_mail_received", by=by)

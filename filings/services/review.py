"""Steps 6 and 7 on the filing's side: the provider's decisions and the mailed materials. The review
workspace (``reviews/services.py``) checks reasons and claims and calls these."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ApplicationError, TransitionConflict
from filings.models import Filing
from filings.services.common import require_owner
from filings.services.transitions import run_transition
from filings.states import FilingState

S = FilingState


# --- Steps 6–7: the provider's decisions (called by reviews.services, which checks reasons and findings) --
def filing_approve(
    *, filing: Filing, by: Any, note: str = "", overrides: list[dict[str, str]] = ()
) -> Filing:
    payload = {k: v for k, v in (("note", note), ("overrides", list(overrides))) if v}
    return run_transition(filing, "approve", by=by, payload=payload)


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

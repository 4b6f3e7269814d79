"""Asking MIIT to send a person's SMS code again (step 8). MIIT resends once per code and limits what it
sends to a number; the portal passes its refusal on as a rate limit. Verifying a code is
``filings.services.filing_verify_sms_code``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from common.errors import ApplicationError, TransitionConflict
from filings.models import Filing, SmsVerification
from filings.services import require_owner
from filings.states import FilingState
from gateways.miit import SmsResendRefused, miit_gateway


class SmsResendLimited(ApplicationError):
    status = 429


def filing_resend_sms(*, filing: Filing, by: Any, mobile: str) -> SmsVerification:
    """Ask MIIT to resend the code of ``mobile`` for the filing's current round (owner only)."""
    require_owner(filing, by)
    if filing.state != FilingState.SMS_VERIFICATION:
        raise TransitionConflict(_("The filing is not waiting for SMS codes."), code="wrong_state")
    verification = SmsVerification.objects.filter(
        filing=filing, review_round=filing.review_round, mobile=(mobile or "").strip()
    ).first()
    if verification is None:
        message = _("MIIT sent no code to this number for this filing.")
        raise ApplicationError(message, code="sms_unknown_mobile", fields={"mobile": [message]})
    if verification.verified_at is not None:
        raise TransitionConflict(_("This number is already verified."), code="sms_already_verified")
    try:
        miit_gateway().resend_sms(reference=filing.miit_reference, mobile=verification.mobile)
    except SmsResendRefused as refusal:
        message = _("MIIT will not send this code again now: %(why)s") % {"why": refusal}
        raise SmsResendLimited(message, code="sms_resend_refused", fields={"mobile": [message]}) from refusal
    return verification

"""Every write to a filing: one function per transition or step, the one entry point for pages, API,
admin actions and jobs.

A transition service locks the row, runs the transition (guards and field changes only), saves, writes the
``FilingEvent`` in the same transaction and dispatches follow-up jobs after the commit.
"""

from __future__ import annotations

from filings.services.common import (
    reopen_if_past,
    require_editable,
    require_owner,
    step_is_editable,
    websites_of,
)
from filings.services.miit import (
    SMS_VERIFICATION_FAILED,
    SmsResendLimited,
    filing_expire_sms,
    filing_hand_to_miit,
    filing_record_miit_outcome,
    filing_resend_sms,
    filing_verify_sms_code,
    submission_for,
)
from filings.services.psb import filing_record_psb_numbers
from filings.services.review import (
    approval_transition,
    filing_approve,
    filing_confirm_mail_received,
    filing_enter_mailing,
    filing_reject,
)
from filings.services.transitions import available_transition, run_transition, validate_then_run
from filings.services.wizard import (
    filing_assign_service_numbers,
    filing_complete_materials,
    filing_detect_type,
    filing_enter_information,
    filing_reopen,
    filing_resubmit,
    filing_save_information,
    filing_start,
    filing_start_and_detect,
    filing_submit,
    filing_verify_instance,
    filing_withdraw,
    open_filing_exists_here,
)

__all__ = [
    "SMS_VERIFICATION_FAILED",
    "SmsResendLimited",
    "approval_transition",
    "available_transition",
    "filing_approve",
    "filing_assign_service_numbers",
    "filing_complete_materials",
    "filing_confirm_mail_received",
    "filing_detect_type",
    "filing_enter_information",
    "filing_enter_mailing",
    "filing_expire_sms",
    "filing_hand_to_miit",
    "filing_record_miit_outcome",
    "filing_record_psb_numbers",
    "filing_reject",
    "filing_reopen",
    "filing_resend_sms",
    "filing_resubmit",
    "filing_save_information",
    "filing_start",
    "filing_start_and_detect",
    "filing_submit",
    "filing_verify_instance",
    "filing_verify_sms_code",
    "filing_withdraw",
    "open_filing_exists_here",
    "reopen_if_past",
    "require_editable",
    "require_owner",
    "run_transition",
    "step_is_editable",
    "submission_for",
    "validate_then_run",
    "websites_of",
]

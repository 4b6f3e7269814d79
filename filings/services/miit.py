"""Steps 8 and 9: handing the filing to MIIT, MIIT's SMS codes, and MIIT's outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ApplicationError, TransitionConflict
from entities.models import Person
from filings.conditions import SYSTEM
from filings.models import Filing, SmsVerification
from filings.services.common import require_owner, websites_of
from filings.services.transitions import run_transition
from filings.states import FilingState
from gateways.miit import (
    OutcomeStatus,
    SmsCheck,
    SmsResendRefused,
    Submission,
    SubmissionPerson,
    SubmissionWebsite,
    miit_gateway,
)
from instances.models import ServiceNumber

S = FilingState
SMS_VERIFICATION_FAILED = "sms_verification_failed"


# --- Steps 8–9: MIIT --------------------------------------------------------------------------------------
def filing_hand_to_miit(*, filing_id: int) -> Filing | None:
    """Submit through the MIIT gateway (idempotent by review round), then ``hand_to_miit``.

    Safe to run twice or after a redelivery: a filing no longer waiting is left alone, and a second call to
    the gateway with the same key returns the first submission.
    """
    filing = Filing.objects.select_related("entity", "entity__head", "region").filter(pk=filing_id).first()
    if filing is None or filing.state != S.MIIT_SUBMISSION:
        return None
    receipt = miit_gateway().submit(submission_for(filing))

    def store_receipt(locked: Filing) -> None:
        locked.miit_reference = receipt.reference
        if receipt.sms_mobiles:
            sent_at = (
                dt.datetime.fromisoformat(receipt.sms_sent_at) if receipt.sms_sent_at else timezone.now()
            )
            locked.sms_expires_at = sent_at + dt.timedelta(hours=settings.SMS_CODE_VALID_HOURS)
            for mobile in receipt.sms_mobiles:
                SmsVerification.objects.get_or_create(
                    filing=locked,
                    review_round=locked.review_round,
                    mobile=mobile,
                    defaults={"sent_at": sent_at},
                )

    try:
        return run_transition(
            filing,
            "hand_to_miit",
            by=SYSTEM,
            arguments={"sms_required": bool(receipt.sms_mobiles)},
            prepare=store_receipt,
            payload={"miit_reference": receipt.reference, "sms_mobiles": len(receipt.sms_mobiles)},
        )
    except TransitionConflict:
        return None  # a concurrent run (a redelivery) recorded the same submission first


def submission_for(filing: Filing) -> Submission:
    entity = filing.entity

    def person(role: str, record: Person) -> SubmissionPerson:
        return SubmissionPerson(
            role, record.name, record.mobile, record.certificate_type, record.certificate_number
        )

    return Submission(
        idempotency_key=filing.miit_idempotency_key,
        provider_code=settings.PROVIDER_CODE,
        filing_type=filing.filing_type,
        region_code=filing.region.code,
        entity_nature=entity.nature,
        entity_name=entity.name,
        certificate_type=entity.certificate_type,
        certificate_number=entity.certificate_number,
        entity_head=person("entity_head", entity.head),
        websites=tuple(
            SubmissionWebsite(
                item.website.domain.ascii_name, item.website.name, person("website_head", item.website.head)
            )
            for item in websites_of(filing)
        ),
    )


def _awaited_verification(filing: Filing, *, by: Any, mobile: str) -> SmsVerification:
    """The owner's filing waits for SMS codes, and MIIT texted ``mobile`` in this round."""
    require_owner(filing, by)
    if filing.state != S.SMS_VERIFICATION:
        raise TransitionConflict(_("The filing is not waiting for SMS codes."), code="wrong_state")
    verification = SmsVerification.objects.filter(
        filing=filing, review_round=filing.review_round, mobile=(mobile or "").strip()
    ).first()
    if verification is None:
        message = _("MIIT sent no code to this number for this filing.")
        raise ApplicationError(message, code="sms_unknown_mobile", fields={"mobile": [message]})
    return verification


class SmsResendLimited(ApplicationError):
    status = 429


def filing_resend_sms(*, filing: Filing, by: Any, mobile: str) -> SmsVerification:
    """Ask MIIT to send ``mobile``'s code again. MIIT resends once per code and limits what it sends to a
    number; its refusal is passed on as a rate limit (429)."""
    verification = _awaited_verification(filing, by=by, mobile=mobile)
    if verification.verified_at is not None:
        raise TransitionConflict(_("This number is already verified."), code="sms_already_verified")
    try:
        miit_gateway().resend_sms(reference=filing.miit_reference, mobile=verification.mobile)
    except SmsResendRefused as refusal:
        message = _("MIIT will not send this code again now: %(why)s") % {"why": refusal}
        raise SmsResendLimited(message, code="sms_resend_refused", fields={"mobile": [message]}) from refusal
    return verification


def filing_verify_sms_code(
    *, filing: Filing, by: Any, mobile: str, code: str, certificate_tail: str
) -> Filing:
    """One person's answer to MIIT's SMS. The 5th wrong code for a person returns the filing at once."""
    verification = _awaited_verification(filing, by=by, mobile=mobile)
    if verification.verified_at is not None:
        return filing
    result = miit_gateway().check_sms_code(
        reference=filing.miit_reference,
        mobile=verification.mobile,
        code=code or "",
        certificate_tail=certificate_tail,
    )
    if result == SmsCheck.VERIFIED:
        SmsVerification.objects.filter(pk=verification.pk).update(verified_at=timezone.now())
        if not filing.sms_verifications.filter(
            review_round=filing.review_round, verified_at__isnull=True
        ).exists():
            return run_transition(filing, "verify_sms", by=by)
        return filing
    if result == SmsCheck.EXPIRED:
        filing_expire_sms(filing=filing, cause="expired")
        raise ApplicationError(
            _("The code has expired; the filing was returned."), code=SMS_VERIFICATION_FAILED
        )
    # A wrong code (or a used one): count it, and the 5th returns the filing.
    SmsVerification.objects.filter(pk=verification.pk).update(wrong_attempts=verification.wrong_attempts + 1)
    attempts_left = settings.SMS_MAX_WRONG_CODES - verification.wrong_attempts - 1
    if attempts_left <= 0:
        filing_expire_sms(filing=filing, cause="wrong_codes")
        message = _("Too many wrong codes: the filing was returned.")
        raise ApplicationError(message, code=SMS_VERIFICATION_FAILED, fields={"code": [message]})
    message = _("The code or the certificate digits are wrong; %(left)d attempts left.") % {
        "left": attempts_left
    }
    raise ApplicationError(message, code="sms_code_wrong", fields={"code": [message]})


def filing_expire_sms(*, filing: Filing, cause: str) -> Filing:
    return run_transition(
        filing,
        "expire_sms",
        by=SYSTEM,
        reasons=[{"code": SMS_VERIFICATION_FAILED, "field": "filing"}],
        payload={"cause": cause},
    )


def filing_record_miit_outcome(*, filing_id: int) -> Filing | None:
    """Ask MIIT about a filing under review; record the numbers or the reasons (idempotent: the callback's
    job and the poll may both arrive, and the second finds the work done)."""
    try:
        return _record_miit_outcome(filing_id)
    except TransitionConflict:
        return None


def _record_miit_outcome(filing_id: int) -> Filing | None:
    filing = Filing.objects.filter(pk=filing_id, state=S.MIIT_REVIEW).select_related("entity").first()
    if filing is None or not filing.miit_reference:
        return None
    outcome = miit_gateway().outcome(filing.miit_reference)
    if outcome.status == OutcomeStatus.REJECTED:
        return run_transition(
            filing,
            "miit_reject",
            by=SYSTEM,
            reasons=[
                {"code": code, "field": "filing", "message": message} for code, message in outcome.reasons
            ],
        )
    if outcome.status != OutcomeStatus.APPROVED:
        return None

    def store_numbers(locked: Filing) -> None:
        entity = locked.entity
        if entity.icp_number != outcome.entity_number:
            entity.icp_number = outcome.entity_number
            entity.save(update_fields=["icp_number"])
        now = timezone.now()
        for item in websites_of(locked):
            website = item.website
            website.website_number = outcome.website_numbers.get(
                website.domain.ascii_name, website.website_number
            )
            website.save(update_fields=["website_number"])
            if item.service_number_id:  # a number once used by an approved website stays used
                ServiceNumber.objects.filter(pk=item.service_number_id, consumed_at__isnull=True).update(
                    consumed_at=now
                )

    return run_transition(
        filing,
        "miit_approve",
        by=SYSTEM,
        prepare=store_numbers,
        payload={"entity_number": outcome.entity_number, "website_numbers": outcome.website_numbers},
    )

"""The specialists' actions: claim, release, decide. Decisions go through ``filings.services``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from filings import services as filing_services
from filings.models import REVIEW_STATES, Filing
from reviews.findings.approval import approve_checking_findings
from reviews.models import RejectionReason


def review_claim(*, filing: Filing, by: Any) -> Filing:
    """Take a filing from the queue: a conditional update, so of two specialists clicking at once one wins."""
    if getattr(by, "role", None) != "specialist":
        raise NotPermitted(_("Only review specialists claim filings."), code="not_permitted")
    claimed = Filing.objects.filter(pk=filing.pk, state__in=REVIEW_STATES, claimed_by__isnull=True).update(
        claimed_by=by, claimed_at=timezone.now()
    )
    if claimed != 1:
        raise TransitionConflict(
            _("This filing is already taken or no longer in review."), code="claim_conflict"
        )
    filing.refresh_from_db()
    return filing


def review_release(*, filing: Filing, by: Any) -> Filing:
    released = Filing.objects.filter(pk=filing.pk, claimed_by=by).update(claimed_by=None, claimed_at=None)
    if released != 1:
        raise TransitionConflict(_("You do not hold this filing."), code="not_claimed")
    filing.refresh_from_db()
    return filing


def review_approve(*, filing: Filing, by: Any, note: str = "") -> Filing:
    """Approve the held filing. Under four eyes the first approval is ``approve_first``: the filing stays in
    provider review, back in the queue for a different specialist, whose approval lets it leave (the
    filing's state afterwards says which happened; ``filings.services.approval_transition`` says which is
    due). The specialist who gave the first approval is refused the second (409,
    ``second_approval_same_specialist``). Refused (400 ``findings_open``) while a blocking automated finding
    is open (``reviews.assignment.review_approve_with_overrides`` overrides them with notes)."""
    return approve_checking_findings(filing=filing, by=by, note=note)


def review_reject(*, filing: Filing, by: Any, reasons: list[dict[str, str]], message: str = "") -> Filing:
    """Return the filing with reasons from the catalogue, each tied to a field or material."""
    known = {reason.code: reason for reason in RejectionReason.objects.filter(active=True)}
    problems = {}
    for index, reason in enumerate(reasons):
        if reason.get("code") not in known:
            problems[f"reasons.{index}.code"] = [_("Choose a reason from the catalogue.")]
        if not reason.get("field"):
            problems[f"reasons.{index}.field"] = [_("Say which field or material the reason concerns.")]
    if problems:
        raise ApplicationError(_("Some reasons are not valid."), code="invalid", fields=problems)
    # The catalogue's words are kept with the rejection: the applicant reads them as they were given, even
    # after an operator rewords the catalogue.
    cleaned = [
        {
            "code": r["code"],
            "field": r["field"],
            "message": f"{known[r['code']].text_zh} / {known[r['code']].text_en}",
        }
        for r in reasons
    ]
    return filing_services.filing_reject(filing=filing, by=by, reasons=cleaned, message=message)


def review_confirm_mail(*, filing: Filing, by: Any) -> Filing:
    return filing_services.filing_confirm_mail_received(filing=filing, by=by)

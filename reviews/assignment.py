"""The review actions ``reviews/services.py`` does not have yet: an operator hands a claim to another
specialist, a specialist records a call attempt, approval with overrides of findings, and the log of
identity-number access. Same style: keyword-only, the actor as ``by``, ``ApplicationError`` for refusals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from filings.models import REVIEW_STATES, Filing
from filings.services.operator import filing_reassign_claim
from reviews.findings.approval import approve_checking_findings, resolve_finding
from reviews.models import CallAttempt, Finding, IdentityAccessLog

FAILED_CALLS_FOR_REJECTION = 2  # review.md: two failed attempts are a rejection reason
CALL_REJECTION_REASON = "phone_unreachable"


def review_reassign(*, filing: Filing, by: Any, to_username: str, reason: str = "") -> Filing:
    """An operator hands a filing in review (held or not) to a specialist named by user name, from the queue
    page or the API: the operator's intervention of the admin (``filing_reassign_claim``: the event with the
    operator and the reason, the specialist told), with a default reason when none was given."""
    if getattr(by, "role", None) != "operator":
        raise NotPermitted(_("Only operators reassign filings."), code="not_permitted")
    specialist = (
        get_user_model().objects.filter(username=to_username, role="specialist", is_active=True).first()
    )
    if specialist is None:
        message = _("There is no active review specialist with this user name.")
        raise ApplicationError(message, code="specialist_unknown", fields={"specialist": [message]})
    return filing_reassign_claim(
        filing=filing, by=by, to=specialist, reason=reason.strip() or _("Reassigned from the review queue.")
    )


def review_record_call_attempt(*, filing: Filing, by: Any, reached: bool, note: str = "") -> CallAttempt:
    """The specialist holding the filing tried to phone its person in charge."""
    if getattr(by, "role", None) != "specialist" or filing.claimed_by_id != by.pk:
        raise NotPermitted(_("Claim the filing before recording a call."), code="not_permitted")
    if filing.state not in REVIEW_STATES:
        raise TransitionConflict(_("This filing is no longer in review."), code="not_in_review")
    return CallAttempt.objects.create(
        filing=filing, specialist=by, review_round=filing.review_round, reached=reached, note=note
    )


def failed_calls(filing: Filing) -> int:
    """Failed attempts in the current round since the last call that reached the person."""
    count = 0
    for attempt in CallAttempt.objects.filter(filing=filing, review_round=filing.review_round).order_by(
        "at", "id"
    ):
        count = 0 if attempt.reached else count + 1
    return count


def review_approve_with_overrides(
    *, filing: Filing, by: Any, note: str = "", overrides: Sequence[dict[str, str]] = ()
) -> Filing:
    """Approve; each override names an automated finding (``{"finding": "<Finding id>", "note": "..."}``) and
    says why it does not stand in the way. Refused (400 ``findings_open``) while a blocking finding of the
    round is neither resolved before nor overridden here; the overridden rows are marked with the approval."""
    return approve_checking_findings(filing=filing, by=by, note=note, overrides=overrides)


def review_resolve_finding(*, finding: Finding, by: Any, note: str = "") -> Finding:
    """The specialist holding the filing marks one of its findings resolved (after a call, a look at the
    registrar's record...): it no longer stands in the way of approval."""
    return resolve_finding(finding=finding, by=by, note=note)


def identity_access_record(*, filing: Filing, user: Any, channel: str = "api") -> IdentityAccessLog:
    return IdentityAccessLog.objects.create(filing=filing, user=user, channel=channel)

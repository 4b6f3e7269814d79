"""The review actions ``reviews/services.py`` does not have yet: an operator hands a claim to another
specialist, a specialist records a call attempt, approval with overrides of findings, and the log of
identity-number access. Same style: keyword-only, the actor as ``by``, ``ApplicationError`` for refusals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from filings import services as filing_services
from filings.models import REVIEW_STATES, Filing
from reviews import services as review_services
from reviews.models import CallAttempt, IdentityAccessLog

FAILED_CALLS_FOR_REJECTION = 2  # review.md: two failed attempts are a rejection reason
CALL_REJECTION_REASON = "phone_unreachable"


def review_reassign(*, filing: Filing, by: Any, to_username: str) -> Filing:
    """An operator hands a filing in review (held or not) to a specialist: a conditional update, so a
    filing that left review meanwhile is not assigned."""
    if getattr(by, "role", None) != "operator":
        raise NotPermitted(_("Only operators reassign filings."), code="not_permitted")
    specialist = (
        get_user_model().objects.filter(username=to_username, role="specialist", is_active=True).first()
    )
    if specialist is None:
        message = _("There is no active review specialist with this user name.")
        raise ApplicationError(message, code="specialist_unknown", fields={"specialist": [message]})
    assigned = Filing.objects.filter(pk=filing.pk, state__in=REVIEW_STATES).update(
        claimed_by=specialist, claimed_at=timezone.now()
    )
    if assigned != 1:
        raise TransitionConflict(_("This filing is no longer in review."), code="not_in_review")
    filing.refresh_from_db()
    return filing


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
    """Approve; each override names a finding of the filing and says why it does not stand in the way.

    Without overrides this is ``reviews.services.review_approve``. The findings a specialist can override are
    the materials' automated findings (the only findings the portal produces so far).
    """
    if not overrides:
        return review_services.review_approve(filing=filing, by=by, note=note)
    known = {
        finding.get("code")
        for findings in filing.materials.values_list("findings", flat=True)
        for finding in (findings or [])
    }
    problems: dict[str, list[str]] = {}
    for index, override in enumerate(overrides):
        if override.get("finding") not in known:
            problems[f"overrides.{index}.finding"] = [_("The filing has no such finding.")]
        if not str(override.get("note") or "").strip():
            problems[f"overrides.{index}.note"] = [_("Say why the finding does not stand in the way.")]
    if problems:
        raise ApplicationError(_("Some overrides are not valid."), code="invalid", fields=problems)
    cleaned = [{"finding": o["finding"], "note": o["note"].strip()} for o in overrides]
    return filing_services.filing_approve(filing=filing, by=by, note=note, overrides=cleaned)


def identity_access_record(*, filing: Filing, user: Any, channel: str = "api") -> IdentityAccessLog:
    return IdentityAccessLog.objects.create(filing=filing, user=user, channel=channel)

"""The operators' interventions from the admin (issue 14): each asks for a reason and leaves a ``FilingEvent``
with the operator and that reason, in the transaction of what it does.

Returning a stuck filing is a transition (``reject``, which the state machine lets an operator run once the
round's review deadline has passed); the others change no state and are recorded as interventions
(``FilingEvent.Kind.INTERVENTION``: the intervention's name as ``transition``, ``to_state`` blank). Jobs are
sent by dotted name after the commit (``common.jobs``): the tasks modules import the services, and the
reviews app sits above this one.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from common.jobs import dispatch_on_commit
from filings.conditions import by_operator
from filings.deadlines import DeadlineState, deadline_state
from filings.models import REVIEW_STATES, Filing, FilingEvent
from filings.notices import filing_assigned_notice
from filings.services.transitions import available_transition, run_transition
from filings.states import FilingState
from materials.models import Material, MaterialStatus
from notifications.models import Channel, Notification
from notifications.services import notification_retry

S = FilingState

# The names an intervention is recorded under (``FilingEvent.transition``) and offered by in the admin.
REASSIGN_CLAIM = "reassign_claim"
RELEASE_CLAIM = "release_claim"
RETURN_TO_APPLICANT = "return_to_applicant"
RETRY_MIIT = "retry_miit"
RETRY_NOTIFICATION = "retry_notification"
RERUN_MATERIAL = "rerun_material"
RERUN_FINDINGS = "rerun_findings"
# Those recorded as interventions (the return is recorded as the ``reject`` transition it runs).
INTERVENTION_NAMES = (
    REASSIGN_CLAIM,
    RELEASE_CLAIM,
    RETRY_MIIT,
    RETRY_NOTIFICATION,
    RERUN_MATERIAL,
    RERUN_FINDINGS,
)
RETURNED_BY_OPERATOR = "returned_by_operator"  # the reason code of a filing an operator returned

# Which MIIT job moves a filing on in each MIIT state: the hand-over, then the outcome.
MIIT_JOBS = {
    S.MIIT_SUBMISSION: "filings.tasks.filing_hand_to_miit_task",
    S.MIIT_REVIEW: "filings.tasks.filing_miit_outcome_task",
}
FINDINGS_JOB = "reviews.tasks.review_findings_recompute_task"
MATERIAL_JOB = "materials.tasks.material_process_task"


def require_reason(reason: str | None) -> str:
    """The operator's reason, trimmed; an empty one is refused beside the field."""
    text = (reason or "").strip()
    if not text:
        message = _("Say why: the reason is recorded with your name on the filing's history.")
        raise ApplicationError(message, code="reason_required", fields={"reason": [message]})
    return text


def _require_operator(filing: Filing, by: Any) -> None:
    if not by_operator(filing, by):
        raise NotPermitted(_("Only operators intervene on a filing."), code="not_permitted")


def _record(filing: Filing, *, by: Any, name: str, reason: str, **details: Any) -> FilingEvent:
    """The intervention's event: who, when, in which state, what and why (no state change: no ``to_state``)."""
    return FilingEvent.objects.create(
        filing=filing,
        actor=by,
        actor_role="operator",
        kind=FilingEvent.Kind.INTERVENTION,
        transition=name,
        from_state=filing.state,
        to_state="",
        payload={"reason": reason, **details},
    )


def _locked(filing: Filing) -> Filing:
    return Filing.objects.select_for_update().get(pk=filing.pk)


def _wrong_state(filing: Filing, message: str) -> TransitionConflict:
    return TransitionConflict(message % {"state": filing.get_state_display()}, code="wrong_state")


# --- Claims -------------------------------------------------------------------------------------------------
def filing_reassign_claim(*, filing: Filing, by: Any, to: Any, reason: str) -> Filing:
    """Hand a filing in review (held or not) to another active specialist, who is told (inbox, email)."""
    _require_operator(filing, by)
    reason = require_reason(reason)
    specialist = get_user_model().objects.filter(
        pk=getattr(to, "pk", None), role="specialist", is_active=True
    )
    if not specialist.exists():
        message = _("Choose an active review specialist.")
        raise ApplicationError(message, code="specialist_unknown", fields={"specialist": [message]})
    with transaction.atomic():
        locked = _locked(filing)
        if locked.state not in REVIEW_STATES:
            raise _wrong_state(locked, _("A filing in “%(state)s” is not in review: nobody can hold it."))
        if locked.claimed_by_id == to.pk:
            message = _("This specialist already holds the filing.")
            raise ApplicationError(message, code="already_held", fields={"specialist": [message]})
        previous = locked.claimed_by.username if locked.claimed_by_id else ""
        locked.claimed_by, locked.claimed_at = to, timezone.now()
        locked.save(update_fields=["claimed_by", "claimed_at", "updated_at"])
        _record(locked, by=by, name=REASSIGN_CLAIM, reason=reason, to=to.username, previous=previous)
        filing_assigned_notice(filing=locked, specialist=to, by=by)
    filing.refresh_from_db()
    return filing


def filing_release_claim(*, filing: Filing, by: Any, reason: str) -> Filing:
    """Put a held filing back in the review queue (its specialist is away, or stuck on it)."""
    _require_operator(filing, by)
    reason = require_reason(reason)
    with transaction.atomic():
        locked = _locked(filing)
        if locked.state not in REVIEW_STATES:
            raise _wrong_state(locked, _("A filing in “%(state)s” is not in review: nobody can hold it."))
        if locked.claimed_by_id is None:
            raise TransitionConflict(_("Nobody holds this filing."), code="not_claimed")
        previous = locked.claimed_by.username
        locked.claimed_by, locked.claimed_at = None, None
        locked.save(update_fields=["claimed_by", "claimed_at", "updated_at"])
        _record(locked, by=by, name=RELEASE_CLAIM, reason=reason, previous=previous)
    filing.refresh_from_db()
    return filing


# --- Returning a stuck filing -----------------------------------------------------------------------------------
def is_stuck(filing: Filing) -> bool:
    """Stuck: the state machine lets an operator return it (``reject``'s permission: a review state, past
    the round's deadline). Asked of the machine, never of a list of states copied here."""
    try:
        available_transition(filing, "reject", by=_AnyOperator())
    except (TransitionConflict, NotPermitted):
        return False
    return True


class _AnyOperator:
    """An active operator, for asking the machine what an operator may do (``is_stuck``)."""

    pk = None
    role = "operator"
    is_active = True


def filing_return_to_applicant(*, filing: Filing, by: Any, reason: str) -> Filing:
    """Return a stuck filing to the applicant (``reject`` to ``provider_rejected``), the reason being what the
    applicant reads; they correct and resubmit it, which starts a new review round."""
    _require_operator(filing, by)
    reason = require_reason(reason)
    if filing.state in REVIEW_STATES and deadline_state(filing.review_due_on) != DeadlineState.OVERDUE:
        raise TransitionConflict(
            _("The review deadline (%(due)s) has not passed: the filing is not stuck yet.")
            % {"due": filing.review_due_on or "—"},
            code="not_stuck",
        )
    return run_transition(
        filing,
        "reject",
        by=by,
        reasons=[{"code": RETURNED_BY_OPERATOR, "field": "filing", "message": reason}],
        payload={"reason": reason, "intervention": RETURN_TO_APPLICANT},
    )


# --- Jobs sent again ----------------------------------------------------------------------------------------
def filing_retry_miit_work(*, filing: Filing, by: Any, reason: str) -> Filing:
    """Send the MIIT job of the filing's state again: the hand-over while it waits to be handed to MIIT, the
    outcome while MIIT reviews it. Both jobs are idempotent (the submission by review round)."""
    _require_operator(filing, by)
    reason = require_reason(reason)
    with transaction.atomic():
        locked = _locked(filing)
        job = MIIT_JOBS.get(locked.state)
        if job is None:
            raise _wrong_state(
                locked, _("There is no MIIT work to retry while the filing is in “%(state)s”.")
            )
        _record(locked, by=by, name=RETRY_MIIT, reason=reason, job=job.rsplit(".", 1)[-1])
        dispatch_on_commit(job, locked.pk)
    return filing


def filing_retry_notification(*, filing: Filing, by: Any, notification: Notification, reason: str) -> Filing:
    """Deliver again an email or SMS of this filing that failed (or never left): the outbox's own retry."""
    _require_operator(filing, by)
    reason = require_reason(reason)
    if notification.filing_id != filing.pk:
        raise ApplicationError(_("This notice is not about this filing."), code="not_found")
    if notification.channel == Channel.INBOX or notification.sent_at is not None:
        raise TransitionConflict(_("This notice was delivered: there is nothing to retry."), code="delivered")
    with transaction.atomic():
        locked = _locked(filing)
        if not notification_retry(notification=notification, by=by):
            raise TransitionConflict(_("This notice was delivered meanwhile."), code="delivered")
        _record(
            locked,
            by=by,
            name=RETRY_NOTIFICATION,
            reason=reason,
            notification=str(notification.code),
            notice=notification.kind,
            channel=notification.channel,
        )
    return filing


def filing_rerun_material(*, filing: Filing, by: Any, material: Material, reason: str) -> Filing:
    """Run the processing of an upload still waiting in quarantine again (its job was lost or kept failing).
    A processed upload is final: the applicant uploads again instead."""
    _require_operator(filing, by)
    reason = require_reason(reason)
    if material.filing_id != filing.pk:
        raise ApplicationError(_("This upload is not part of this filing."), code="not_found")
    with transaction.atomic():
        locked = _locked(filing)
        if not Material.objects.filter(pk=material.pk, status=MaterialStatus.PROCESSING).exists():
            raise TransitionConflict(
                _("This upload is processed already: the applicant uploads it again if needed."),
                code="material_processed",
            )
        _record(locked, by=by, name=RERUN_MATERIAL, reason=reason, material=str(material.code))
        dispatch_on_commit(MATERIAL_JOB, material.pk)
    return filing


def filing_rerun_findings(*, filing: Filing, by: Any, reason: str) -> Filing:
    """Run the automated findings of the current review round again (its first run was lost or failed, or an
    outside answer was wrong): the findings no specialist has resolved yet are replaced by the new ones."""
    _require_operator(filing, by)
    reason = require_reason(reason)
    with transaction.atomic():
        locked = _locked(filing)
        if locked.state != S.PROVIDER_REVIEW:
            raise _wrong_state(locked, _("Findings are computed in provider review, not in “%(state)s”."))
        _record(locked, by=by, name=RERUN_FINDINGS, reason=reason, review_round=locked.review_round)
        dispatch_on_commit(FINDINGS_JOB, locked.pk, locked.review_round)
    return filing

"""The transition runner: the one way a filing's state changes (lock, check, transition, save, event, jobs)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from common.jobs import dispatch_on_commit
from entities.rules import raise_for_problems
from filings.conditions import SYSTEM, conditions_checked
from filings.models import Filing, FilingEvent, ReviewSnapshot
from filings.notices import notices_for_event
from filings.snapshots import filing_snapshot
from filings.states import FilingState
from filings.validation import filing_advisories, filing_problems

S = FilingState

# Other apps' follow-up work when a filing enters a state (``on_entering``): the filings app does not import
# them; they register here from their ``AppConfig.ready()`` (the reviews app: its findings job).
_ENTERING: dict[str, list[Callable[[Filing], None]]] = {}


def on_entering(state: str, callback: Callable[[Filing], None]) -> None:
    """Call ``callback(filing)`` whenever a transition brings a filing into ``state`` (or starts a new review
    round in it): inside the transition's transaction, with the locked filing, after its event is written.
    The callback only dispatches jobs (``dispatch_on_commit``); registering the same callback twice is one."""
    callbacks = _ENTERING.setdefault(state, [])
    if callback not in callbacks:
        callbacks.append(callback)


def run_transition(
    filing: Filing,
    name: str,
    *,
    by: Any,
    arguments: dict[str, Any] | None = None,
    reasons: Iterable[dict[str, str]] = (),
    payload: dict[str, Any] | None = None,
    prepare: Callable[[Filing], None] | None = None,
) -> Filing:
    """Run transition ``name`` on ``filing`` for ``by`` (a user or ``SYSTEM``) and record it.

    1. Lock the row; refuse with 409 when the state has no such transition, 403 when ``by`` may not run it.
    2. ``prepare`` makes the field changes the transition depends on (on the locked row).
    3. Check the conditions, collecting every problem with its field path (400).
    4. Transition, save (a concurrent change is a 409), write the event (and, when a review round starts,
       the snapshot of what the reviewer will see), dispatch jobs after commit.
    """
    try:
        with transaction.atomic():
            locked = Filing.objects.select_for_update().select_related("region", "entity").get(pk=filing.pk)
            method = getattr(locked, name)
            transition = available_transition(locked, name, by=by)
            if prepare is not None:
                prepare(locked)
            problems: dict[str, list[str]] = {}
            for condition in transition.conditions:
                problems.update(condition.problems(locked))
            if problems:
                raise ApplicationError(
                    _("Some information is missing or not valid."), code="conditions_not_met", fields=problems
                )
            from_state, round_before = locked.state, locked.review_round
            with conditions_checked(locked, transition.conditions):  # checked just above: not twice
                method(**(arguments or {}))
            locked.save()
            event = FilingEvent.objects.create(
                filing=locked,
                actor=by if by is not SYSTEM else None,
                actor_role=getattr(by, "role", "system"),
                transition=name,
                from_state=from_state,
                to_state=locked.state,
                reasons=list(reasons),
                payload=payload or {},
            )
            if locked.review_round != round_before:  # a review round starts: keep what the reviewer will see
                ReviewSnapshot.objects.create(
                    filing=locked, review_round=locked.review_round, data=filing_snapshot(locked)
                )
            notices_for_event(event, filing=locked)  # what this change tells whom (outbox rows, same commit)
            _dispatch_on_entering(locked)
            if locked.state != from_state or locked.review_round != round_before:
                for callback in _ENTERING.get(locked.state, ()):
                    callback(locked)
    except ConcurrentTransition as exc:
        raise TransitionConflict(
            _("Someone else changed this filing at the same moment."), code="conflict"
        ) from exc
    if filing is not locked:
        filing.refresh_from_db()  # the caller's object follows the row it asked to change
    return locked


def available_transition(filing: Filing, name: str, *, by: Any) -> Any:
    """The transition ``name`` from the filing's state, or 409 (not from this state) / 403 (not by ``by``)."""
    transition = getattr(filing, name)._django_fsm.get_transition(filing.state)
    if transition is None:
        raise TransitionConflict(
            _("“%(transition)s” is not possible while the filing is in “%(state)s”.")
            % {"transition": name, "state": filing.get_state_display()},
            code="wrong_state",
        )
    if not transition.has_perm(filing, by):
        raise NotPermitted(_("You may not do this to this filing."), code="not_permitted")
    return transition


def validate_then_run(
    filing: Filing,
    name: str,
    *,
    by: Any,
    prepare: Callable[[Filing], None] | None = None,
    **options: Any,
) -> Filing:
    """Check the state and the actor, then every rule (with the registrar's answers, so outside the row
    lock), then run the transition, which checks state and actor again under the lock. The advisories found
    by the same full check are stored on the filing with the transition."""
    available_transition(filing, name, by=by)
    raise_for_problems(filing_problems(filing))
    advisories = [asdict(item) for item in filing_advisories(filing)]

    def prepare_with_advisories(locked: Filing) -> None:
        locked.advisories = advisories
        if prepare is not None:
            prepare(locked)

    return run_transition(filing, name, by=by, prepare=prepare_with_advisories, **options)


def _dispatch_on_entering(filing: Filing) -> None:
    """Follow-up work of a new state, sent to the broker only once the transaction has committed."""
    if filing.state == S.MIIT_SUBMISSION:
        dispatch_on_commit("filings.tasks.filing_hand_to_miit_task", filing.pk)

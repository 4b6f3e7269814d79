"""Who may run each transition of a filing, and what must hold for it (``filings/models.py`` names them).

A permission is a function of the filing and the actor; a condition returns the problems found, field path →
messages, so that a refusal names every field at fault (400). Both read the filing through its relations: this
module does not import the models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from filings.deadlines import DeadlineState, deadline_state
from filings.snapshots import filing_snapshot, unchanged_paths
from filings.states import FilingState
from materials.requirements import materials_problems

Filing = Any  # a filings.models.Filing, read through its fields and relations
Problems = dict[str, list[str]]


def answered_rejection(filing: Filing) -> Any:
    """The event that returned the filing to its current state: the rejection a resubmission answers."""
    return filing.events.filter(to_state=filing.state).order_by("-created_at", "-id").first()


# --- Who acts ---------------------------------------------------------------------------------------------
class SystemActor:
    """The portal itself (jobs, MIIT's answers): the actor of the transitions whose ``by`` is ``system``."""

    pk = None
    is_authenticated = False
    role = "system"

    def __str__(self) -> str:
        return "system"


SYSTEM = SystemActor()


def by_applicant(filing: Filing, user: object) -> bool:
    return getattr(user, "role", None) == "applicant" and getattr(user, "pk", None) == filing.applicant_id


def by_claiming_specialist(filing: Filing, user: object) -> bool:
    return getattr(user, "role", None) == "specialist" and getattr(user, "pk", None) == filing.claimed_by_id


def by_operator(filing: Filing, user: object) -> bool:
    return getattr(user, "role", None) == "operator" and getattr(user, "is_active", False)


def by_claiming_specialist_or_operator_when_overdue(filing: Filing, user: object) -> bool:
    """``reject``: the specialist holding the filing; or an operator once the round's review deadline has
    passed, returning a stuck filing to the applicant from the admin (``filings/services/operator.py``)."""
    if by_claiming_specialist(filing, user):
        return True
    return by_operator(filing, user) and deadline_state(filing.review_due_on) == DeadlineState.OVERDUE


def by_system(filing: Filing, user: object) -> bool:
    return user is SYSTEM


def by_applicant_or_system(filing: Filing, user: object) -> bool:
    """The applicant, or the portal itself (``withdraw``: a filing idle for 45 days, ``filings/reminders.py``)."""
    return by_applicant(filing, user) or by_system(filing, user)


# --- What must hold ---------------------------------------------------------------------------------------
class Condition:
    """A django-fsm condition that can also say what is wrong (field path → messages)."""

    def __init__(self, problems: Callable[[Filing], Problems]) -> None:
        self.problems = problems
        self.__name__ = problems.__name__

    def __call__(self, filing: Filing) -> bool:
        # Just found to hold on this locked row (``conditions_checked``): not run twice.
        if self in getattr(filing, CHECKED, ()):
            return True
        return not self.problems(filing)


CHECKED = "_conditions_checked"


@contextmanager
def conditions_checked(filing: Filing, conditions: Iterable[Condition]) -> Iterator[None]:
    """Inside, django-fsm's own check of ``conditions`` on this ``filing`` object passes without running them
    again: the transition runner has just asked each for its problems on the locked row and found none, and
    nothing changes between that and the transition (some read a dozen rows: ``materials_complete``)."""
    setattr(filing, CHECKED, frozenset(conditions))
    try:
        yield
    finally:
        delattr(filing, CHECKED)


@Condition
def type_detected(filing: Filing) -> Problems:
    return (
        {} if filing.filing_type else {"filing.filing_type": [str(_("The filing type is not detected yet."))]}
    )


@Condition
def service_numbers_assigned(filing: Filing) -> Problems:
    return {
        f"websites.{index}.service_number": [str(_("Choose an instance or enter a service number."))]
        for index, item in enumerate(filing.filing_websites.all())
        if item.service_number_id is None
    }


@Condition
def information_complete(filing: Filing) -> Problems:
    """The information every filing type needs before materials (the full rules run in the service)."""
    required = str(_("This field is required."))
    problems: Problems = {}
    entity = filing.entity
    for field in ("name", "certificate_address", "mailing_address"):
        if not getattr(entity, field):
            problems[f"entity.{field}"] = [required]
    if entity.head_id is None:
        problems["entity.head"] = [required]
    for index, item in enumerate(filing.filing_websites.select_related("website")):
        for field in ("name", "homepage_url", "content_type"):
            if not getattr(item.website, field):
                problems[f"websites.{index}.{field}"] = [required]
        if item.website.head_id is None:
            problems[f"websites.{index}.head"] = [required]
    return problems


@Condition
def materials_complete(filing: Filing) -> Problems:
    """Every required material's latest upload accepted (``filings/requirements.py`` says which are required)
    and each website's person in charge through face verification: ``materials.<kind>[.<website index>]``,
    ``materials.face.<person code>``."""
    return materials_problems(filing)


@Condition
def tracking_number_entered(filing: Filing) -> Problems:
    if filing.mailing_tracking_number:
        return {}
    return {"mailing.tracking_number": [str(_("The applicant has not entered the tracking number yet."))]}


@Condition
def accepted_by_miit(filing: Filing) -> Problems:
    return {} if filing.miit_reference else {"filing": [str(_("MIIT has not accepted the submission."))]}


@Condition
def sms_codes_verified(filing: Filing) -> Problems:
    pending = filing.sms_verifications.filter(review_round=filing.review_round, verified_at__isnull=True)
    return {
        f"sms.{item.mobile}": [str(_("The code for this number is not verified yet."))] for item in pending
    }


@Condition
def icp_numbers_issued(filing: Filing) -> Problems:
    problems: Problems = {}
    if not filing.entity.icp_number:
        problems["entity.icp_number"] = [str(_("MIIT has not issued the entity number."))]
    for index, item in enumerate(filing.filing_websites.select_related("website")):
        if not item.website.website_number:
            problems[f"websites.{index}.website_number"] = [str(_("MIIT has not issued the website number."))]
    return problems


@Condition
def named_fields_changed(filing: Filing) -> Problems:
    """Each reason of the rejection being answered: what it names differs from what the reviewer saw (the
    round's ``ReviewSnapshot``), a material it names has a newer accepted upload, or the applicant explains
    (``filing.resubmit_explanations``, reason id → text, handed in by the service before the check).

    A reason that names the whole filing (``filing``: MIIT's reasons, an SMS failure) or nothing known is not
    checked here; neither is a round reviewed before snapshots were kept."""
    returned = answered_rejection(filing)
    before = filing.review_snapshots.filter(review_round=filing.review_round).first()
    if returned is None or before is None or not returned.reasons:
        return {}
    explanations = getattr(filing, "resubmit_explanations", None) or {}
    now = filing_snapshot(filing)
    problems: Problems = {}
    for reason_id, reason in enumerate(returned.reasons):
        if str(reason_id) in explanations:
            continue
        named = str(reason.get("field", ""))
        if unchanged_paths(named, before=before.data, now=now):
            problems.setdefault(named, []).append(
                str(_("Change what this reason names (%(reason)s), or explain why it stays as it is."))
                % {"reason": reason.get("code", "")}
            )
    return problems


# --- Four eyes: which approval is due, and by whom ---------------------------------------------------------
class Routing(Condition):
    """A condition that decides which of two transitions applies (``approve_first`` or ``approve``) rather
    than something the actor could fix: the transitions offered to a user
    (``filings.api.detail.available_transitions``) leave out one whose routing condition fails for that user.

    It may depend on who acts. django-fsm hands conditions the filing only, so the actor is read from
    ``filing.acting_user``, which the service sets on the locked row (``prepare``); ``problems_for`` asks
    for a given user."""

    def __init__(self, problems_for: Callable[[Filing, Any], Problems]) -> None:
        self.problems_for = problems_for
        super().__init__(lambda filing: problems_for(filing, getattr(filing, "acting_user", None)))
        self.__name__ = problems_for.__name__


def routed_to(transition: Any, filing: Filing, user: object) -> bool:
    """Whether the routing conditions of a django-fsm ``transition`` send ``user`` through it."""
    return not any(
        condition.problems_for(filing, user)
        for condition in transition.conditions
        if isinstance(condition, Routing)
    )


def round_start(filing: Filing) -> Any:
    """The event that started the current review round (``submit`` or ``resubmit``: into provider review
    from another state), or None."""
    return (
        filing.events.filter(to_state=FilingState.PROVIDER_REVIEW)
        .exclude(from_state=FilingState.PROVIDER_REVIEW)
        .order_by("-created_at", "-id")
        .first()
    )


def second_approval_required(filing: Filing) -> bool:
    """Four eyes applies to this round: the region asks for it, or the setting does for a resubmission that
    answers an MIIT rejection (not a provider's)."""
    if filing.region.second_approval_required:
        return True
    if not settings.SECOND_APPROVAL_AFTER_MIIT_REJECTION:
        return False
    start = round_start(filing)
    return start is not None and start.from_state == FilingState.MIIT_REJECTED


def first_approval(filing: Filing) -> Any:
    """The ``approve_first`` event of the current review round, or None."""
    events = filing.events.filter(transition="approve_first")
    start = round_start(filing)
    if start is not None:
        events = events.filter(id__gt=start.id)
    return events.order_by("-created_at", "-id").first()


@Routing
def second_approval_needed(filing: Filing, user: object = None) -> Problems:
    """``approve_first`` applies: four eyes is on for this round and nobody approved in it yet."""
    if not second_approval_required(filing):
        return {"filing": [str(_("One approval is enough for this filing."))]}
    if first_approval(filing) is not None:
        return {"filing": [str(_("The first approval is given: the second one is due."))]}
    return {}


@Routing
def four_eyes_satisfied(filing: Filing, user: object = None) -> Problems:
    """``approve`` applies: one approval is enough, or the first of two was given in this round by another
    specialist than ``user``."""
    if not second_approval_required(filing):
        return {}
    first = first_approval(filing)
    if first is None:
        return {"filing": [str(_("This filing needs two approvals: the first one is due."))]}
    if user is None or first.actor_id == getattr(user, "pk", None):
        return {"filing": [str(_("A different specialist must give the second approval."))]}
    return {}

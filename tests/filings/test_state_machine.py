"""The transition matrix of process.md: what is allowed from where, and by whom; everything else refused."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django_fsm import can_proceed

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from filings.conditions import SYSTEM
from filings.models import Filing
from filings.services import run_transition
from filings.states import FilingState

STATES = [s.value for s in FilingState]
WIZARD = ["type_detection", "instance_verification", "information", "materials", "self_check"]

# Written out from the table in process.md (not derived from the code under test).
ALLOWED = {
    "detect_type": {"type_detection"},
    "verify_instance": {"instance_verification"},
    "enter_information": {"information"},
    "complete_materials": {"materials"},
    "submit": {"self_check"},
    # "instance_verification … self_check" back to an earlier step; type detection cannot be re-opened, so
    # from instance_verification there is no earlier step to go back to.
    "reopen": {"information", "materials", "self_check"},
    "approve_first": {"provider_review"},
    "approve": {"provider_review"},
    "reject": {"provider_review", "mailing"},
    "resubmit": {"provider_rejected", "miit_rejected"},
    "confirm_mail_received": {"mailing"},
    "hand_to_miit": {"miit_submission"},
    "verify_sms": {"sms_verification"},
    "expire_sms": {"sms_verification"},
    "miit_approve": {"miit_review"},
    "miit_reject": {"miit_review"},
    "withdraw": {*WIZARD, "provider_review", "provider_rejected", "mailing", "miit_rejected"},
}
BY = {
    **dict.fromkeys(
        [
            "detect_type",
            "verify_instance",
            "enter_information",
            "complete_materials",
            "submit",
            "reopen",
            "resubmit",
            "verify_sms",
        ],
        "applicant",
    ),
    "withdraw": "applicant or system",  # the system withdraws a filing idle for 45 days
    **dict.fromkeys(["approve_first", "approve", "reject", "confirm_mail_received"], "specialist"),
    **dict.fromkeys(["hand_to_miit", "expire_sms", "miit_approve", "miit_reject"], "system"),
}
ARGUMENTS = {"reopen": {"step": "instance_verification"}, "hand_to_miit": {"sms_required": False}}


def test_the_matrix_covers_every_transition_of_the_model():
    assert set(ALLOWED) == {t.name for t in Filing._meta.get_field("state").get_all_transitions(Filing)}


@pytest.mark.parametrize("transition", sorted(ALLOWED))
@pytest.mark.parametrize("state", STATES)
def test_each_state_offers_exactly_the_transitions_of_the_spec(state, transition):
    filing = Filing(state=state)
    assert can_proceed(getattr(filing, transition), check_conditions=False) is (state in ALLOWED[transition])


@pytest.fixture
def filing(build, sam):
    filing = build.start()
    Filing.objects.filter(pk=filing.pk).update(claimed_by=sam)
    return filing


def _force(filing: Filing, state: str) -> Filing:
    """Test set-up only: put the row in ``state`` behind the state machine's back (queryset update)."""
    Filing.objects.filter(pk=filing.pk).update(state=state)
    return Filing.objects.get(pk=filing.pk)


@pytest.mark.django_db
def test_every_pair_not_in_the_spec_is_refused_with_a_conflict_and_no_event(filing, alice, sam):
    actors = {"applicant": alice, "specialist": sam, "system": SYSTEM, "applicant or system": alice}
    refused = 0
    for state in STATES:
        for transition, sources in ALLOWED.items():
            if state in sources:
                continue
            current = _force(filing, state)
            with pytest.raises(TransitionConflict):
                run_transition(
                    current, transition, by=actors[BY[transition]], arguments=ARGUMENTS.get(transition)
                )
            assert Filing.objects.get(pk=filing.pk).state == state
            refused += 1
    assert refused == len(STATES) * len(ALLOWED) - sum(len(s) for s in ALLOWED.values())
    assert not filing.events.exists()


@pytest.mark.django_db
def test_the_state_cannot_be_assigned_directly(filing):
    with pytest.raises(AttributeError):
        filing.state = "approved"
    with pytest.raises(IntegrityError), transaction.atomic():
        Filing.objects.filter(pk=filing.pk).update(state="no_such_state")


@pytest.mark.django_db
@pytest.mark.parametrize("transition", sorted(ALLOWED))
def test_only_the_named_actor_may_run_a_transition(filing, transition, alice, bob, sam, tina, olga):
    """An applicant cannot approve, a specialist cannot submit, nobody but the system speaks for MIIT; a
    specialist must hold the filing, an applicant must own it."""
    actors = {"owner": alice, "other applicant": bob, "claiming specialist": sam, "other specialist": tina}
    actors |= {"operator": olga, "system": SYSTEM}
    allowed_actors = {
        "applicant": {"owner"},
        "specialist": {"claiming specialist"},
        "system": {"system"},
        "applicant or system": {"owner", "system"},
    }[BY[transition]]
    for name, actor in actors.items():
        current = _force(filing, sorted(ALLOWED[transition])[-1])
        try:
            run_transition(current, transition, by=actor, arguments=ARGUMENTS.get(transition))
        except NotPermitted:
            assert name not in allowed_actors, f"{name} was refused {transition}"
        except ApplicationError as other:  # the conditions may not hold here; the actor was accepted
            assert name in allowed_actors, (
                f"{name} got past the permission check of {transition}: {other.code}"
            )
            assert not isinstance(other, TransitionConflict)
        else:
            assert name in allowed_actors, f"{name} ran {transition}"


@pytest.mark.django_db
def test_a_failed_condition_names_the_fields_and_changes_nothing(build, alice):
    filing = build.to(build.start(domains=["a.com", "b.com"]), "instance_verification")
    with pytest.raises(ApplicationError) as refused:
        run_transition(filing, "verify_instance", by=alice)
    assert refused.value.code == "conditions_not_met"
    assert set(refused.value.fields) == {"websites.0.service_number", "websites.1.service_number"}
    filing.refresh_from_db()
    assert filing.state == "instance_verification"
    assert filing.events.count() == 1


@pytest.mark.django_db
def test_the_runner_checks_each_condition_once_and_django_fsm_still_checks_them_elsewhere(
    build, alice, monkeypatch
):
    """``run_transition`` asks every condition for its problems on the locked row; the transition method's own
    check (django-fsm) does not run them a second time (``materials_complete`` reads a dozen rows). Outside
    the runner, django-fsm checks them as before."""
    from filings import conditions

    filing = build.to(build.start(), "self_check")
    calls = []
    original = conditions.materials_problems
    monkeypatch.setattr(conditions, "materials_problems", lambda f: calls.append(f.pk) or original(f))
    assert can_proceed(Filing.objects.get(pk=filing.pk).submit)  # django-fsm's check runs it
    assert calls == [filing.pk]
    calls.clear()
    run_transition(filing, "submit", by=alice)
    assert calls == [filing.pk]
    locked = Filing.objects.get(pk=filing.pk)
    assert locked.state == "provider_review" and not hasattr(locked, conditions.CHECKED)


@pytest.mark.django_db
def test_a_condition_failing_under_django_fsm_still_refuses_outside_the_runner(build):
    filing = build.to(build.start(), "instance_verification")
    assert not can_proceed(filing.verify_instance)  # no service number yet

"""Asking the state machine what may happen next, without trying (and refusing) every transition.

``services.available_transition`` answers one name with an exception (409 or 403) carrying a translated
message; asking it for each of the machine's 28 transitions cost an approved filing's API detail about 450
``gettext`` calls and most of its time (issue 15, P3). Here the transitions leaving a state are looked up once
per state (they are fixed when the class is built), only their permission is checked, and nothing is raised:
a message is built only for the one refusal a caller returns (``available_transition``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from filings.conditions import routed_to
from filings.models import Filing


@cache
def transitions_from(state: str) -> tuple[Any, ...]:
    """The django-fsm transitions whose source is ``state`` (``*`` and ``+`` sources included), in the order
    the model declares them, one per name."""
    field = Filing._meta.get_field("state")
    found: dict[str, Any] = {}
    for method in field.transitions[Filing].values():
        transition = method._django_fsm.get_transition(state)
        if transition is not None and transition.name not in found:
            found[transition.name] = transition
    return tuple(found.values())


def permitted_transitions(filing: Filing, user: Any) -> list[str]:
    """The transitions ``user`` may run from the filing's state: the state and the permission, as
    ``run_transition`` checks them first (409, 403). The conditions are left to the attempt, which names every
    field at fault (400), except the routing ones of four eyes (``filings.conditions.Routing``): of
    ``approve_first`` and ``approve``, only the one this user may give now is offered."""
    return [
        transition.name
        for transition in transitions_from(filing.state)
        if transition.has_perm(filing, user) and routed_to(transition, filing, user)
    ]


def may_run(filing: Filing, name: str, user: Any) -> bool:
    """Whether the state machine lets ``user`` run ``name`` now (state and permission; no exception)."""
    return any(
        transition.name == name and transition.has_perm(filing, user)
        for transition in transitions_from(filing.state)
    )

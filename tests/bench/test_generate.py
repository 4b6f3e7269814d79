"""The generator's plan (``bench.paths``, ``bench.generate.plan``): every generated filing's events follow the
state machine of ``filings/models.py``, and the proportions are the ones documented. The COPY itself runs
against PostgreSQL only (``python -m bench generate``), never in the suite."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django_fsm import RETURN_VALUE

from bench.generate import plan
from bench.paths import STATES, path_to
from filings.models import Filing


def _machine() -> dict[tuple[str, str], set[str]]:
    """(transition, source) → the states it may lead to."""
    found: dict[tuple[str, str], set[str]] = {}
    for transition in Filing._meta.get_field("state").get_all_transitions(Filing):
        target = transition.target
        targets = set(target.allowed_states) if isinstance(target, RETURN_VALUE) else {target}
        found.setdefault((transition.name, transition.source), set()).update(targets)
    return found


@pytest.mark.parametrize("state", list(STATES))
def test_each_path_is_a_walk_through_the_state_machine(state):
    machine = _machine()
    rng = random.Random(15)
    for _ in range(40):
        path = path_to(state, rng)
        at = "type_detection"
        for transition, source, target in path:
            assert source == at, path
            assert target in machine.get((transition, source), set()), (transition, source, target)
            at = target
        assert at == state


def test_the_plan_keeps_the_proportions_and_website_counts():
    planned = plan(10_000, seed=1)
    states = Counter(state for state, _websites in planned)
    assert states["approved"] == 6000 and states["withdrawn"] == 1400 and states["provider_review"] == 400
    sizes = Counter(websites for _state, websites in planned)
    assert set(sizes) <= set(range(1, 11)) and sizes[1] > 6500 and sizes[10] > 0

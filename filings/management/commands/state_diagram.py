"""``manage.py state_diagram``: the filing's state machine as Graphviz dot, read from ``filings/models.py``.

Each edge is one transition with who runs it and the conditions that must hold for it, so the picture in the
README says what the code says (django-fsm's own ``graph_transitions`` draws the names only). The output is
sorted, so the committed file changes only when the machine does (``make diagram``; ``tests/test_docs.py``).
"""

from __future__ import annotations

from typing import Any

import graphviz
from django.core.management.base import BaseCommand
from django.utils import translation
from django_fsm import RETURN_VALUE

from filings.models import Filing
from filings.states import FilingState


def _words(name: str) -> str:
    return name.removeprefix("by_").replace("_", " ")


def _targets(transition: Any) -> list[str]:
    target = transition.target
    return sorted(target.allowed_states) if isinstance(target, RETURN_VALUE) else [target]


def state_diagram() -> graphviz.Digraph:
    transitions = Filing._meta.get_field("state").get_all_transitions(Filing)
    edges: set[tuple[str, str, str]] = set()
    sources: set[str] = set()
    for transition in transitions:
        who = _words(transition.permission.__name__) if transition.permission else "anyone"
        label = f"{transition.name} ({who})"
        if transition.conditions:
            label += "\\nif " + ", ".join(_words(condition.__name__) for condition in transition.conditions)
        sources.add(transition.source)
        for target in _targets(transition):
            edges.add((transition.source, target, label))
    graph = graphviz.Digraph(
        "filing", graph_attr={"rankdir": "TB", "fontname": "Helvetica"}, node_attr={"fontname": "Helvetica"}
    )
    graph.attr("edge", fontname="Helvetica", fontsize="10")
    for state in FilingState:
        final = state.value not in sources  # no way out: drawn with a double border
        graph.node(
            state.value,
            label=str(state.label),
            shape="box",
            style="rounded",
            peripheries="2" if final else "1",
        )
    for source, target, label in sorted(edges):
        graph.edge(source, target, label=label)
    return graph


class Command(BaseCommand):
    help = "Print the filing state machine as Graphviz dot (transitions with who runs them and their conditions)."

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("en"):
            self.stdout.write(state_diagram().source)

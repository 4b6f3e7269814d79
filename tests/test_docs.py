"""The documentation's state diagram is generated from the code: it must not fall behind."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
EDGE = re.compile(r'"filings\.filing\.state\.(\w+)" -> "filings\.filing\.state\.(\w+)" \[label=(\w+)\]')


def _edges(dot: str) -> set[tuple[str, str, str]]:
    return set(EDGE.findall(dot))


def test_the_committed_state_diagram_matches_the_state_machine(capsys):
    call_command("graph_transitions", "filings.Filing")
    generated = _edges(capsys.readouterr().out)
    committed = _edges((ROOT / "docs" / "state-machine.dot").read_text(encoding="utf-8"))
    assert generated, "graph_transitions produced no edges"
    assert committed == generated, "run `make diagram` and commit docs/state-machine.*"
    assert (ROOT / "docs" / "state-machine.png").stat().st_size > 10_000


def test_the_readme_shows_the_diagram():
    assert "docs/state-machine.png" in (ROOT / "README.md").read_text(encoding="utf-8")

"""The documentation's state diagram is generated from the code: it must not fall behind."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_state_diagram_matches_the_state_machine(capsys):
    """Generated from filings/models.py with who runs each transition and its conditions; sorted, so any
    change of the machine (a new condition included) changes the file."""
    call_command("state_diagram")
    generated = capsys.readouterr().out
    assert "resubmit (applicant)\\nif named fields changed" in generated
    committed = (ROOT / "docs" / "state-machine.dot").read_text(encoding="utf-8")
    assert committed == generated, "run `make diagram` and commit docs/state-machine.*"
    assert (ROOT / "docs" / "state-machine.png").stat().st_size > 10_000


def test_the_readme_shows_the_diagram():
    assert "docs/state-machine.png" in (ROOT / "README.md").read_text(encoding="utf-8")

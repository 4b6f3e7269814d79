"""``python -m bench``: the table and the exit status (the timings themselves are never asserted)."""

from __future__ import annotations

import json

import pytest

import bench.__main__ as bench_main


def _p5_row(ratio: float) -> dict:
    """A row in P5's first shape (seconds, a ≤ bar as a number), which the table still reads."""
    return {
        "figure": "P5",
        "what": "process_image vs a full decode",
        "value_s": 0.05 * ratio,
        "floor_s": 0.05,
        "ratio": ratio,
        "bar": 1.0,
        "holds": ratio <= 1.0,
    }


def _p3_row(ratio: float) -> dict:
    """A row in the general shape (``bench/README.md``)."""
    return {
        "figure": "P3",
        "what": "API detail under gunicorn",
        "value": 600.0 * ratio,
        "floor": 600.0,
        "unit": "req/s",
        "ratio": ratio,
        "bar": "≥ 0.50×",
        "holds": ratio >= 0.5,
    }


@pytest.fixture
def figures(monkeypatch):
    def use(*rows: dict) -> None:
        monkeypatch.setattr(bench_main, "FIGURES", [("PX", "tests.bench.test_main:_rows")])
        monkeypatch.setattr(bench_main, "_setup_django", lambda: None)
        monkeypatch.setattr(bench_main, "_function", lambda dotted: lambda run: list(rows))

    return use


@pytest.mark.parametrize(("ratio", "status", "verdict"), [(0.8, 0, "yes"), (1.3, 1, "NO")])
def test_the_table_and_the_exit_status(figures, capsys, ratio, status, verdict):
    figures(_p5_row(ratio))
    assert bench_main.main(["--quick"]) == status
    header, rule, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["figure", "what", "value", "floor", "ratio", "bar", "holds?"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert row.startswith("P5") and f"{ratio:.2f}×" in row and "≤ 1.00×" in row and row.endswith(verdict)


def test_general_rows_and_the_json_copy(figures, capsys):
    figures(_p3_row(0.6), _p5_row(1.2))
    assert bench_main.main(["--json"]) == 1  # P5 fails
    out = capsys.readouterr().out
    table, _, data = out.partition("\n[")
    assert "360.0 req/s" in table and "≥ 0.50×" in table
    rows = json.loads("[" + data)
    assert [(row["figure"], row["holds"]) for row in rows] == [("P3", True), ("P5", False)]
    assert rows[1]["unit"] == "s" and rows[1]["value"] == pytest.approx(0.06)

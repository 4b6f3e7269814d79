"""``python -m bench``: the table and the exit status (the timings themselves are never asserted)."""

from __future__ import annotations

import pytest

import bench.__main__ as bench_main


def _result(ratio: float) -> dict:
    return {
        "figure": "P5",
        "what": "process_image vs a full decode",
        "value_s": 0.05 * ratio,
        "floor_s": 0.05,
        "ratio": ratio,
        "bar": 1.0,
        "holds": ratio <= 1.0,
    }


@pytest.mark.parametrize(("ratio", "status", "verdict"), [(0.8, 0, "yes"), (1.3, 1, "NO")])
def test_the_table_and_the_exit_status(monkeypatch, capsys, ratio, status, verdict):
    monkeypatch.setattr(bench_main, "FIGURES", [lambda: _result(ratio)])
    assert bench_main.main() == status
    header, rule, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["figure", "what", "value", "floor", "ratio", "bar", "holds?"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert row.startswith("P5") and f"{ratio:.2f}×" in row and "≤ 1.00×" in row and row.endswith(verdict)

"""``python -m bench``: measure every figure of ``quality.md`` implemented so far and print one table.

Each figure is a ratio to a floor measured in the same run (the machines are shared and noisy); the command
exits with status 1 when any bar does not hold, so CI or a person can run it as a check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from bench.p5_material_pipeline import measure_p5

# Figure measurements in quality.md's order; each returns figure, what, value_s, floor_s, ratio, bar, holds.
FIGURES: list[Callable[[], dict]] = [measure_p5]
COLUMNS = ("figure", "what", "value", "floor", "ratio", "bar", "holds?")


def _row(result: dict) -> tuple[str, ...]:
    return (
        result["figure"],
        result["what"],
        f"{result['value_s'] * 1000:.1f} ms",
        f"{result['floor_s'] * 1000:.1f} ms",
        f"{result['ratio']:.2f}×",
        f"≤ {result['bar']:.2f}×",
        "yes" if result["holds"] else "NO",
    )


def render(results: list[dict]) -> str:
    rows = [COLUMNS, *(_row(result) for result in results)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def main() -> int:
    results = []
    for measure in FIGURES:
        print(f"measuring {measure.__name__} …", file=sys.stderr, flush=True)
        results.append(measure())
    print(render(results))
    return 0 if all(result["holds"] for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())

"""``python -m bench``: measure every figure of ``quality.md`` and print one table.

    python -m bench generate --filings 100000   fill PostgreSQL (DATABASE_URL) with a provider's data set
    python -m bench                             every figure on 100,000 filings (generated first if fewer)
    python -m bench --quick                     the same on 10,000 filings, in a few minutes
    python -m bench --json                      the table as JSON on stdout too
    python -m bench --only P3,P5                some figures only
    python -m bench --p4-filings 200            fewer filings through P4's pipeline (1,000 by default)

Each figure is a ratio to a floor measured in the same run (the machines are shared and noisy); absolute times
are printed beside them, never asserted. The command exits with status 1 when any bar does not hold.
A figure module (``bench/p<N>_<what>.py``) has one function taking the run's ``Run`` and returning rows;
``FIGURES`` names them in order (the shape of a row: ``bench/README.md``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class Run:
    """What every figure of one run shares: the number of filings the data set holds."""

    filings: int
    quick: bool = False
    p4_filings: int = 1000  # quality.md's 1,000 (100 with --quick)


# (figure, "module:function"), in quality.md's order; each function takes a Run and returns a list of rows.
FIGURES: list[tuple[str, str]] = [
    ("P1", "bench.p1_queries:measure_p1"),
    ("P2", "bench.p2_latency:measure_p2"),
    ("P3", "bench.p3_throughput:measure_p3"),
    ("P4", "bench.p4_pipeline:measure_p4"),
    ("P5", "bench.p5_material_pipeline:measure_p5_rows"),
    ("P6", "bench.p6_generate:measure_p6"),
    ("P7", "bench.p7_certificate_recognition:measure_p7"),
]
COLUMNS = ("figure", "what", "value", "floor", "ratio", "bar", "holds?")


def _amount(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.1f} s"
    if unit in ("queries", "tasks"):
        return f"{value:g} {unit}"
    return f"{value:,.1f} {unit}"


def normalise(result: dict[str, Any]) -> dict[str, Any]:
    """A row in the general shape; P5's first shape (``value_s``, ``floor_s``, ``bar`` as a ≤ ratio) too."""
    if "value_s" in result:
        result = {
            **{key: value for key, value in result.items() if key not in ("value_s", "floor_s")},
            "value": result["value_s"],
            "floor": result["floor_s"],
            "unit": "s",
            "bar": f"≤ {result['bar']:.2f}×" if isinstance(result["bar"], (int, float)) else result["bar"],
        }
    return result


def _row(result: dict[str, Any]) -> tuple[str, ...]:
    result = normalise(result)
    unit = result.get("unit", "s")
    ratio = result.get("ratio")
    return (
        result["figure"],
        result["what"],
        _amount(result["value"], unit),
        _amount(result["floor"], result.get("floor_unit", unit)) if result.get("floor") is not None else "—",
        f"{ratio:.2f}×" if ratio is not None else "—",
        result["bar"],
        "yes" if result["holds"] else "NO",
    )


def render(results: list[dict[str, Any]]) -> str:
    rows = [COLUMNS, *(_row(result) for result in results)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


# The portal's settings, with what the figures need from the environment (inherited by P3's gunicorn and
# P4's worker): P4's registrar knows every domain (``bench.registrar``), MIIT's simulator answers at once.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "icp_portal.settings",
    "REGISTRAR_GATEWAY": "bench.registrar.BenchRegistrar",
    "SIMULATOR_MIIT_REVIEW_DELAY_SECONDS": "0",
}


def _setup_django() -> None:
    for name, value in ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.site"  # the floors' views beside the portal's URLs (P1, P2)


def _function(dotted: str) -> Callable[[Run], list[dict[str, Any]]]:
    module, name = dotted.split(":")
    return getattr(import_module(module), name)


NEEDS_DATA = {"P1", "P2", "P3", "P4", "P6"}


def measure(run: Run, only: set[str] | None = None) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    wanted = {figure for figure, _dotted in FIGURES if not only or figure in only}
    if NEEDS_DATA & wanted:  # the data set first (its generation is P6)
        from bench.p6_generate import ensure_data

        print(f"the data set: {run.filings:,} filings …", file=sys.stderr, flush=True)
        ensure_data(run)
    for figure, dotted in FIGURES:
        if only and figure not in only:
            continue
        print(f"measuring {figure} ({dotted}) …", file=sys.stderr, flush=True)
        results += [normalise(row) for row in _function(dotted)(run)]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 filings instead of 100,000")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON after the table")
    parser.add_argument("--only", default="", help="figures to measure, e.g. P3,P5")
    parser.add_argument("--p4-filings", type=int, default=None, help="P4's filings (1,000; 100 with --quick)")
    commands = parser.add_subparsers(dest="command")
    generating = commands.add_parser("generate", help="fill the database with generated filings")
    generating.add_argument("--filings", type=int, default=100_000)
    arguments = parser.parse_args(argv)
    _setup_django()
    if arguments.command == "generate":
        from bench.generate import generate

        done = generate(arguments.filings)
        print(f"{done.filings} filings, {done.total_rows} rows in {done.seconds:.1f} s")
        for table, count in done.rows.items():
            print(f"  {table:32} {count:>9}")
        return 0
    p4_filings = arguments.p4_filings or (100 if arguments.quick else 1000)
    run = Run(filings=10_000 if arguments.quick else 100_000, quick=arguments.quick, p4_filings=p4_filings)
    only = {name.strip().upper() for name in arguments.only.split(",") if name.strip()} or None
    results = measure(run, only)
    print(render(results))
    if arguments.json:
        print(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    return 0 if all(result["holds"] for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())

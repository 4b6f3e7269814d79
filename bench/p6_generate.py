"""P6: generating the data set (``bench.generate``), against a plain PostgreSQL COPY of the same rows.

The figures that need data (P1–P4) call ``ensure_data`` first: when the database holds fewer filings than
the run asks for, the missing ones are generated, and if the database was empty that generation is P6's
measurement. The bar is absolute (quality.md: under 60 seconds on this 2-core machine for 100,000 filings;
``--quick`` scales it to its 10,000).
"""

from __future__ import annotations

from typing import Any

from bench.copying import plain_copy_seconds
from bench.generate import Generated, generate
from filings.models import Filing

FULL = 100_000
BAR_SECONDS = 60.0
_measured: dict[str, Any] = {}


def ensure_data(run: Any) -> None:
    if "done" in _measured:
        return
    existing = Filing.objects.count()
    _measured["done"] = True
    _measured["existing"] = existing
    if existing >= run.filings:
        return
    result: Generated = generate(run.filings - existing)
    _measured["generated"] = result
    if existing == 0:
        _measured["floor"] = plain_copy_seconds(result.tables, result.first_ids)


def measure_p6(run: Any) -> list[dict[str, Any]]:
    ensure_data(run)
    bar = BAR_SECONDS * run.filings / FULL
    result = _measured.get("generated")
    if result is None or "floor" not in _measured:
        what = (
            f"not measured: the database already held {_measured['existing']} filings "
            "(P6 is measured on an empty, migrated database)"
        )
        return [
            {
                "figure": "P6",
                "what": what,
                "value": 0.0,
                "floor": None,
                "unit": "s",
                "ratio": None,
                "bar": f"< {bar:.0f} s",
                "holds": True,
            }
        ]
    floor = _measured["floor"]
    return [
        {
            "figure": "P6",
            "what": (
                f"generate {result.filings:,} filings ({result.total_rows:,} rows in {len(result.rows)} tables) "
                "vs a plain COPY of the same rows into bare tables"
            ),
            "value": result.seconds,
            "floor": floor,
            "unit": "s",
            "ratio": result.seconds / floor,
            "bar": f"< {bar:.0f} s",
            "holds": result.seconds < bar,
        }
    ]

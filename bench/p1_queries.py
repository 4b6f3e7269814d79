"""P1: SQL queries per page, the same with a handful of filings and with the whole data set, with 1 website
per filing and with 10.

The small data set is a fresh database (Django's test-database creation, migrated) holding one generated
filing per page's state and website count (``SMALL``); the large one is the run's database (100,000 filings,
10,000 with ``--quick``). Each page is counted after one warm-up request.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection

from bench.pages import Page, client_for, count_queries, pages, scene

SIZES = (1, 10)
SMALL_STATES = (
    "approved",
    "provider_review",
    "provider_rejected",
    "instance_verification",
    "information",
    "materials",
    "self_check",
)


def counts_here() -> dict[tuple[str, int], tuple[int, int]]:
    """(page, websites) → (status, queries) in the current database."""
    found: dict[tuple[str, int], tuple[int, int]] = {}
    for websites in SIZES:
        for page in pages(scene(websites)):
            found[(page.name, websites)] = count_queries(client_for(page.user, page.kind), page.url)
    return found


def counts_small() -> dict[tuple[str, int], tuple[int, int]]:
    """The same in a fresh database with one filing per state and website count (14 filings)."""
    from bench.generate import generate

    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})["NAME"] = f"{database['NAME']}_p1_small"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        planned = [(state, websites) for state in SMALL_STATES for websites in SIZES]
        generate(len(planned), planned=planned, show=None)
        return counts_here()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def measure_p1(run: Any) -> list[dict[str, Any]]:
    small = counts_small()
    large = counts_here()
    rows = []
    for name in dict.fromkeys(name for name, _websites in large):
        seen = {
            f"{label} {websites}w": counts[(name, websites)]
            for label, counts in (("small", small), (f"{run.filings // 1000}k", large))
            for websites in SIZES
            if (name, websites) in counts
        }
        statuses = {status for status, _count in seen.values()}
        numbers = [count for _status, count in seen.values()]
        detail = ", ".join(f"{key}: {count}" for key, (_status, count) in seen.items())
        ok = len(set(numbers)) == 1 and statuses <= {200} and len(seen) == 2 * len(SIZES)
        rows.append(
            {
                "figure": "P1",
                "what": f"{name} ({detail}{'' if statuses <= {200} else f'; HTTP {sorted(statuses)}'})",
                "value": max(numbers),
                "floor": min(numbers),
                "unit": "queries",
                "ratio": max(numbers) / max(min(numbers), 1),
                "bar": "= (same count)",
                "holds": ok,
            }
        )
    return rows


def page_names(found: list[Page]) -> list[str]:
    return [page.name for page in found]

"""P2: median and p95 in-process latency of P1's pages on the run's data set, against a bare view running one
indexed query for the same rows and returning them unrendered (``bench.site``): API ≤ 2×, HTML pages ≤ 3×.

Requests to a page and to its floor alternate, so the machine's noise falls on both alike; both go through
the same middleware (Django's test client, the whole stack but the network).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench.pages import client_for, pages, scene

BARS = {"api": 2.0, "html": 3.0}


def _timed(client: Any, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return elapsed


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_p2(run: Any) -> list[dict[str, Any]]:
    repeats = 15 if run.quick else 30
    rows = []
    for page in pages(scene(10)):
        client = client_for(page.user, page.kind)
        for _ in range(3):  # warm up: sessions, caches, the first compiled templates
            client.get(page.url)
            client.get(page.floor)
        values, floors = [], []
        for _ in range(repeats):
            values.append(_timed(client, page.url))
            floors.append(_timed(client, page.floor))
        median, floor = statistics.median(values), statistics.median(floors)
        ratio = median / floor
        bar = BARS[page.kind]
        rows.append(
            {
                "figure": "P2",
                "what": (
                    f"{page.name} ({page.kind}), median of {repeats}; p95 {p95(values) * 1000:.1f} ms "
                    f"vs {p95(floors) * 1000:.1f} ms"
                ),
                "value": median,
                "floor": floor,
                "unit": "s",
                "ratio": ratio,
                "bar": f"≤ {bar:.2f}×",
                "holds": ratio <= bar,
            }
        )
    return rows

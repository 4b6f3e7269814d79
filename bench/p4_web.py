"""P4's web side: the applicants' submits and the specialist's approvals, the requests the web tier serves, run
by a pool of processes sized to the machine as concurrent requests would be (``spawn``: each process sets up
Django itself and opens its own database connection)."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

CHUNK = 10  # filings a pool process takes at a time


@dataclass(frozen=True)
class WebWork:
    """``requests`` done by ``processes`` in ``seconds`` of wall time; ``busy``: the seconds the requests took
    in their processes (median of one request: ``median``)."""

    requests: int
    processes: int
    seconds: float
    busy: float
    median: float


def _setup() -> None:
    from bench.__main__ import _setup_django

    _setup_django()


def _ready(_index: int) -> int:
    return os.getpid()


def submit_filings(ids: Sequence[int]) -> list[float]:
    """The applicant's "submit" of each filing (``filing_submit``: every rule again, with the registrar)."""
    from filings import services
    from filings.models import Filing

    durations = []
    for filing in Filing.objects.filter(pk__in=ids).select_related("applicant"):
        started = time.perf_counter()
        services.filing_submit(filing=filing, by=filing.applicant)
        durations.append(time.perf_counter() - started)
    return durations


def approve_filings(ids: Sequence[int]) -> list[float]:
    """The specialist takes each filing from the queue and approves it (its findings are in)."""
    from bench.p4_data import specialist
    from filings.models import Filing
    from reviews import services as review_services

    by = specialist()
    durations = []
    for filing in Filing.objects.filter(pk__in=ids):
        started = time.perf_counter()
        claimed = review_services.review_claim(filing=filing, by=by)
        review_services.review_approve(filing=claimed, by=by)
        durations.append(time.perf_counter() - started)
    return durations


class WebPool:
    """``processes`` web processes, started once (their start-up is not measured)."""

    def __init__(self, processes: int | None = None) -> None:
        self.processes = processes or os.cpu_count() or 2
        self._executor = ProcessPoolExecutor(
            self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_setup
        )
        for _ in self._executor.map(_ready, range(self.processes * 2)):
            pass

    def run(self, work: Callable[[Sequence[int]], list[float]], ids: Sequence[int]) -> WebWork:
        started = time.perf_counter()
        durations = sorted(duration for chunk in self.map(work, ids) for duration in chunk)
        seconds = time.perf_counter() - started
        median = durations[len(durations) // 2] if durations else 0.0
        return WebWork(len(durations), self.processes, seconds, sum(durations), median)

    def map(self, work: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any]) -> list[list[Any]]:
        """``work`` over ``items`` in chunks, each chunk's result in order."""
        chunks = [list(items[start : start + CHUNK]) for start in range(0, len(items), CHUNK)]
        return list(self._executor.map(work, chunks))

    def close(self) -> None:
        self._executor.shutdown()

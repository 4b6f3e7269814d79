"""P4: filings from ``submit`` to ``approved`` through a real Celery worker, Redis and the MIIT simulator at zero
delay, against a no-op task round trip: filings per second, tasks per filing, and per-filing time ≤ 2 ×
(tasks per filing × no-op time).

1. Prepare the filings up to ``self_check`` through the services, as an applicant would (``bench.p4_data``).
2. Empty Redis database of the run (the jobs the preparation queued were run in process), start a worker
   (``celery -A icp_portal worker -I bench.tasks``, every queue but ``ocr``, 2 processes: this machine's cores)
   in the bench's environment (``bench.__main__.ENVIRONMENT``: MIIT's simulator answers at once, the
   registrar is ``bench.registrar``).
3. The floor: 500 no-op tasks sent at once, seconds per task until the worker ran them all; and one round trip.
4. Submit every filing (the applicant's request), approve each as it reaches the provider's review (the
   specialist's decision, at once), and wait until all are ``approved``: seconds per filing; the worker's
   task count (``bench.tasks``) per filing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import redis
from django.conf import settings

from bench.p4_data import prepare
from bench.tasks import COUNTER, NOOPS, noop_task
from common.errors import ApplicationError
from filings import services
from filings.models import Filing
from reviews import services as review_services

NOOP_TASKS = 500
WORKER_PROCESSES = 2
TIMEOUT = 1800.0


def _worker() -> subprocess.Popen:
    celery = Path(sys.executable).with_name("celery")
    command = [str(celery), "-A", "icp_portal", "worker", "-I", "bench.tasks", "-Q",
               "default,miit,notifications,materials", "-c", str(WORKER_PROCESSES), "-l", "WARNING",
               "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)  # bench's environment


def _stop(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=60)


def _wait(condition: Any, timeout: float = TIMEOUT, poll: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("P4: the worker did not finish in time")
        time.sleep(poll)


def _noop_floor(store: redis.Redis) -> tuple[float, float]:
    """(seconds per no-op task in a batch, seconds of one round trip)."""
    store.set(NOOPS, 0)
    noop_task.delay()
    _wait(lambda: int(store.get(NOOPS) or 0) >= 1, 120)  # the worker is up
    store.set(NOOPS, 0)
    started = time.perf_counter()
    noop_task.delay()
    _wait(lambda: int(store.get(NOOPS) or 0) >= 1, 60, poll=0.001)  # a fine poll: the round trip is short
    round_trip = time.perf_counter() - started
    store.set(NOOPS, 0)
    started = time.perf_counter()
    for _ in range(NOOP_TASKS):
        noop_task.delay()
    _wait(lambda: int(store.get(NOOPS) or 0) >= NOOP_TASKS, 300, poll=0.005)
    return (time.perf_counter() - started) / NOOP_TASKS, round_trip


def _pipeline(ids: list[int], specialist: Any) -> tuple[float, float]:
    """(seconds from the first submit to the last approval, seconds the submits took in this process)."""
    started = time.perf_counter()
    for filing in Filing.objects.filter(pk__in=ids).select_related("applicant"):
        services.filing_submit(filing=filing, by=filing.applicant)
    submitting = time.perf_counter() - started
    deadline = time.monotonic() + TIMEOUT
    while Filing.objects.filter(pk__in=ids, state="approved").count() < len(ids):
        if time.monotonic() > deadline:
            raise TimeoutError("P4: not every filing reached approved")
        waiting = Filing.objects.filter(pk__in=ids, state="provider_review", claimed_by__isnull=True)
        for filing in waiting:
            try:
                review_services.review_approve(filing=review_services.review_claim(filing=filing, by=specialist),
                                               by=specialist)  # fmt: skip
            except ApplicationError:
                continue  # e.g. its findings are not in yet: the next round
        time.sleep(0.05)
    return time.perf_counter() - started, submitting


def measure_p4(run: Any) -> list[dict[str, Any]]:
    if not settings.REDIS_URL:
        return [{"figure": "P4", "what": "not measured: set REDIS_URL (the broker)", "value": 0.0, "floor": None,
                 "unit": "s", "ratio": None, "bar": "≤ 2.00×", "holds": False}]  # fmt: skip
    count = getattr(run, "p4_filings", 100 if run.quick else 1000)
    print(f"  P4: preparing {count} filings up to self_check …", file=sys.stderr, flush=True)
    ids, specialist = prepare(count)
    store = redis.Redis.from_url(settings.REDIS_URL)
    store.flushdb()  # the run's own database: the preparation's jobs already ran in process
    worker = _worker()
    try:
        noop_s, round_trip = _noop_floor(store)
        store.set(COUNTER, 0)
        print(f"  P4: {count} filings from submit to approved …", file=sys.stderr, flush=True)
        elapsed, submitting = _pipeline(ids, specialist)
        _wait(lambda: store.llen("miit") == 0 and store.llen("default") == 0, 120)
        tasks = int(store.get(COUNTER) or 0)
    finally:
        _stop(worker)
    per_filing = elapsed / count
    tasks_per_filing = tasks / count
    floor = tasks_per_filing * noop_s
    ratio = per_filing / floor if floor else float("inf")
    return [
        {
            "figure": "P4",
            "what": (
                f"{count} filings submit → approved, worker -c {WORKER_PROCESSES}: {count / elapsed:.1f} filings/s "
                f"(the {count} submits, run in turn by this process as the web would: {submitting:.0f} s), "
                f"{tasks_per_filing:.1f} tasks/filing; floor = tasks/filing × no-op task ({noop_s * 1000:.1f} ms "
                f"each in a batch of {NOOP_TASKS}, round trip {round_trip * 1000:.1f} ms)"
            ),
            "value": per_filing,
            "floor": floor,
            "unit": "s",
            "ratio": ratio,
            "bar": "≤ 2.00×",
            "holds": ratio <= 2.0,
            "filings_per_second": count / elapsed,
            "tasks_per_filing": tasks_per_filing,
            "submit_seconds": submitting,
            "noop_seconds": noop_s,
            "noop_round_trip_seconds": round_trip,
        }
    ]

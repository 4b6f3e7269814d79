"""P4: filings from ``submit`` to ``approved`` through a real Celery worker, Redis and the MIIT simulator at zero
delay, against a no-op task through the same broker and worker: filings per second, tasks per filing, and
per-filing time ≤ 2 × (tasks per filing × no-op time).

What is timed is the pipeline's work, the worker's: the requests around it (the applicant's submit, the
specialist's approval) are the web tier's, served by as many processes as a provider runs, and are measured
and reported beside it, not charged to the worker (on this machine they would share its two cores).

1. Prepare the filings up to ``self_check`` through the services, as an applicant would (``bench.p4_data``),
   in a pool of web processes (``bench.p4_web``, one per core); empty the run's Redis database (those jobs
   were run in process).
2. The floor: start a worker (``celery -A icp_portal worker -I bench.tasks``, every queue but ``ocr``, 2
   processes: this machine's cores) in the bench's environment (``bench.__main__.ENVIRONMENT``: MIIT's
   simulator answers at once, the registrar is ``bench.registrar``); 500 no-op tasks sent at once, seconds
   per task until the worker ran them all; one round trip. Stop it.
3. Submit every filing (the web pool; the worker stopped, so the jobs queue up).
4. Phase 1, the worker from its start (``worker_ready``) to its last task: the submission notices and each
   filing's automated findings. Stop it.
5. The specialist approves every filing (the web pool: claim, approve), which queues the MIIT hand-over.
6. Phase 2, a worker from its start to its last task: the hand-over, MIIT's review (the simulator's job),
   the outcome, the approval notices. Every filing must be ``approved``.
7. Per filing: (phase 1 + phase 2) / filings; tasks per filing and each task's own seconds from the worker
   (``bench.tasks``).
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
from django.db import connections

from bench import tasks as worker_side
from bench.p4_data import preparation_jobs, prepare_filings
from bench.p4_web import WebPool, WebWork, approve_filings, submit_filings
from filings.models import Filing
from reviews.models import FindingRun

NOOP_TASKS = 500
WORKER_PROCESSES = 2
TIMEOUT = 1800.0
QUEUES = ("default", "miit", "notifications", "materials")


def _worker(store: redis.Redis) -> tuple[subprocess.Popen, float]:
    """A worker started in the bench's environment, and the moment (``time.time()``) it began consuming."""
    store.delete(worker_side.READY)
    celery = Path(sys.executable).with_name("celery")
    command = [str(celery), "-A", "icp_portal", "worker", "-I", "bench.tasks", "-Q", ",".join(QUEUES),
               "-c", str(WORKER_PROCESSES), "-l", "WARNING",
               "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
    worker = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
    _wait(lambda: store.get(worker_side.READY) is not None or worker.poll() is not None, 120)
    if worker.poll() is not None:
        raise RuntimeError("P4: the worker did not start")
    return worker, float(store.get(worker_side.READY))


def _stop(worker: subprocess.Popen) -> None:
    """A warm shutdown (the main process finishes its tasks and stops its pool), then the group if needed."""
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=60)


def _wait(condition: Any, timeout: float = TIMEOUT, poll: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("P4: the worker did not finish in time")
        time.sleep(poll)


def _idle(store: redis.Redis) -> bool:
    """No message waiting in a queue and none held by a worker (acknowledged late: held until it has run,
    after the jobs it sent are queued)."""
    return all(store.llen(queue) == 0 for queue in QUEUES) and store.hlen("unacked") == 0


def _noop_floor(store: redis.Redis) -> tuple[float, float]:
    """(seconds per no-op task in a batch, seconds of one round trip)."""
    worker, _ready = _worker(store)
    try:
        worker_side.noop_task.delay()
        _wait(lambda: int(store.get(worker_side.NOOPS) or 0) >= 1, 120)  # the pool processes are up
        store.set(worker_side.NOOPS, 0)
        started = time.perf_counter()
        worker_side.noop_task.delay()
        _wait(lambda: int(store.get(worker_side.NOOPS) or 0) >= 1, 60, poll=0.001)  # the round trip is short
        round_trip = time.perf_counter() - started
        store.set(worker_side.NOOPS, 0)
        started = time.perf_counter()
        for _ in range(NOOP_TASKS):
            worker_side.noop_task.delay()
        _wait(lambda: int(store.get(worker_side.NOOPS) or 0) >= NOOP_TASKS, 300, poll=0.002)
        return (time.perf_counter() - started) / NOOP_TASKS, round_trip
    finally:
        _stop(worker)


def _phase(store: redis.Redis, done: Any) -> float:
    """Seconds from a new worker's start to its last task, once ``done()`` holds and the queues are empty."""
    store.delete(worker_side.LAST_END)
    worker, ready = _worker(store)
    try:
        _wait(lambda: done() and _idle(store))
    finally:
        _stop(worker)
    last = store.get(worker_side.LAST_END)
    return float(last) - ready if last is not None else 0.0


def _tasks(store: redis.Redis) -> dict[str, tuple[int, float]]:
    counts = {name.decode(): int(value) for name, value in store.hgetall(worker_side.COUNTS).items()}
    seconds = {name.decode(): float(value) for name, value in store.hgetall(worker_side.SECONDS).items()}
    return {name: (count, seconds.get(name, 0.0)) for name, count in sorted(counts.items())}


def _web(work: WebWork) -> str:
    return f"{work.median * 1000:.0f} ms each, {work.requests / work.seconds:.1f}/s in {work.processes} processes"


def measure_p4(run: Any) -> list[dict[str, Any]]:
    if not settings.REDIS_URL:
        return [{"figure": "P4", "what": "not measured: set REDIS_URL (the broker)", "value": 0.0, "floor": None,
                 "unit": "s", "ratio": None, "bar": "≤ 2.00×", "holds": False}]  # fmt: skip
    count = getattr(run, "p4_filings", 100 if run.quick else 1000)
    store = redis.Redis.from_url(settings.REDIS_URL)
    connections.close_all()  # the pool's processes open their own
    pool = WebPool()
    try:
        print(f"  P4: preparing {count} filings up to self_check …", file=sys.stderr, flush=True)
        ids = [pk for chunk in pool.map(prepare_filings, preparation_jobs(count)) for pk in chunk]
        store.flushdb()  # the run's own database: the preparation's jobs already ran in process
        noop_s, round_trip = _noop_floor(store)
        store.delete(worker_side.COUNTER, worker_side.COUNTS, worker_side.SECONDS)
        print(f"  P4: {count} filings from submit to approved …", file=sys.stderr, flush=True)
        submits = pool.run(submit_filings, ids)
        reviewed = FindingRun.objects.filter(filing_id__in=ids)
        findings_s = _phase(store, lambda: reviewed.count() == len(ids))
        approvals = pool.run(approve_filings, ids)
        approved = Filing.objects.filter(pk__in=ids, state="approved")
        miit_s = _phase(store, lambda: approved.count() == len(ids))
    finally:
        pool.close()
    tasks = _tasks(store)
    elapsed = findings_s + miit_s
    per_filing = elapsed / count
    tasks_per_filing = sum(runs for runs, _seconds in tasks.values()) / count
    task_seconds = sum(seconds for _runs, seconds in tasks.values())
    floor = tasks_per_filing * noop_s
    ratio = per_filing / floor if floor else float("inf")
    return [
        {
            "figure": "P4",
            "what": (
                f"{count} filings submit → approved, the worker's time (-c {WORKER_PROCESSES}, from its start to "
                f"its last task; findings {findings_s:.1f} s, MIIT {miit_s:.1f} s): {count / elapsed:.1f} "
                f"filings/s, {tasks_per_filing:.1f} tasks/filing ({task_seconds / count * 1000:.0f} ms of task "
                f"bodies each); floor = tasks/filing × no-op task ({noop_s * 1000:.1f} ms each in a batch of "
                f"{NOOP_TASKS}, round trip {round_trip * 1000:.1f} ms). Web, beside: submit {_web(submits)}; "
                f"claim+approve {_web(approvals)}"
            ),
            "value": per_filing,
            "floor": floor,
            "unit": "s",
            "ratio": ratio,
            "bar": "≤ 2.00×",
            "holds": ratio <= 2.0,
            "filings_per_second": count / elapsed,
            "tasks_per_filing": tasks_per_filing,
            "phase_findings_seconds": findings_s,
            "phase_miit_seconds": miit_s,
            "tasks": {name: {"runs": runs, "seconds": seconds} for name, (runs, seconds) in tasks.items()},
            "submit_median_seconds": submits.median,
            "submit_wall_seconds": submits.seconds,
            "approve_median_seconds": approvals.median,
            "approve_wall_seconds": approvals.seconds,
            "web_processes": submits.processes,
            "noop_seconds": noop_s,
            "noop_round_trip_seconds": round_trip,
        }
    ]

"""P4's worker side (``celery worker -I bench.tasks``): the no-op task of the floor, a count of every task the
worker runs and the seconds each kind took (task_prerun → task_postrun, in the worker process), and the moment
the worker is ready to consume — kept in Redis for the driver to read (``bench.p4_pipeline``)."""

from __future__ import annotations

import os
import time
from typing import Any

import redis
from celery import shared_task
from celery.signals import task_postrun, task_prerun, worker_ready
from django.conf import settings

COUNTER = "bench:tasks"
NOOPS = "bench:noops"
SECONDS = "bench:task_seconds"  # task name → seconds spent running it (a hash)
COUNTS = "bench:task_counts"  # task name → runs (a hash)
READY = "bench:worker_ready"  # time.time() when the worker began consuming
LAST_END = "bench:last_end"  # time.time() when the latest task (no-ops aside) finished
NOOP_NAME = "bench.tasks.noop_task"

_clients: dict[int, redis.Redis] = {}
_started: dict[str, float] = {}


def store() -> redis.Redis:
    """One client per process (a forked pool process opens its own), so that counting costs one round trip
    and not a new connection per task."""
    client = _clients.get(os.getpid())
    if client is None:
        client = _clients[os.getpid()] = redis.Redis.from_url(settings.REDIS_URL)
    return client


@shared_task(name=NOOP_NAME, ignore_result=True)
def noop_task() -> None:
    store().incr(NOOPS)


@task_prerun.connect
def _begin(sender: Any = None, task_id: str = "", **kwargs: Any) -> None:
    if getattr(sender, "name", "") != NOOP_NAME:
        _started[task_id] = time.perf_counter()


@task_postrun.connect
def _end(sender: Any = None, task_id: str = "", **kwargs: Any) -> None:
    started = _started.pop(task_id, None)
    if started is None:
        return
    name = getattr(sender, "name", "?")
    pipe = store().pipeline(transaction=False)
    pipe.hincrbyfloat(SECONDS, name, time.perf_counter() - started)
    pipe.hincrby(COUNTS, name, 1)
    pipe.incr(COUNTER)
    pipe.set(LAST_END, repr(time.time()))
    pipe.execute()


@worker_ready.connect
def _ready(**kwargs: Any) -> None:
    store().set(READY, repr(time.time()))

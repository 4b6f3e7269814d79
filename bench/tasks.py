"""P4's worker side (``celery worker -I bench.tasks``): the no-op task of the floor, and a count of every task
the worker runs, kept in Redis (``bench:tasks``) for the driver to read."""

from __future__ import annotations

from typing import Any

import redis
from celery import shared_task
from celery.signals import task_prerun
from django.conf import settings

COUNTER = "bench:tasks"
NOOPS = "bench:noops"


def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL)


@shared_task(name="bench.tasks.noop_task", ignore_result=True)
def noop_task() -> None:
    _redis().incr(NOOPS)


@task_prerun.connect
def _count(sender: Any = None, **kwargs: Any) -> None:
    if getattr(sender, "name", "") != "bench.tasks.noop_task":
        _redis().incr(COUNTER)

"""What every app's jobs share: the retry policy for jobs that call outside systems, and dispatch by name.

A service sends its follow-up job by the job's dotted path (``dispatch_on_commit("materials.tasks.…", id)``)
rather than importing the tasks module: the tasks module imports the services it runs, and an import back
would tie the two into a circle.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.utils.module_loading import import_string


def retried_task(*transient: type[Exception], max_retries: int = 10, backoff_max: int = 600):
    """A job that calls an outside system: acknowledged late, retried with backoff only for that system's
    transient errors (anything else is a bug or a refusal, and retrying would not help)."""
    return shared_task(
        acks_late=True,
        autoretry_for=transient,
        retry_backoff=2,
        retry_backoff_max=backoff_max,
        retry_jitter=True,
        max_retries=max_retries,
    )


def dispatch_on_commit(task_path: str, *args: Any) -> None:
    """Send the job at ``task_path`` with ``args`` (ids only) once the current transaction commits; nothing
    is sent if it rolls back."""
    import_string(task_path).delay_on_commit(*args)


def dispatch(task_path: str, *args: Any, countdown: float | None = None) -> None:
    """Send the job at ``task_path`` with ``args`` (ids only) now, to run ``countdown`` seconds later if given
    (inside a transaction, wrap the call in ``transaction.on_commit``)."""
    import_string(task_path).apply_async(args, countdown=countdown)

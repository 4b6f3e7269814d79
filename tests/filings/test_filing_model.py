"""The Filing model's own behaviour beyond the transitions."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from filings.models import Filing


@pytest.mark.django_db(transaction=True)
def test_threads_reloading_filings_at_once_do_not_trip_the_protected_state(build):
    """django-fsm's refresh switches protection off on the state field shared by all threads; a worker thread
    reloading while another does failed with "Direct state modification is not allowed" (seen on PostgreSQL,
    where queries let threads interleave)."""
    filing = build.start()
    errors: list[Exception] = []

    def reload_repeatedly() -> None:
        other = Filing.objects.get(pk=filing.pk)
        try:
            for _ in range(300):
                other.refresh_from_db()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=reload_repeatedly) for _ in range(2)]
    for thread in threads:
        thread.start()
    for _ in range(300):
        filing.refresh_from_db()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.django_db
def test_a_reload_reads_the_state_and_clears_cached_relations(build, alice):
    filing = build.start()
    stale = Filing.objects.get(pk=filing.pk)
    assert stale.entity is not None  # cached
    Filing.objects.filter(pk=filing.pk).update(state="withdrawn")  # test set-up behind the machine's back
    stale.refresh_from_db()
    assert stale.state == "withdrawn"
    assert "entity" not in stale._state.fields_cache
    stale.refresh_from_db(fields=["filing_type"])
    assert stale.state == "withdrawn"

"""The findings job lost on its way to the broker is sent again by the sweep, once its round has waited."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from reviews import tasks
from reviews.findings import findings_compute

pytestmark = pytest.mark.django_db


def test_the_sweep_resends_the_jobs_of_rounds_without_findings_only(build, monkeypatch):
    lost = build.to(build.start(), "provider_review")
    computed = build.to(build.start(), "provider_review")
    findings_compute(filing_id=computed.pk, review_round=computed.review_round)
    sent: list[tuple] = []
    monkeypatch.setattr(tasks, "dispatch", lambda path, *args: sent.append((path, *args)))

    tasks.review_findings_sweep_task()
    assert sent == []  # fresh: its job may still be on the way

    with time_machine.travel(dt.timedelta(minutes=3)):
        tasks.review_findings_sweep_task()
    assert sent == [("reviews.tasks.review_findings_task", lost.pk, lost.review_round)]

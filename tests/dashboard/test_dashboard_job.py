"""The dashboard's job: scheduled every 5 minutes, found by a real worker, run from the "refresh now" button."""

from __future__ import annotations

import pytest
from celery.schedules import crontab

from icp_portal.celery import app
from icp_portal.dashboard.models import DashboardSummary
from icp_portal.dashboard.tasks import dashboard_refresh_task
from tests.conftest import wait_until

TASK = "icp_portal.dashboard.tasks.dashboard_refresh_task"


def test_the_job_is_scheduled_every_five_minutes():
    (entry,) = [entry for entry in app.conf.beat_schedule.values() if entry["task"] == TASK]
    assert entry["schedule"] == crontab(minute="*/5")


def test_the_job_goes_to_the_default_queue():
    assert app.amqp.router.route({}, TASK)["queue"].name == "default"


@pytest.mark.slow
@pytest.mark.django_db(
    transaction=True
)  # the worker's thread sees committed rows; regions reloaded after a flush
def test_a_real_worker_runs_the_job(celery_worker, alice, build):
    build.start()
    dashboard_refresh_task.delay()
    wait_until(lambda: DashboardSummary.objects.exists(), timeout=30)
    assert DashboardSummary.objects.get().data["filings"]["total"] == 1

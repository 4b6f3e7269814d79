"""The Celery app and every periodic schedule of the portal (one place, each job a bounded batch)."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icp_portal.settings")

app = Celery("icp_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Safety net for MIIT's callback: ask about every filing under MIIT review.
    "miit-outcome-poll": {"task": "filings.tasks.miit_outcome_poll_task", "schedule": 30.0},
    # Work whose dispatch never reached the broker (it was down at commit) is sent again.
    "miit-handover-sweep": {"task": "filings.tasks.miit_handover_sweep_task", "schedule": 60.0},
    # Return filings whose SMS codes are 24 hours old.
    "sms-expiry": {"task": "filings.tasks.sms_expiry_sweep_task", "schedule": crontab(minute="*/5")},
    # Uploads whose processing never ran (lost dispatch, killed worker) are processed again.
    "material-processing-sweep": {"task": "materials.tasks.material_processing_sweep_task", "schedule": 60.0},
    # Face checks whose result was never recorded are asked about again.
    "face-verification-poll": {"task": "materials.tasks.face_verification_poll_task", "schedule": 30.0},
    # Claims unused for REVIEW_CLAIM_TIMEOUT_MINUTES go back to the review queue.
    "review-claims-expire": {
        "task": "reviews.tasks.review_claims_expire_task",
        "schedule": crontab(minute="*/5"),
    },
    # Emails and SMS of the outbox whose dispatch never reached the broker, or whose worker died, are sent again.
    "notification-dispatch-sweep": {
        "task": "notifications.tasks.notification_dispatch_sweep_task",
        "schedule": 60.0,
    },
    # Provider reviews past their day are flagged for the operators (once a round).
    "review-overdue-escalate": {
        "task": "reviews.tasks.review_overdue_escalate_task",
        "schedule": crontab(minute="*/15"),
    },
}


@app.on_after_configure.connect
def add_gateway_schedules(sender: Celery, **kwargs: object) -> None:
    """Schedules that belong to the configured gateways (the simulators' own clock), named by settings."""
    from django.conf import settings

    sender.conf.beat_schedule.update(settings.GATEWAY_BEAT_SCHEDULE)

"""The Celery app and every periodic schedule of the portal (one place, each job a bounded batch)."""

from __future__ import annotations

import os

from celery import Celery
from celery.contrib.django.task import DjangoTask
from celery.schedules import crontab
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icp_portal.settings")


class PortalTask(DjangoTask):
    """Celery's Django task, whose ``delay_on_commit`` survives a broker that cannot be reached: the change
    has committed, so the error is logged (``django.db.backends.base``) rather than raised into the request,
    and the job's periodic sweep dispatches the work again."""

    def delay_on_commit(self, *args: object, **kwargs: object) -> None:
        def send() -> None:
            self.delay(*args, **kwargs)

        transaction.on_commit(send, robust=True)


app = Celery("icp_portal", task_cls=PortalTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["icp_portal.dashboard"])  # the top floor's own jobs live in a package of their own

app.conf.beat_schedule = {
    # Safety net for MIIT's callback: ask about every filing under MIIT review.
    "miit-outcome-poll": {"task": "filings.tasks.miit_outcome_poll_task", "schedule": 30.0},
    # Work whose dispatch never reached the broker (it was down at commit) is sent again.
    "miit-handover-sweep": {"task": "filings.tasks.miit_handover_sweep_task", "schedule": 60.0},
    # Return filings whose SMS codes are 24 hours old.
    "sms-expiry": {"task": "filings.tasks.sms_expiry_sweep_task", "schedule": crontab(minute="*/5")},
    # Uploads whose processing never ran (lost dispatch, killed worker) are processed again.
    "material-processing-sweep": {"task": "materials.tasks.material_processing_sweep_task", "schedule": 60.0},
    # Certificate photos whose reading was lost are read again; step-1 photos no filing took are deleted.
    "certificate-recognition-sweep": {
        "task": "materials.tasks.certificate_recognition_sweep_task",
        "schedule": 60.0,
    },
    # Face checks whose result was never recorded are asked about again.
    "face-verification-poll": {"task": "materials.tasks.face_verification_poll_task", "schedule": 30.0},
    # Claims unused for REVIEW_CLAIM_TIMEOUT_MINUTES go back to the review queue.
    "review-claims-expire": {
        "task": "reviews.tasks.review_claims_expire_task",
        "schedule": crontab(minute="*/5"),
    },
    # People whose SMS codes expire within 4 hours are reminded (once per round of codes).
    "sms-expiring-reminder": {
        "task": "filings.tasks.sms_expiring_reminder_task",
        "schedule": crontab(minute="*/15"),
    },
    # Applicant steps idle for 7, 15, 30 days get a reminder; 45 days idle → withdrawn by the system.
    "idle-filing-sweep": {
        "task": "filings.tasks.idle_filing_sweep_task",
        "schedule": crontab(hour=9, minute=0),
    },
    # The PSB number: reminders 7, 20 and 28 days after the approval, until every website has one.
    "psb-reminder": {"task": "filings.tasks.psb_reminder_task", "schedule": crontab(hour=9, minute=30)},
    # Emails and SMS of the outbox whose dispatch never reached the broker, or whose worker died, are sent again.
    "notification-dispatch-sweep": {
        "task": "notifications.tasks.notification_dispatch_sweep_task",
        "schedule": 60.0,
    },
    # Findings jobs lost on the way to the broker are sent again.
    "review-findings-sweep": {
        "task": "reviews.tasks.review_findings_sweep_task",
        "schedule": crontab(minute="*"),
    },
    # Provider reviews past their day are flagged for the operators (once a round).
    "review-overdue-escalate": {
        "task": "reviews.tasks.review_overdue_escalate_task",
        "schedule": crontab(minute="*/15"),
    },
    # The operators' dashboard: its figures computed again (the page only reads them).
    "dashboard-refresh": {
        "task": "icp_portal.dashboard.tasks.dashboard_refresh_task",
        "schedule": crontab(minute="*/5"),
    },
}


@app.on_after_configure.connect
def add_gateway_schedules(sender: Celery, **kwargs: object) -> None:
    """Schedules that belong to the configured gateways (the simulators' own clock), named by settings."""
    from django.conf import settings

    sender.conf.beat_schedule.update(settings.GATEWAY_BEAT_SCHEDULE)

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from simulators.miit import review_submission
from simulators.models import MiitSubmission, MiitSubmissionStatus

DUE_BATCH = 200


@shared_task(acks_late=True)
def miit_review_submission_task(submission_id: int) -> None:
    """The simulated MIIT decides one submission (a no-op when it is decided or not yet due)."""
    review_submission(submission_id)


@shared_task(acks_late=True)
def miit_review_due_task() -> None:
    """Decide every submission whose delay has passed (catches a countdown that was lost)."""
    due = MiitSubmission.objects.filter(
        status=MiitSubmissionStatus.IN_REVIEW, decide_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:DUE_BATCH]
    for submission_id in due:
        review_submission(submission_id)

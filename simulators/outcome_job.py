""" "Run the outcome job now": MIIT decides what is due, then the portal reads the decisions (the admin's button
and the simulator API's endpoint). The portal's side is reached through ``settings.MIIT_OUTCOME_POLL``, as
MIIT's callback is: the simulators know no filing."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from simulators.miit import review_submission
from simulators.models import MiitSubmission, MiitSubmissionStatus
from simulators.tasks import miit_review_due_task


def run_outcome_job_now() -> tuple[int, int]:
    """(submissions MIIT decided now, filings still in MIIT review after the portal's outcome job)."""
    in_review = MiitSubmission.objects.filter(status=MiitSubmissionStatus.IN_REVIEW)
    before = in_review.count()
    miit_review_due_task()
    decided = before - in_review.count()
    waiting = import_string(settings.MIIT_OUTCOME_POLL)()
    return decided, waiting


def decide_now(submission_ids: Iterable[int]) -> int:
    """Skip the delay: the submissions in review among ``submission_ids`` are decided at once (each calls the
    portal back on commit, as any decision does). Returns how many were decided."""
    decided = 0
    for submission_id in submission_ids:
        with transaction.atomic():
            due = MiitSubmission.objects.filter(
                pk=submission_id, status=MiitSubmissionStatus.IN_REVIEW
            ).update(decide_at=timezone.now())
            if due:
                decided += review_submission(submission_id).status != MiitSubmissionStatus.IN_REVIEW
    return decided

"""Each kind of job has its own queue, so that a burst of one cannot delay another (settings route them)."""

from __future__ import annotations

import pytest

from icp_portal.celery import app


def queue_of(task_name: str) -> str:
    route = app.amqp.router.route({}, task_name)
    return route["queue"].name


@pytest.mark.parametrize(
    ("task_name", "queue"),
    [
        ("filings.tasks.filing_hand_to_miit_task", "miit"),
        ("filings.tasks.filing_miit_outcome_task", "miit"),
        ("filings.tasks.miit_outcome_poll_task", "miit"),
        ("simulators.tasks.miit_review_submission_task", "miit"),
        ("notifications.tasks.notification_deliver_task", "notifications"),
        ("materials.tasks.material_process_task", "materials"),
        ("materials.tasks.face_verification_result_task", "materials"),
        ("materials.tasks.certificate_recognition_task", "ocr"),
        ("reviews.tasks.review_findings_task", "default"),
        ("filings.tasks.sms_expiry_sweep_task", "default"),
    ],
)
def test_each_kind_of_job_goes_to_its_own_queue(task_name: str, queue: str) -> None:
    assert queue_of(task_name) == queue


def test_a_worker_started_without_a_queue_list_consumes_every_queue() -> None:
    # The demo's one worker and the tests' worker take every kind of job.
    assert set(app.amqp.queues) >= {"default", "miit", "notifications", "materials", "ocr"}

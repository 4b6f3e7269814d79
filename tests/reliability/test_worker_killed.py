"""Acceptance 2 of issue 13: a worker process killed with SIGKILL in the middle of a job loses nothing and
sends nothing twice.

Each test runs real worker *processes* (``celery -A icp_portal worker --pool solo``) against the test's
database and the Redis broker, so it needs a broker that processes share: Redis (CI sets ``REDIS_URL``). The
first worker gets a slow gateway through its environment (``tests/reliability/slow_gateways.py``), is killed
with SIGKILL while the job is inside the gateway, and a second, ordinary worker starts. The periodic jobs that
recover lost work are run by the test as beat would run them (with the staleness that a real deployment waits
minutes for shortened to a second).

1. Killed while delivering an SMS: the row stays claimed and unsent; after the new worker and the sweep it is
   delivered once (one text in the simulated phone per SMS row, one email per email row, none twice).
2. Killed while handing a filing to MIIT, after MIIT accepted the submission and before the portal recorded
   it: the hand-over runs again with the same idempotency key, MIIT holds one submission, the filing is
   approved.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from filings.models import Filing, FilingEvent
from filings.states import FilingState
from icp_portal.celery import app as celery_app
from notifications.models import Channel, Notification
from reviews import services as review_services
from simulators.miit import SMS_SENDER as MIIT_SENDER
from simulators.models import MiitSubmission, SmsInboxMessage
from tests.conftest import wait_until

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs a broker shared by worker processes: set REDIS_URL (CI does); the zero-setup in-memory "
        "broker lives inside one process",
    ),
]
ROOT = Path(__file__).resolve().parents[2]
SLOW = "tests.reliability.slow_gateways"


def _database_url() -> str:
    """The test database (pytest-django's ``test_<name>``) as a DATABASE_URL for another process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Worker processes of this test, each killed (SIGKILL) at the latest when the test ends."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.processes: list[subprocess.Popen] = []

    def start(self, **environment: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "VAR_DIR": str(self.directory),  # the file email backend writes to <VAR_DIR>/mail
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "SIMULATOR_MIIT_REVIEW_DELAY_SECONDS": "0",
            **environment,
        }
        log = (self.directory / f"worker-{len(self.processes)}.log").open("w")
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "celery"),
                "-A",
                "icp_portal",
                "worker",
                "--pool",
                "solo",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"reliability-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.directory.glob("worker-*.log")))


@pytest.fixture
def workers(transactional_db, tmp_path, settings, monkeypatch):
    """Worker processes, stopped before the database is flushed; the broker's queue purged first (messages
    of earlier tests name rows that are gone)."""
    settings.NOTIFICATION_STALE_AFTER_SECONDS = 1  # a claim this old belongs to a dead worker
    monkeypatch.setattr("notifications.tasks.DISPATCH_GRACE", dt.timedelta(seconds=1))
    monkeypatch.setattr("filings.tasks.HANDOVER_GRACE", dt.timedelta(seconds=1))
    celery_app.control.purge()
    pool = Workers(tmp_path)
    yield pool
    for process in pool.processes:
        pool.kill(process)
    celery_app.control.purge()


def _wait(workers: Workers, predicate, *, timeout: float) -> None:
    try:
        wait_until(predicate, timeout=timeout, interval=0.2)
    except AssertionError:
        print(workers.logs())
        raise


def _emails_sent(directory: Path) -> collections.Counter:
    """Messages the file backend wrote, by their ``X-Portal-Notification`` header."""
    counts: collections.Counter = collections.Counter()
    for path in (directory / "mail").glob("*"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("X-Portal-Notification:"):
                counts[line.split(":", 1)[1].strip()] += 1
    return counts


def test_a_worker_killed_while_delivering_an_sms_delivers_it_once_after_a_new_worker(build, sam, workers):
    from notifications.tasks import notification_dispatch_sweep_task

    # Zhejiang: MIIT texts the persons in charge, and the portal's "SMS sent" notice goes to them by SMS.
    # Built here with no worker running: every delivery job waits in the broker.
    filing = build.with_two_sms_codes(
        region="CN-ZJ", domain=f"killed-{uuid.uuid4().hex[:6]}.cn", specialist=sam
    )
    texts = Notification.objects.filter(filing=filing, channel=Channel.SMS)
    assert texts.count() >= 2

    first = workers.start(SMS_GATEWAY=f"{SLOW}.SlowSmsGateway", RELIABILITY_SMS_DELAY="60")
    # The first SMS is claimed and inside the (slow) gateway: kill the worker there.
    _wait(workers, lambda: texts.filter(claimed_at__isnull=False, sent_at=None).exists(), timeout=30)
    workers.kill(first)
    [stuck] = texts.filter(claimed_at__isnull=False, sent_at=None)
    assert not SmsInboxMessage.objects.filter(mobile=stuck.mobile).exclude(sender=MIIT_SENDER).exists()

    workers.start()  # an ordinary worker

    def all_sent() -> bool:
        notification_dispatch_sweep_task()  # beat's sweep: the dead worker's claim is stale after a second
        return not Notification.objects.filter(filing=filing, sent_at=None).exists()

    _wait(workers, all_sent, timeout=30)
    time.sleep(1.5)  # a duplicate dispatch in flight would land now
    assert notification_dispatch_sweep_task() == 0
    time.sleep(0.5)

    assert not Notification.objects.filter(filing=filing, failed_at__isnull=False).exists()
    stuck.refresh_from_db()
    assert stuck.sent_at is not None and stuck.attempts == 2  # the killed claim and the one that sent
    provider_texts = collections.Counter(
        SmsInboxMessage.objects.exclude(sender=MIIT_SENDER).values_list("mobile", flat=True)
    )
    assert provider_texts == collections.Counter(texts.values_list("mobile", flat=True))
    emails = Notification.objects.filter(filing=filing, channel=Channel.EMAIL)
    sent = _emails_sent(workers.directory)
    assert {str(code): sent[str(code)] for code in emails.values_list("code", flat=True)} == {
        str(code): 1 for code in emails.values_list("code", flat=True)
    }
    assert sum(sent.values()) == emails.count()


def test_a_worker_killed_while_handing_a_filing_to_miit_leaves_one_submission(build, sam, workers):
    from filings.tasks import miit_handover_sweep_task, miit_outcome_poll_task
    from simulators.tasks import miit_review_due_task

    filing = build.to(build.start(region="CN-BJ"), FilingState.PROVIDER_REVIEW)
    review_services.review_claim(filing=filing, by=sam)
    review_services.review_approve(filing=filing, by=sam)  # the hand-over job waits in the broker
    filing.refresh_from_db()
    assert filing.state == FilingState.MIIT_SUBMISSION
    submissions = MiitSubmission.objects.filter(idempotency_key=filing.miit_idempotency_key)

    first = workers.start(MIIT_GATEWAY=f"{SLOW}.SlowMiitGateway", RELIABILITY_MIIT_DELAY="60")
    # MIIT has the submission; the portal has not recorded the hand-over: kill the worker there.
    _wait(workers, submissions.exists, timeout=30)
    workers.kill(first)
    filing.refresh_from_db()
    assert filing.state == FilingState.MIIT_SUBMISSION and not filing.miit_reference

    workers.start()

    def approved() -> bool:
        # What beat runs: the hand-over sweep, the simulated MIIT's due reviews, the outcome poll.
        miit_handover_sweep_task()
        miit_review_due_task()
        miit_outcome_poll_task()
        return Filing.objects.get(pk=filing.pk).state == FilingState.APPROVED

    _wait(workers, approved, timeout=30)
    filing.refresh_from_db()
    assert submissions.count() == 1
    assert filing.miit_reference == submissions.get().reference
    assert FilingEvent.objects.filter(filing=filing, transition="hand_to_miit").count() == 1
    assert filing.entity.icp_number

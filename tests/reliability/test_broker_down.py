"""Acceptance 1 of issue 13: the broker is down when an applicant submits.

The test runs a redis-server of its own and points Celery at it, builds a filing to self-check, stops Redis,
and the applicant submits over the API: the submission commits and the API answers 200 (the notices' and the
findings' dispatches fail after commit, are logged, and change nothing). Redis comes back (empty: it kept no
data), a real worker starts against it, and the sweeps beat would run re-dispatch what was lost; the specialist
approves through the review services (which compute the round's findings the lost job never did), and the filing
reaches ``approved`` through the worker and the simulated MIIT alone. Every email of the journey is sent exactly
once (counted in ``mail.outbox`` by its ``X-Portal-Notification`` header), every SMS row once in the simulator's
inbox, also after the sweep ran again.
"""

from __future__ import annotations

import collections
import datetime as dt
import time

import pytest
from django.core import mail

from filings.models import Filing
from filings.states import FilingState
from icp_portal.celery import app as celery_app
from notifications.models import Channel, Notification
from reviews import services as review_services
from simulators.miit import SMS_SENDER as MIIT_SENDER
from simulators.models import MiitSubmission, SmsInboxMessage
from tests.api.conftest import token_client
from tests.conftest import real_worker, wait_until
from tests.reliability.redis_server import RedisServer

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_broker(redis_server):
    """Celery's broker is the test's redis-server; the app's cached connection pools follow, and are put back."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.broker_transport_options, celery_app._pool, celery_app.amqp._producer_pool)
    conf.broker_url = redis_server.url
    conf.broker_transport_options = {"visibility_timeout": 3600}
    celery_app._pool = None  # kombu caches pools per connection: these two are rebuilt for the new URL
    celery_app.amqp._producer_pool = None
    try:
        yield redis_server
    finally:
        celery_app.pool.force_close_all()
        conf.broker_url, conf.broker_transport_options, celery_app._pool, celery_app.amqp._producer_pool = (
            saved
        )


def _deliveries(filing: Filing) -> tuple[list[Notification], list[Notification]]:
    rows = Notification.objects.filter(filing=filing).exclude(channel=Channel.INBOX)
    return list(rows.filter(channel=Channel.EMAIL)), list(rows.filter(channel=Channel.SMS))


def _assert_each_sent_once(filing: Filing) -> None:
    emails, texts = _deliveries(filing)
    per_code = collections.Counter(m.extra_headers.get("X-Portal-Notification") for m in mail.outbox)
    assert {str(row.code): per_code[str(row.code)] for row in emails} == {str(row.code): 1 for row in emails}
    assert sum(per_code.values()) == len(emails), per_code  # nothing else was sent, nothing twice
    # The portal's texts in the simulated phones (not MIIT's codes): one per SMS row, none twice.
    provider_texts = collections.Counter(
        SmsInboxMessage.objects.exclude(sender=MIIT_SENDER).values_list("mobile", flat=True)
    )
    assert provider_texts == collections.Counter(row.mobile for row in texts)


def test_a_submission_while_the_broker_is_down_is_delivered_once_it_returns(
    own_broker, build, alice, sam, settings, monkeypatch, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SIMULATOR_MIIT_REVIEW_DELAY_SECONDS = 0
    # Beat's sweeps leave a minute's grace to a dispatch in flight; here the minute has passed.
    monkeypatch.setattr("notifications.tasks.DISPATCH_GRACE", dt.timedelta(0))
    monkeypatch.setattr("filings.tasks.HANDOVER_GRACE", dt.timedelta(0))
    from filings.tasks import miit_handover_sweep_task
    from notifications.tasks import notification_dispatch_sweep_task

    # Beijing: no SMS verification and no mailing, so nobody needs to act after the specialist's approval.
    filing = build.to(build.start(region="CN-BJ"), FilingState.SELF_CHECK)
    mail.outbox.clear()

    own_broker.stop()
    started = time.monotonic()
    response = token_client(alice).post(f"/api/v1/filings/{filing.code}/transitions/submit/")
    assert response.status_code == 200, response.content[:2000]
    assert response.json()["state"] == "provider_review"
    assert time.monotonic() - started < 20
    filing.refresh_from_db()
    assert filing.state == FilingState.PROVIDER_REVIEW  # committed
    emails, texts = _deliveries(filing)
    assert emails, "the submission tells the applicant by email"
    assert all(row.dispatched_at is None and row.sent_at is None for row in emails + texts)
    assert "on_commit" in caplog.text  # the failed dispatches are logged

    own_broker.start()  # empty: the messages that never got there are nowhere
    with real_worker():
        # What beat runs every minute, run now: the lost deliveries are dispatched again.
        assert notification_dispatch_sweep_task() == len(emails) + len(texts)
        wait_until(lambda: not Notification.objects.filter(filing=filing, sent_at=None).exists(), timeout=20)

        # The specialist takes the filing and approves (the review services compute the round's findings,
        # whose job was lost too); from there only the worker and the simulated MIIT act.
        review_services.review_claim(filing=filing, by=sam)
        review_services.review_approve(filing=filing, by=sam)

        def approved() -> bool:
            miit_handover_sweep_task()  # a no-op unless a hand-over's dispatch was lost
            return Filing.objects.get(pk=filing.pk).state == FilingState.APPROVED

        wait_until(approved, timeout=30, interval=0.3)
        wait_until(lambda: not Notification.objects.filter(filing=filing, sent_at=None).exists(), timeout=20)

        # The sweep again, with nothing left to send: it sends nothing twice.
        assert notification_dispatch_sweep_task() == 0
        time.sleep(0.5)

    filing.refresh_from_db()
    assert filing.entity.icp_number
    assert MiitSubmission.objects.filter(idempotency_key=filing.miit_idempotency_key).count() == 1
    kinds = set(Notification.objects.filter(filing=filing).values_list("kind", flat=True))
    assert {"filing_submitted", "filing_approved"} <= kinds
    assert not Notification.objects.filter(filing=filing, failed_at__isnull=False).exists()
    _assert_each_sent_once(filing)

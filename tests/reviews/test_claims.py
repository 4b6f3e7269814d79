"""Claims: one holder however many specialists click at once (PostgreSQL, threads, real transactions), the
API's 409, "take the next one" by deadline, and the job that returns unused claims to the queue."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone
from rest_framework.test import APIClient

from common.errors import NotPermitted, TransitionConflict
from filings.models import Filing
from filings.states import FilingState
from reviews import services as review_services
from reviews.assignment import review_record_call_attempt
from reviews.claims import review_claims_expire, review_take_next
from reviews.tasks import review_claims_expire_task
from tests.reviews.pages.test_queue import copies

S = FilingState


@pytest.fixture
def in_review(build):
    return build.to(build.start(), S.PROVIDER_REVIEW)


# --- Two at once ----------------------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locks: PostgreSQL")
def test_two_specialists_claiming_at_once_one_holds_it_the_other_is_refused(in_review, sam, tina):
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def attempt(user):
        try:
            barrier.wait(timeout=10)
            review_services.review_claim(filing=Filing.objects.get(pk=in_review.pk), by=user)
            outcomes[user.username] = "holds"
        except TransitionConflict as error:
            outcomes[user.username] = error.code
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=attempt, args=(user,)) for user in (sam, tina)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    close_old_connections()
    assert sorted(outcomes.values()) == ["claim_conflict", "holds"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "holds")
    assert Filing.objects.get(pk=in_review.pk).claimed_by.username == winner


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SKIP LOCKED: PostgreSQL")
def test_two_specialists_taking_the_next_one_at_once_get_two_filings(in_review, sam, tina):
    copies(in_review, 1)
    barrier = threading.Barrier(2)
    taken: dict[str, int] = {}

    def attempt(user):
        try:
            barrier.wait(timeout=10)
            taken[user.username] = review_take_next(by=user).pk
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in (sam, tina)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    close_old_connections()
    assert len(set(taken.values())) == 2


@pytest.mark.django_db
def test_the_api_answers_409_to_the_second_claim(in_review, sam, tina):
    clients = {}
    for user in (sam, tina):
        clients[user.username] = APIClient()
        clients[user.username].force_authenticate(user)
    url = f"/api/v1/review/filings/{in_review.code}/claim/"
    assert clients["sam"].post(url).status_code == 200
    second = clients["tina"].post(url)
    assert second.status_code == 409
    assert "claim_conflict" in second.content.decode()


# --- The service ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_only_specialists_claim_and_only_filings_in_review(build, in_review, olga, sam):
    with pytest.raises(NotPermitted):
        review_services.review_claim(filing=in_review, by=olga)
    draft = build.start()
    with pytest.raises(TransitionConflict):
        review_services.review_claim(filing=draft, by=sam)


@pytest.mark.django_db
def test_take_the_next_one_goes_by_deadline_then_age_and_skips_held_filings(in_review, sam, tina):
    today = timezone.localdate()
    first, second = copies(in_review, 2, review_due_on=today - dt.timedelta(days=1))
    review_services.review_claim(filing=first, by=tina)
    assert review_take_next(by=sam).pk == second.pk
    assert review_take_next(by=sam).pk == in_review.pk
    with pytest.raises(TransitionConflict) as refused:
        review_take_next(by=sam)
    assert refused.value.code == "queue_empty"


@pytest.mark.django_db
def test_operators_do_not_take_the_next_one(in_review, olga):
    with pytest.raises(NotPermitted):
        review_take_next(by=olga)


# --- Unused claims go back ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_claim_unused_for_the_timeout_returns_to_the_queue_once(in_review, sam, settings):
    settings.REVIEW_CLAIM_TIMEOUT_MINUTES = 120
    review_services.review_claim(filing=in_review, by=sam)
    assert review_claims_expire(now=timezone.now() + dt.timedelta(minutes=119)) == 0
    later = timezone.now() + dt.timedelta(minutes=121)
    assert review_claims_expire(now=later) == 1
    in_review.refresh_from_db()
    assert in_review.claimed_by is None and in_review.claimed_at is None
    assert review_claims_expire(now=later) == 0  # nothing written twice


@pytest.mark.django_db
def test_a_claim_under_which_a_call_was_recorded_stays(in_review, sam, settings):
    settings.REVIEW_CLAIM_TIMEOUT_MINUTES = 120
    filing = review_services.review_claim(filing=in_review, by=sam)
    review_record_call_attempt(filing=filing, by=sam, reached=False)
    assert review_claims_expire(now=timezone.now() + dt.timedelta(hours=5)) == 0
    in_review.refresh_from_db()
    assert in_review.claimed_by == sam


@pytest.mark.django_db
def test_the_expiry_job_takes_a_bounded_batch_oldest_claim_first(in_review, sam, settings):
    settings.REVIEW_CLAIM_TIMEOUT_MINUTES = 1
    made = copies(in_review, 3)
    old = timezone.now() - dt.timedelta(hours=1)
    for index, filing in enumerate(made):
        Filing.objects.filter(pk=filing.pk).update(
            claimed_by=sam, claimed_at=old + dt.timedelta(minutes=index)
        )
    assert review_claims_expire(limit=2) == 2
    assert list(Filing.objects.filter(claimed_by=sam).values_list("pk", flat=True)) == [made[2].pk]
    review_claims_expire_task()  # the periodic job: the rest
    assert not Filing.objects.filter(claimed_by=sam).exists()

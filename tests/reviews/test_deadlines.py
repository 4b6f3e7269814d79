"""Deadlines on the Chinese working-day calendar: the provider's review is due one working day (the setting)
after a round starts, across the National Day week and its adjusted working weekend; the overdue job flags a
filing once a round."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from filings import services
from filings.deadlines import DeadlineState, deadline_state, provider_review_due
from filings.models import Filing
from filings.selectors import filing_deadlines
from filings.states import FilingState
from reviews import services as review_services
from reviews.claims import review_escalate_overdue
from reviews.tasks import review_overdue_escalate_task
from tests.reviews.pages.test_queue import copies

pytestmark = pytest.mark.django_db
S = FilingState
BEIJING = dt.timezone(dt.timedelta(hours=8))


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("entered", "due"),
    [
        ("2025-09-26", "2025-09-28"),  # Friday → Sunday 28 September, worked in lieu of the holiday
        ("2025-09-30", "2025-10-09"),  # the eve of National Day: 1–8 October are off
        ("2025-10-05", "2025-10-09"),
        ("2025-10-10", "2025-10-11"),  # Friday → Saturday 11 October, worked in lieu
        ("2025-10-11", "2025-10-13"),
        ("2026-09-30", "2026-10-08"),  # 2026: 1–7 October off
    ],
)
def test_provider_review_is_due_one_working_day_later(entered, due):
    assert provider_review_due(dt.date.fromisoformat(entered)) == dt.date.fromisoformat(due)


def test_the_setting_sets_the_number_of_working_days(settings):
    settings.PROVIDER_REVIEW_WORKDAYS = 3
    assert provider_review_due(dt.date(2025, 9, 30)) == dt.date(2025, 10, 11)


def test_deadline_states():
    due = dt.date(2025, 10, 9)
    assert deadline_state(due, dt.date(2025, 10, 8)) == DeadlineState.ON_TIME
    assert deadline_state(due, due) == DeadlineState.DUE_TODAY
    assert deadline_state(due, dt.date(2025, 10, 10)) == DeadlineState.OVERDUE
    assert deadline_state(None, due) is None


def test_submitting_before_national_day_makes_the_review_due_after_it(build):
    with time_machine.travel(at("2025-09-30"), tick=False):
        filing = build.to(build.start(), S.PROVIDER_REVIEW)
        assert filing.review_due_on == dt.date(2025, 10, 9)
        assert filing_deadlines(filing).provider_review_due == dt.date(2025, 10, 9)
    with time_machine.travel(at("2025-10-08"), tick=False):
        assert review_escalate_overdue() == 0
    with time_machine.travel(at("2025-10-09", 23), tick=False):
        assert deadline_state(filing.review_due_on) == DeadlineState.DUE_TODAY
        assert review_escalate_overdue() == 0
    with time_machine.travel(at("2025-10-10", 9), tick=False):
        assert deadline_state(filing.review_due_on) == DeadlineState.OVERDUE
        assert review_escalate_overdue() == 1
        flagged = Filing.objects.get(pk=filing.pk).escalated_at
        assert flagged == timezone.now()
    with time_machine.travel(at("2025-10-13"), tick=False):
        review_overdue_escalate_task()  # the periodic job: flagged once, not again
        assert Filing.objects.get(pk=filing.pk).escalated_at == flagged


def test_a_resubmission_starts_a_new_deadline_and_clears_the_flag(build, sam):
    with time_machine.travel(at("2025-10-10"), tick=False):
        filing = build.to(build.start(), S.PROVIDER_REVIEW)
        assert filing.review_due_on == dt.date(2025, 10, 11)
    with time_machine.travel(at("2025-10-14"), tick=False):
        assert review_escalate_overdue() == 1
        review_services.review_claim(filing=filing, by=sam)
        reason = {"code": "domain_not_real_name", "field": "websites.0.name"}
        review_services.review_reject(filing=filing, by=sam, reasons=[reason])
        filing.refresh_from_db()
        info = build.information(filing)
        info["websites"][0]["name"] = info["websites"][0]["name"] + "新"
        services.filing_save_information(filing=filing, by=filing.applicant, **info)
        services.filing_resubmit(filing=filing, by=filing.applicant)
        filing.refresh_from_db()
        assert filing.state == S.PROVIDER_REVIEW and filing.review_round == 2
        assert filing.review_due_on == dt.date(2025, 10, 15)
        assert filing.escalated_at is None


def test_mailing_and_other_states_have_no_provider_deadline_state(build):
    filing = build.to(build.start(), S.PROVIDER_REVIEW)
    (mailing,) = copies(filing, 1, state=S.MAILING, review_due_on=timezone.localdate() - dt.timedelta(days=3))
    assert review_escalate_overdue() == 0  # only provider review is escalated
    assert filing_deadlines(Filing.objects.get(pk=mailing.pk)).provider_review_due is None

"""The review side is told: operators and the holder when a review is overdue, the holder when it is due."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from filings.models import Filing
from notifications.models import Notification
from reviews import services as review_services
from reviews.claims import review_escalate_overdue
from reviews.notices import DUE_TODAY, OVERDUE, due_today_notices

pytestmark = pytest.mark.django_db


def test_an_overdue_review_tells_every_operator_and_the_holder_once(build, sam, tina, olga, alice):
    filing = review_services.review_claim(filing=build.to(build.start(), "provider_review"), by=sam)
    Filing.objects.filter(pk=filing.pk).update(review_due_on=timezone.localdate() - dt.timedelta(days=1))
    assert review_escalate_overdue() == 1
    assert review_escalate_overdue() == 0  # once a round
    told = set(
        Notification.objects.filter(kind=OVERDUE, channel="inbox").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"olga", "sam"}
    assert not Notification.objects.filter(kind=OVERDUE, recipient__in=[tina, alice]).exists()


def test_the_holder_is_told_a_review_is_due_today_once_a_day(build, sam):
    filing = review_services.review_claim(filing=build.to(build.start(), "provider_review"), by=sam)
    today = timezone.localdate()
    Filing.objects.filter(pk=filing.pk).update(review_due_on=today)
    other = build.to(build.start(), "provider_review")  # unclaimed: nobody to tell
    Filing.objects.filter(pk=other.pk).update(review_due_on=today)
    assert due_today_notices(today=today, limit=50) == 1
    due_today_notices(today=today, limit=50)
    assert Notification.objects.filter(kind=DUE_TODAY, recipient=sam, channel="inbox").count() == 1
    assert due_today_notices(today=today + dt.timedelta(days=1), limit=50) == 0

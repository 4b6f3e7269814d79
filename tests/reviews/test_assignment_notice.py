"""An operator's reassignment tells the specialist (their inbox), once per reassignment."""

from __future__ import annotations

import pytest

from filings.notices import ASSIGNED
from notifications.models import Notification
from reviews.assignment import review_reassign

pytestmark = pytest.mark.django_db


def test_the_specialist_handed_a_filing_finds_it_in_their_inbox(build, olga, sam, tina):
    filing = build.to(build.start(), "provider_review")
    review_reassign(filing=filing, by=olga, to_username="tina")
    notices = Notification.objects.filter(kind=ASSIGNED, recipient=tina, channel="inbox")
    assert notices.count() == 1 and notices.get().filing == filing
    assert not Notification.objects.filter(kind=ASSIGNED, recipient=sam).exists()


def test_a_reassignment_from_the_queue_or_the_api_is_recorded_with_the_operator(build, olga, tina):
    filing = build.to(build.start(), "provider_review")
    review_reassign(filing=filing, by=olga, to_username="tina", reason="sam is away this week")
    event = filing.events.get(kind="intervention")
    assert (event.actor, event.transition, event.to_state) == (olga, "reassign_claim", "")
    assert event.payload["reason"] == "sam is away this week" and event.payload["to"] == "tina"

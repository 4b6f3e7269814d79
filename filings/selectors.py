"""Reads that need scoping: who may see which filings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from common.workdays import add_workdays
from filings.models import REVIEW_STATES, Filing, FilingEvent
from filings.states import FilingState


def filings_visible_to(user: Any) -> QuerySet[Filing]:
    """Applicants their own; specialists the review queue, what they hold and what they decided; operators all."""
    role = getattr(user, "role", None)
    if role == "operator":
        return Filing.objects.order_by("-updated_at")
    if role == "specialist":
        in_review = Q(state__in=REVIEW_STATES)
        # A subquery, not a join made distinct: PostgreSQL planned that over every column (13 ms a request).
        decided = Exists(
            FilingEvent.objects.filter(filing=OuterRef("pk"), actor=user, actor_role="specialist")
        )
        return Filing.objects.filter(in_review | Q(claimed_by=user) | decided).order_by("-updated_at")
    if role == "applicant":
        return Filing.objects.filter(applicant=user).order_by("-updated_at")
    return Filing.objects.none()


@dataclass(frozen=True)
class Deadlines:
    provider_review_due: dt.date | None
    miit_review_due: dt.date | None
    sms_expires_at: dt.datetime | None


def filing_deadlines(filing: Filing) -> Deadlines:
    """The deadline running in the filing's state: the provider's review (``Filing.review_due_on``, set when
    the round started: ``filings/deadlines.py``), MIIT's (the region's working days from entering MIIT review)
    or the SMS codes' 24 hours. Reads ``filing.events`` in MIIT review (prefetch it for lists)."""
    provider_due = miit_due = None
    if filing.state == FilingState.PROVIDER_REVIEW:
        provider_due = filing.review_due_on
    if filing.state == FilingState.MIIT_REVIEW:
        entered = [event for event in filing.events.all() if event.to_state == filing.state]
        if entered:
            miit_due = add_workdays(timezone.localdate(entered[-1].created_at), filing.region.review_workdays)
    return Deadlines(provider_due, miit_due, filing.sms_expires_at)

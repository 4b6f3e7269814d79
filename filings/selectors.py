"""Reads that need scoping: who may see which filings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from common.workdays import add_workdays
from filings.models import REVIEW_STATES, Filing
from filings.states import FilingState

PROVIDER_REVIEW_WORKDAYS = 1  # review.md: one working day from submission


def filings_visible_to(user: Any) -> QuerySet[Filing]:
    """Applicants their own; specialists the review queue, what they hold and what they decided; operators all."""
    role = getattr(user, "role", None)
    if role == "operator":
        return Filing.objects.order_by("-updated_at")
    if role == "specialist":
        in_review = Q(state__in=REVIEW_STATES)
        decided = Q(events__actor=user, events__actor_role="specialist")
        return (
            Filing.objects.filter(in_review | Q(claimed_by=user) | decided).distinct().order_by("-updated_at")
        )
    if role == "applicant":
        return Filing.objects.filter(applicant=user).order_by("-updated_at")
    return Filing.objects.none()


@dataclass(frozen=True)
class Deadlines:
    provider_review_due: dt.date | None
    miit_review_due: dt.date | None
    sms_expires_at: dt.datetime | None


def filing_deadlines(filing: Filing) -> Deadlines:
    """The deadline running in the filing's state: the provider's review (one working day), MIIT's (the
    region's working days) or the SMS codes' 24 hours. Reads ``filing.events`` (prefetch it for lists)."""
    entered = [event for event in filing.events.all() if event.to_state == filing.state]
    since = timezone.localdate(entered[-1].created_at) if entered else None
    provider_due = miit_due = None
    if since and filing.state == FilingState.PROVIDER_REVIEW:
        provider_due = add_workdays(since, PROVIDER_REVIEW_WORKDAYS)
    if since and filing.state == FilingState.MIIT_REVIEW:
        miit_due = add_workdays(since, filing.region.review_workdays)
    return Deadlines(provider_due, miit_due, filing.sms_expires_at)

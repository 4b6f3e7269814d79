"""The provider's review deadline (review.md "Deadlines"): ``PROVIDER_REVIEW_WORKDAYS`` working days of the
Chinese calendar (``common/workdays.py``, adjusted weekends included) from the day a review round starts.

``start_review_round`` is called by the ``submit`` and ``resubmit`` transitions: a field change computed from
the date, no I/O. The review queue sorts and filters by ``Filing.review_due_on``; MIIT's review keeps the
region's value (``filings.selectors.filing_deadlines``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.workdays import add_workdays


class DeadlineState(TextChoices):
    ON_TIME = "on_time", _("On time")
    DUE_TODAY = "due_today", _("Due today")
    OVERDUE = "overdue", _("Overdue")


def provider_review_due(entered: dt.date) -> dt.date:
    """The day the provider's review of a round that started on ``entered`` is due."""
    return add_workdays(entered, settings.PROVIDER_REVIEW_WORKDAYS)


def start_review_round(filing: Any) -> None:
    """A new round of the provider's review: its number, its deadline, no escalation yet."""
    filing.review_round += 1
    filing.review_due_on = provider_review_due(timezone.localdate())
    filing.escalated_at = None


def deadline_state(due: dt.date | None, today: dt.date | None = None) -> str | None:
    """Overdue after the day it is due, due today on it, on time before; None without a deadline."""
    if due is None:
        return None
    today = today or timezone.localdate()
    if today > due:
        return DeadlineState.OVERDUE
    if today == due:
        return DeadlineState.DUE_TODAY
    return DeadlineState.ON_TIME

"""What the review side is told: the operators when a provider review is overdue (the escalation), the
specialist holding a filing when it is due today or overdue. Sent through the outbox
(``notifications.services.notify``); each once per filing and review round (the dedupe key)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse

from filings.models import Filing
from filings.notices import DEFAULT_LANGUAGE, _filing_context, absolute
from filings.states import FilingState
from notifications.services import Recipient, notify

OVERDUE = "review_overdue"
DUE_TODAY = "review_due_today"
KINDS = (OVERDUE, DUE_TODAY)


def _reviewer(user: Any) -> tuple[Recipient, tuple[str, ...]]:
    channels = ("inbox", "email") if user.email and user.notify_by_email else ("inbox",)
    return Recipient(user=user, email=user.email, language=user.language or DEFAULT_LANGUAGE), channels


def _context(filing: Filing) -> dict[str, Any]:
    return {
        **_filing_context(filing),
        "review_url": absolute(reverse("review-filing", args=[filing.code])),
        "due_on": filing.review_due_on.isoformat() if filing.review_due_on else "",
        "holder": filing.claimed_by.username if filing.claimed_by_id else "",
    }


def overdue_notices(filing: Filing) -> None:
    """The escalation: every active operator, and the specialist holding the filing."""
    people = list(get_user_model().objects.filter(role="operator", is_active=True))
    if filing.claimed_by_id:
        people.append(filing.claimed_by)
    context = _context(filing)
    for person in people:
        recipient, channels = _reviewer(person)
        notify(
            kind=OVERDUE,
            context=context,
            filing=filing,
            recipients=[recipient],
            channels=channels,
            dedupe=f"{filing.pk}:{filing.review_round}:{person.pk}",
        )


def due_today_notices(*, today: dt.date, limit: int) -> int:
    """The specialists holding a filing whose provider review is due today; returns how many filings."""
    due = (
        Filing.objects.filter(
            state=FilingState.PROVIDER_REVIEW, review_due_on=today, claimed_by__isnull=False
        )
        .select_related("entity", "claimed_by")
        .order_by("id")[:limit]
    )
    count = 0
    for filing in due:
        recipient, channels = _reviewer(filing.claimed_by)
        notify(
            kind=DUE_TODAY,
            context=_context(filing),
            filing=filing,
            recipients=[recipient],
            channels=channels,
            dedupe=f"{filing.pk}:{filing.review_round}:{filing.claimed_by_id}:{today.isoformat()}",
        )
        count += 1
    return count

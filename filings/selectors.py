"""Reads that need scoping: who may see which filings."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from filings.models import REVIEW_STATES, Filing


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

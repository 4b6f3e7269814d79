"""Claims beyond claim and release (``reviews/services.py``): "take the next one" by deadline, the claims an
idle specialist left behind, and the escalation of overdue reviews. Same style: keyword-only, ``by=`` the
actor, refusals as ``common.errors``; each batch job writes a row once (a conditional update)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import NotPermitted, TransitionConflict
from filings.models import REVIEW_STATES, Filing
from filings.states import FilingState
from reviews import services as review_services
from reviews.models import CallAttempt, Finding
from reviews.notices import overdue_notices
from reviews.selectors import next_in_queue

logger = logging.getLogger(__name__)
BATCH = 200
_NEXT_ATTEMPTS = 5  # rows another specialist took between our look and our claim (SQLite: no SKIP LOCKED)


def review_take_next(*, by: Any) -> Filing:
    """Claim the filing in ``by``'s queue that is due first. On PostgreSQL the candidate row is locked with
    SKIP LOCKED, so two specialists taking "the next one" at once get two different filings; the claim itself
    stays the conditional update of ``review_claim``. Refused (409 ``queue_empty``) when nothing is waiting."""
    if getattr(by, "role", None) != "specialist":
        raise NotPermitted(_("Only review specialists claim filings."), code="not_permitted")
    for _attempt in range(_NEXT_ATTEMPTS):
        with transaction.atomic():
            candidate = next_in_queue(by).select_for_update(skip_locked=True, of=("self",)).first()
            if candidate is None:
                raise TransitionConflict(_("No filing is waiting in your queue."), code="queue_empty")
            try:
                return review_services.review_claim(filing=candidate, by=by)
            except TransitionConflict:
                continue  # taken meanwhile (a database without row locks): the next one
    raise TransitionConflict(
        _("Every filing you tried was taken meanwhile: try again."), code="claim_conflict"
    )


def review_claims_expire(*, now: dt.datetime | None = None, limit: int = BATCH) -> int:
    """Return to the queue the claims held longer than ``REVIEW_CLAIM_TIMEOUT_MINUTES`` with nothing done
    under them (no call attempt recorded, no finding resolved since the claim). At most ``limit`` a run; a
    claim taken again meanwhile has a new ``claimed_at`` and is left alone. Returns how many were released."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.REVIEW_CLAIM_TIMEOUT_MINUTES)
    calls = CallAttempt.objects.filter(
        filing=OuterRef("pk"), specialist=OuterRef("claimed_by"), at__gte=OuterRef("claimed_at")
    )
    resolutions = Finding.objects.filter(
        filing=OuterRef("pk"), resolved_by=OuterRef("claimed_by"), resolved_at__gte=OuterRef("claimed_at")
    )
    stale = (
        Filing.objects.filter(state__in=REVIEW_STATES, claimed_by__isnull=False, claimed_at__lt=cutoff)
        .exclude(Exists(calls))
        .exclude(Exists(resolutions))
        .order_by("claimed_at", "id")
    )
    released = 0
    for filing_id, holder_id, claimed_at in stale.values_list("pk", "claimed_by", "claimed_at")[:limit]:
        # The same claim still (same holder, same moment), so a claim renewed meanwhile stays.
        if Filing.objects.filter(pk=filing_id, claimed_by=holder_id, claimed_at=claimed_at).update(
            claimed_by=None, claimed_at=None
        ):
            released += 1
            logger.info(
                "review claim expired: filing %s, specialist %s, claimed %s", filing_id, holder_id, claimed_at
            )
    return released


def review_escalate_overdue(*, now: dt.datetime | None = None, limit: int = BATCH) -> int:
    """Flag the filings whose provider review is past its day (``review_due_on``) for the operators, once a
    round (``escalated_at``, in the admin and the queue), and tell the operators and the holder
    (``reviews.notices``). Returns how many were flagged."""
    now = now or timezone.now()
    overdue = Filing.objects.filter(
        state=FilingState.PROVIDER_REVIEW,
        review_due_on__lt=timezone.localdate(now),
        escalated_at__isnull=True,
    ).order_by("review_due_on", "id")
    flagged = 0
    for filing_id, due in overdue.values_list("pk", "review_due_on")[:limit]:
        with transaction.atomic():
            if Filing.objects.filter(pk=filing_id, escalated_at__isnull=True).update(escalated_at=now):
                flagged += 1
                logger.warning("provider review overdue: filing %s was due %s, escalated", filing_id, due)
                overdue_notices(Filing.objects.select_related("entity", "claimed_by").get(pk=filing_id))
    return flagged

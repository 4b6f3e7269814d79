"""The periodic reminders (jobs.md): SMS codes about to expire, idle applicant steps, the PSB duty.

Each function is the body of a periodic job (``filings/tasks.py``, scheduled in ``icp_portal/celery.py``): it
selects at most ``BATCH`` filings that are due and not yet reminded, and writes the notice through
``notifications.services.notify`` with a dedupe key naming the threshold, so a second run (a redelivery, two
beats) writes nothing new. "Not yet reminded" is asked of the outbox itself, which keeps the batch on work
still to do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import DateTimeField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from common.errors import ApplicationError
from filings.conditions import SYSTEM
from filings.duties import PSB_DAYS
from filings.models import Filing, FilingEvent, FilingWebsite
from filings.notices import (
    DEFAULT_LANGUAGE,
    IDLE_CAUSE,
    IDLE_REMINDER,
    IDLE_WITHDRAW_DAYS,
    PSB_REMINDER,
    SMS_EXPIRING,
    _filing_context,
    _local,
    absolute,
    addressees,
)
from filings.services import filing_withdraw
from filings.states import APPLICANT_STEPS, RETURNED_STATES, FilingState
from notifications.models import Notification
from notifications.services import Recipient, notify

S = FilingState
BATCH = 200

SMS_REMINDER_HOURS = 4
# Reminder day → the next one (a filing past a later threshold gets only that one's reminder).
IDLE_BANDS = ((30, IDLE_WITHDRAW_DAYS), (15, 30), (7, 15))
IDLE_STATES = (*APPLICANT_STEPS, *RETURNED_STATES)
# Days after the approval; the last band ends where a reminder would come too late to matter.
PSB_BANDS = ((28, 45), (20, 28), (7, 20))
PSB_SITE = "beian.mps.gov.cn"


def _notify_applicant(kind: str, filing: Filing, context: dict[str, Any], dedupe: str) -> None:
    for addressee in addressees(filing, kind):
        notify(
            kind=kind,
            context=context,
            filing=filing,
            recipients=[addressee.recipient],
            channels=addressee.channels,
            dedupe=dedupe,
        )


def _reminded(kind: str, **lookups: Any) -> Exists:
    return Exists(Notification.objects.filter(filing=OuterRef("pk"), kind=kind, **lookups))


# --- SMS codes expiring within 4 hours ---------------------------------------------------------------------
def sms_expiring_reminders(now: dt.datetime | None = None) -> int:
    """Tell the applicant and each person whose code is not verified yet that the codes expire soon (once per
    round of codes). Returns how many filings were reminded."""
    now = now or timezone.now()
    sent_since = OuterRef("sms_expires_at") - dt.timedelta(hours=settings.SMS_CODE_VALID_HOURS)
    due = (
        Filing.objects.filter(
            state=S.SMS_VERIFICATION,
            sms_expires_at__gt=now,
            sms_expires_at__lte=now + dt.timedelta(hours=SMS_REMINDER_HOURS),
        )
        .exclude(_reminded(SMS_EXPIRING, created_at__gte=sent_since))
        .select_related("applicant", "entity")
        .order_by("sms_expires_at")
    )
    count = 0
    for filing in due[:BATCH]:
        context = _filing_context(filing) | {
            "sms_url": absolute(reverse("filing-sms", args=[filing.code])),
            "deadline": _local(filing.sms_expires_at),
            "hours_left": SMS_REMINDER_HOURS,
        }
        dedupe = f"{filing.pk}:sms:{int(filing.sms_expires_at.timestamp())}"
        _notify_applicant(SMS_EXPIRING, filing, context, dedupe)
        notify(
            kind=SMS_EXPIRING,
            context=context,
            filing=filing,
            recipients=_unverified_people(filing),
            channels=("sms", "email"),
            dedupe=dedupe,
        )
        count += 1
    return count


def _unverified_people(filing: Filing) -> list[Recipient]:
    """The mobiles MIIT texted in this round whose code is not verified (and that person's email, when the
    filing holds one), the applicant's own contacts left out (they are told above)."""
    applicant = filing.applicant
    pending = filing.sms_verifications.filter(review_round=filing.review_round, verified_at__isnull=True)
    emails = {person.mobile: person.email for person in filing.entity.people.all()}
    found = []
    for mobile in sorted(set(pending.values_list("mobile", flat=True))):
        if mobile == applicant.mobile:
            continue
        email = emails.get(mobile, "")
        email = "" if email and email.lower() == (applicant.email or "").lower() else email
        found.append(Recipient(email=email, mobile=mobile, language=DEFAULT_LANGUAGE))
    return found


# --- Idle applicant steps: 7, 15, 30 days → a reminder; 45 days → withdrawn ----------------------------------
def _last_touched() -> Greatest:
    last_event = Subquery(
        # An operator's intervention (a retried job, a moved claim) is not the applicant's work.
        FilingEvent.objects.filter(filing=OuterRef("pk"), kind=FilingEvent.Kind.TRANSITION)
        .order_by("-created_at")
        .values("created_at")[:1],
        output_field=DateTimeField(),
    )
    return Greatest("updated_at", Coalesce(last_event, "updated_at"), output_field=DateTimeField())


def idle_filing_sweep(now: dt.datetime | None = None) -> int:
    """Remind the applicants of filings untouched in an applicant step (the wizard, or returned) for 7, 15
    and 30 days, once per threshold and idle spell; withdraw (by the system) those untouched for 45 days.
    Returns how many filings were reminded or withdrawn."""
    now = now or timezone.now()
    idle = Filing.objects.filter(state__in=IDLE_STATES).annotate(touched=_last_touched())
    budget = BATCH
    stale = idle.filter(touched__lte=now - dt.timedelta(days=IDLE_WITHDRAW_DAYS)).order_by("touched")
    for filing in stale[:budget]:
        try:
            filing_withdraw(filing=filing, by=SYSTEM, cause=IDLE_CAUSE)
        except ApplicationError:  # moved on meanwhile (submitted, withdrawn by the applicant): nothing to do
            continue
        finally:
            budget -= 1
    for days, until in IDLE_BANDS:
        if budget <= 0:
            break
        due = (
            idle.filter(
                touched__lte=now - dt.timedelta(days=days), touched__gt=now - dt.timedelta(days=until)
            )
            .exclude(_reminded(IDLE_REMINDER, context__days=days, created_at__gte=OuterRef("touched")))
            .select_related("applicant", "entity")
            .order_by("touched")
        )
        for filing in due[:budget]:
            touched = filing.touched
            withdraw_on = timezone.localdate(touched + dt.timedelta(days=IDLE_WITHDRAW_DAYS))
            context = _filing_context(filing) | {
                "days": days,
                "withdraw_days": IDLE_WITHDRAW_DAYS,
                "withdraw_on": withdraw_on.isoformat(),
            }
            dedupe = f"{filing.pk}:idle:{days}:{int(touched.timestamp())}"
            _notify_applicant(IDLE_REMINDER, filing, context, dedupe)
            budget -= 1
    return BATCH - budget


# --- The PSB filing: 7, 20, 28 days after the approval, until every website has its number ------------------
def psb_reminders(now: dt.datetime | None = None) -> int:
    """Remind the applicants of approved filings with a website still without its PSB number, at 7, 20 and
    28 days after MIIT's approval (once each). Returns how many filings were reminded."""
    now = now or timezone.now()
    approved_at = Subquery(
        FilingEvent.objects.filter(filing=OuterRef("pk"), transition="miit_approve")
        .order_by("-created_at")
        .values("created_at")[:1],
        output_field=DateTimeField(),
    )
    missing = Exists(FilingWebsite.objects.filter(filing=OuterRef("pk")).filter(Q(website__psb_number="")))
    approved = Filing.objects.filter(state=S.APPROVED).annotate(approved_at=approved_at).filter(missing)
    budget = BATCH
    for days, until in PSB_BANDS:
        if budget <= 0:
            break
        due = (
            approved.filter(
                approved_at__lte=now - dt.timedelta(days=days),
                approved_at__gt=now - dt.timedelta(days=until),
            )
            .exclude(_reminded(PSB_REMINDER, context__days=days))
            .select_related("applicant", "entity")
            .order_by("approved_at")
        )
        for filing in due[:budget]:
            approved_on = timezone.localdate(filing.approved_at)
            items = filing.filing_websites.select_related("website__domain").order_by("position")
            context = _filing_context(filing) | {
                "days": days,
                "psb_days": PSB_DAYS,
                "psb_deadline": (approved_on + dt.timedelta(days=PSB_DAYS)).isoformat(),
                "psb_site": PSB_SITE,
                "missing": [item.website.domain.name for item in items if not item.website.psb_number],
                "result_url": absolute(reverse("filing-result", args=[filing.code]) + "#psb-numbers"),
            }
            _notify_applicant(PSB_REMINDER, filing, context, f"{filing.pk}:psb:{days}")
            budget -= 1
    return BATCH - budget

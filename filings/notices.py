"""What a state change tells whom: the one hook ``run_transition`` calls, inside its transaction, after the
event is written (``notices_for_event``). Each notice is an outbox row per recipient and channel
(``notifications.services.notify``), deduplicated by the event: running the hook twice writes nothing new.

Recipients: the applicant's account (the inbox always; email and SMS as the account's preferences say, in
the account's language) and the persons in charge whose contacts the filing holds (the entity's head and
each website's own head: email, and SMS for what MIIT makes urgent). A context holds plain values only, and
never an identity number or a mobile, masked or not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from common.forms import in_active_language
from filings.duties import PSB_DAYS, footer_snippet
from filings.models import Filing, FilingEvent
from filings.pages.progress import page_of_field
from filings.states import FilingState
from notifications.services import Recipient, notify

S = FilingState

DEFAULT_LANGUAGE = "zh-hans"

# The kinds (a folder under templates/notifications/ each).
SUBMITTED = "filing_submitted"
RETURNED = "filing_returned"
MAILING = "filing_mailing"
SMS_SENT = "filing_sms_sent"
MIIT_RETURNED = "filing_miit_returned"
APPROVED = "filing_approved"
SMS_FAILED = "filing_sms_failed"
WITHDRAWN = "filing_withdrawn"
ASSIGNED = "review_assigned"
# The periodic jobs' reminders (``filings/reminders.py``).
SMS_EXPIRING = "sms_expiring"
IDLE_REMINDER = "idle_reminder"
PSB_REMINDER = "psb_reminder"
KINDS = (
    SUBMITTED,
    RETURNED,
    MAILING,
    SMS_SENT,
    MIIT_RETURNED,
    APPROVED,
    SMS_FAILED,
    WITHDRAWN,
    ASSIGNED,
    SMS_EXPIRING,
    IDLE_REMINDER,
    PSB_REMINDER,
)
IDLE_CAUSE = "idle_45_days"  # the cause the idle-filing job records on its ``withdraw`` event
IDLE_WITHDRAW_DAYS = 45

# Kinds that also reach the persons in charge, and those urgent enough for SMS.
TO_PERSONS_IN_CHARGE = frozenset({SUBMITTED, RETURNED, SMS_SENT, MIIT_RETURNED, APPROVED, SMS_FAILED})
URGENT = frozenset({SMS_SENT, SMS_FAILED, SMS_EXPIRING})


@dataclass(frozen=True)
class Addressee:
    """One recipient and the channels it is reached on."""

    recipient: Recipient
    channels: tuple[str, ...]


def event_kind(event: FilingEvent) -> str | None:
    """The notice an event gives, or None (a step of the wizard, a first approval, a verified SMS...)."""
    name, to_state = event.transition, event.to_state
    if name in ("submit", "resubmit"):
        return SUBMITTED
    if name == "reject":
        return RETURNED
    if name == "approve" and to_state == S.MAILING:
        return MAILING
    if name == "hand_to_miit" and to_state == S.SMS_VERIFICATION:
        return SMS_SENT
    if name == "miit_reject":
        return MIIT_RETURNED
    if name == "miit_approve":
        return APPROVED
    if name == "expire_sms":
        return SMS_FAILED
    if name == "withdraw":
        return WITHDRAWN
    return None


def notices_for_event(event: FilingEvent, *, filing: Filing) -> None:
    """Write the notices of ``event`` (called by ``run_transition`` in its transaction)."""
    kind = event_kind(event)
    if kind is None:
        return
    items = website_items(filing)  # read once for every addressee and language
    contexts: dict[str, dict[str, Any]] = {}
    for addressee in addressees(filing, kind, items=items):
        language = addressee.recipient.language
        if language not in contexts:
            with translation.override(language):
                contexts[language] = notice_context(kind, filing, event, items=items)
        context = contexts[language]
        notify(
            kind=kind,
            context=context,
            filing=filing,
            recipients=[addressee.recipient],
            channels=addressee.channels,
            dedupe=f"{filing.pk}:{event.pk}",
        )


def filing_assigned_notice(*, filing: Filing, specialist: Any, by: Any) -> None:
    """A specialist is told an operator handed them a filing (``reviews.assignment.review_reassign``)."""
    channels = ("inbox", "email") if specialist.email and specialist.notify_by_email else ("inbox",)
    stamp = int((filing.claimed_at or timezone.now()).timestamp())
    notify(
        kind=ASSIGNED,
        context={
            **_filing_context(filing),
            "review_url": absolute(reverse("review-filing", args=[filing.code])),
            "assigned_by": getattr(by, "username", ""),
            "due_on": filing.review_due_on.isoformat() if filing.review_due_on else "",
        },
        filing=filing,
        recipients=[
            Recipient(
                user=specialist, email=specialist.email, language=specialist.language or DEFAULT_LANGUAGE
            )
        ],
        channels=channels,
        dedupe=f"{filing.pk}:{specialist.pk}:{stamp}",
    )


# --- Whom ---------------------------------------------------------------------------------------------------
def website_items(filing: Filing) -> list[Any]:
    """The filing's websites in their order, with their domains and persons in charge (one query)."""
    return list(
        filing.filing_websites.select_related("website__domain", "website__head").order_by("position")
    )


def addressees(filing: Filing, kind: str, *, items: list[Any] | None = None) -> list[Addressee]:
    """The applicant's account, then each person in charge with a contact the account does not share
    (``items``: the filing's ``website_items`` when the caller has them)."""
    applicant = filing.applicant
    channels = ["inbox"]
    if applicant.email and getattr(applicant, "notify_by_email", True):
        channels.append("email")
    if kind in URGENT and applicant.mobile and getattr(applicant, "notify_by_sms", True):
        channels.append("sms")
    found = [
        Addressee(
            Recipient(
                user=applicant,
                email=applicant.email,
                mobile=applicant.mobile,
                language=applicant.language or DEFAULT_LANGUAGE,
            ),
            tuple(channels),
        )
    ]
    if kind not in TO_PERSONS_IN_CHARGE:
        return found
    emails = {applicant.email.lower()} if "email" in channels else set()
    mobiles = {applicant.mobile} if "sms" in channels else set()
    for person in persons_in_charge(filing, items=items):
        email = person.email if person.email and person.email.lower() not in emails else ""
        mobile = person.mobile if kind in URGENT and person.mobile and person.mobile not in mobiles else ""
        emails.add(email.lower())
        mobiles.add(mobile)
        person_channels = tuple(name for name, value in (("email", email), ("sms", mobile)) if value)
        if person_channels:
            found.append(
                Addressee(Recipient(email=email, mobile=mobile, language=DEFAULT_LANGUAGE), person_channels)
            )
    return found


def persons_in_charge(filing: Filing, *, items: list[Any] | None = None) -> list[Any]:
    """The entity's head and the websites' own heads, each once."""
    people = [filing.entity.head] if filing.entity.head_id else []
    items = website_items(filing) if items is None else items
    people += [item.website.head for item in items if item.website.head_id]
    seen: set[int] = set()
    unique = []
    for person in people:
        if person.pk not in seen:
            seen.add(person.pk)
            unique.append(person)
    return unique


# --- What ---------------------------------------------------------------------------------------------------
def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _filing_context(filing: Filing, *, items: list[Any] | None = None) -> dict[str, Any]:
    items = website_items(filing) if items is None else items
    return {
        "filing_code": str(filing.code),
        "filing_url": absolute(reverse("filing-detail", args=[filing.code])),
        "entity_name": filing.entity.name,
        "domains": [item.website.domain.name for item in items],
    }


def _reasons(filing: Filing, event: FilingEvent) -> list[dict[str, str]]:
    """Each reason in the active language (a bilingual message's half), with a link to its field."""
    found = []
    for item in event.reasons or []:
        item = item if isinstance(item, dict) else {}
        field = str(item.get("field", "") or "filing")
        found.append(
            {
                "code": str(item.get("code", "")),
                "field": field,
                "message": in_active_language(str(item.get("message", "") or item.get("code", ""))),
                "url": absolute(page_of_field(filing, field)),
            }
        )
    return found


def _local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def notice_context(
    kind: str, filing: Filing, event: FilingEvent, *, items: list[Any] | None = None
) -> dict[str, Any]:
    """The plain values the templates of ``kind`` show (rendered at delivery in the recipient's language)."""
    items = website_items(filing) if items is None else items
    context = _filing_context(filing, items=items)
    if kind in (RETURNED, MIIT_RETURNED, SMS_FAILED):
        context["reasons"] = _reasons(filing, event)
        if kind == RETURNED and (event.payload or {}).get("message"):
            context["message"] = in_active_language(str(event.payload["message"]))
    elif kind == MAILING:
        context["mailing_url"] = absolute(reverse("filing-mailing", args=[filing.code]))
        context["address"] = settings.PROVIDER_MAILING_ADDRESS
    elif kind == SMS_SENT:
        context["sms_url"] = absolute(reverse("filing-sms", args=[filing.code]))
        context["deadline"] = _local(filing.sms_expires_at)
        context["valid_hours"] = settings.SMS_CODE_VALID_HOURS
    elif kind == APPROVED:
        context["entity_number"] = filing.entity.icp_number
        context["websites"] = [
            {
                "domain": item.website.domain.name,
                "number": item.website.website_number,
                "snippet": footer_snippet(item.website.website_number),
            }
            for item in items
        ]
        context["result_url"] = absolute(reverse("filing-result", args=[filing.code]))
        context["psb_days"] = PSB_DAYS
        approved_on = timezone.localdate(event.created_at)
        context["psb_deadline"] = (approved_on + dt.timedelta(days=PSB_DAYS)).isoformat()
    elif kind == WITHDRAWN and (event.payload or {}).get("cause") == IDLE_CAUSE:
        context["idle_days"] = IDLE_WITHDRAW_DAYS  # the system withdrew it: untouched for this long
    return context

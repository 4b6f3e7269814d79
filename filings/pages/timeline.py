"""The filing's events as the applicant reads them: who, when, what, and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from common.forms import in_active_language
from filings.models import Filing, FilingEvent
from filings.states import FilingState

S = FilingState

# What each transition means to the applicant (process.md).
TRANSITION_WORDS: dict[str, Promise] = {
    "detect_type": _("Filing type detected"),
    "verify_instance": _("Instances verified"),
    "enter_information": _("Information entered"),
    "complete_materials": _("Materials completed"),
    "reopen": _("Went back to an earlier step"),
    "submit": _("Submitted for review"),
    "approve_first": _("First of two approvals by the provider: a second specialist reviews it"),
    "approve": _("Approved by the provider"),
    "reject": _("Returned by the provider"),
    "confirm_mail_received": _("Paper materials received"),
    "resubmit": _("Resubmitted after corrections"),
    "hand_to_miit": _("Handed to MIIT"),
    "verify_sms": _("SMS codes verified"),
    "expire_sms": _("SMS verification failed"),
    "miit_approve": _("Approved by MIIT: ICP numbers issued"),
    "miit_reject": _("Returned by MIIT"),
    "withdraw": _("Withdrawn"),
}

ACTOR_WORDS: dict[str, Promise] = {
    "applicant": _("You"),
    "specialist": _("Provider's review specialist"),
    "operator": _("Provider's operator"),
    "system": _("The portal"),
}


@dataclass(frozen=True)
class Entry:
    title: str
    actor: str
    at: dt.datetime
    kind: str  # returned, done or plain: the dot's colour
    reasons: list[str] = field(default_factory=list)
    note: str = ""


def timeline(filing: Filing, events: list[FilingEvent] | None = None) -> list[Entry]:
    """Newest first. MIIT's own decisions are attributed to MIIT, not to the portal's job that recorded them."""
    entries = []
    for event in events if events is not None else filing.events.order_by("created_at", "id"):
        if event.kind == FilingEvent.Kind.INTERVENTION:
            continue  # an operator's retry or claim move changed nothing the applicant must know (the admin shows it)
        actor = ACTOR_WORDS.get(event.actor_role, event.actor_role)
        if event.transition in ("miit_approve", "miit_reject", "verify_sms", "expire_sms"):
            actor = _("MIIT")
        kind = "returned" if event.to_state in (S.PROVIDER_REJECTED, S.MIIT_REJECTED) else "plain"
        if event.to_state == S.APPROVED:
            kind = "done"
        entries.append(
            Entry(
                title=str(TRANSITION_WORDS.get(event.transition, event.transition)),
                actor=str(actor),
                at=event.created_at,
                kind=kind,
                reasons=[_reason_text(item) for item in event.reasons or []],
                note=_note(event.payload or {}),
            )
        )
    return list(reversed(entries))


def _reason_text(item: Any) -> str:
    item = item if isinstance(item, dict) else {}
    return in_active_language(str(item.get("message") or item.get("code") or ""))


def _note(payload: dict[str, Any]) -> str:
    for key in ("message", "note", "explanation"):
        if payload.get(key):
            return in_active_language(str(payload[key]))
    return ""

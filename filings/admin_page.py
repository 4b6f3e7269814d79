"""What the filing's change page shows an operator: one read per section, whatever the number of events,
websites, materials, findings or notices (prefetched, never read row by row).

The findings are the reviews app's rows: reached through their relation (``filing.review_findings``), since
the filings app does not import the reviews app. MIIT's side is what the filing itself holds (its reference,
SMS deadline, the numbers issued and the MIIT events): the simulators are nobody's import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.identity import mask_mobile
from filings.admin_lists import state_tag
from filings.models import Filing, FilingEvent
from filings.services import operator
from filings.states import FilingState
from materials.models import Material, MaterialStatus
from notifications.models import Channel, Notification

S = FilingState
NOTICES_SHOWN = 100  # a filing's newest notices; the outbox admin lists the rest
MIIT_TRANSITIONS = ("hand_to_miit", "verify_sms", "expire_sms", "miit_approve", "miit_reject")

ACTOR_ROLES = {
    "applicant": _("applicant"),
    "specialist": _("specialist"),
    "operator": _("operator"),
    "system": _("system"),
}


@dataclass
class OperatorView:
    filing: Filing
    events: list[dict[str, Any]] = field(default_factory=list)
    websites: list[Any] = field(default_factory=list)
    materials: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
    miit: dict[str, Any] = field(default_factory=dict)
    sms: list[dict[str, Any]] = field(default_factory=list)
    notices: list[dict[str, Any]] = field(default_factory=list)
    state_tag: str = ""


def intervention_url(filing: Filing, name: str, **query: str) -> str:
    url = reverse("admin:filings_filing_intervene", args=[filing.pk, name])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def _state_label(value: str) -> str:
    return str(S(value).label) if value in S.values else ""


def _event_row(event: FilingEvent) -> dict[str, Any]:
    payload = event.payload or {}
    reasons = [
        str(item.get("message") or item.get("code") or "") if isinstance(item, dict) else str(item)
        for item in event.reasons or []
    ]
    reason = str(payload.get("reason") or payload.get("message") or "")
    details = {
        key: value for key, value in payload.items() if key not in ("reason", "message", "intervention")
    }
    return {
        "at": event.created_at,
        "who": event.actor.username if event.actor_id else "",
        "role": ACTOR_ROLES.get(event.actor_role, event.actor_role),
        "what": event.transition,
        "intervention": event.kind == FilingEvent.Kind.INTERVENTION,
        "from": _state_label(event.from_state),
        "to": _state_label(event.to_state),
        "reasons": reasons,
        # An operator's return carries its reason as the rejection reason too: said once.
        "reason": "" if reason in reasons else reason,
        "details": details,
    }


def operator_view(filing: Filing) -> OperatorView:
    """Every section of the change page, from one query each."""
    view = OperatorView(filing=filing, state_tag=state_tag(filing))
    events = list(filing.events.select_related("actor").order_by("-created_at", "-id"))
    view.events = [_event_row(event) for event in events]
    view.websites = list(
        filing.filing_websites.select_related("website__domain", "website__head", "service_number__instance")
    )
    view.materials = [
        {
            "row": material,
            "thumbnail": reverse("material-thumbnail", args=[material.code])
            if material.status == MaterialStatus.ACCEPTED and material.thumbnail_path
            else "",
            "file": reverse("material-file", args=[material.code])
            if material.status == MaterialStatus.ACCEPTED
            else "",
            "rerun": intervention_url(filing, operator.RERUN_MATERIAL, material=str(material.code))
            if material.status == MaterialStatus.PROCESSING
            else "",
        }
        for material in Material.objects.filter(filing=filing)
        .select_related("website__domain")
        .order_by("-created_at", "-id")
    ]
    view.findings = list(filing.review_findings.select_related("resolved_by").order_by("-review_round"))
    view.miit = {
        "reference": filing.miit_reference,
        "review_round": filing.review_round,
        "idempotency_key": filing.miit_idempotency_key,
        "sms_expires_at": filing.sms_expires_at,
        "icp_number": filing.entity.icp_number,
        "website_numbers": [
            (item.website.domain.name, item.website.website_number) for item in view.websites
        ],
        "events": [row for row in view.events if row["what"] in (*MIIT_TRANSITIONS, operator.RETRY_MIIT)],
    }
    view.sms = [
        {
            "mobile": mask_mobile(item.mobile),
            "round": item.review_round,
            "sent_at": item.sent_at,
            "verified_at": item.verified_at,
            "wrong_attempts": item.wrong_attempts,
        }
        for item in filing.sms_verifications.order_by("-review_round", "id")
    ]
    view.notices = [_notice_row(filing, notice) for notice in _notices(filing)]
    return view


def _notices(filing: Filing) -> list[Notification]:
    return list(
        Notification.objects.filter(filing=filing)
        .select_related("recipient")
        .order_by("-created_at", "-id")[:NOTICES_SHOWN]
    )


def _notice_row(filing: Filing, notice: Notification) -> dict[str, Any]:
    retry = notice.channel != Channel.INBOX and notice.sent_at is None
    return {
        "row": notice,
        "to": notice.recipient.username if notice.recipient_id else _masked_address(notice),
        "retry": intervention_url(filing, operator.RETRY_NOTIFICATION, notification=str(notice.code))
        if retry
        else "",
    }


def _masked_address(notice: Notification) -> str:
    if notice.channel == Channel.SMS:
        return mask_mobile(notice.mobile)
    local, _at, domain = notice.email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""

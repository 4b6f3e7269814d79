"""The filing detail as plain dictionaries: the same answer as ``FilingSerializer``, at a fraction of its cost.

DRF builds (deep-copies) about 90 field objects per detail and calls each through ``get_attribute`` and
``to_representation``; for the API's most read answer that was a third of the request (issue 15, P3). Here
each part is one small function over the prefetched rows (``filings.api.queries.with_detail``). The
serializers in ``filings.api.detail`` stay the description of the answer (the OpenAPI schema is generated from
them) and ``tests/api/test_detail_data.py`` asserts that both give the same JSON for filings in every kind of
state, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import serializers

from common.identity import mask_mobile
from filings.api.serializers import Viewer, reason_data
from filings.machine import permitted_transitions
from filings.models import Filing, FilingEvent, FilingWebsite
from filings.selectors import filing_deadlines
from filings.states import RETURNED_STATES, FilingState
from materials.models import Material, MaterialStatus
from materials.requirements import face_checklist, materials_checklist

S = FilingState
# DRF's own renderings of dates and times (the current time zone, ``Z`` for UTC), one instance for all.
_DATETIME = serializers.DateTimeField()


def _datetime(value: Any) -> str | None:
    return None if value is None else _DATETIME.to_representation(value)


def _encoded(value: Any) -> str | None:
    """A time as DRF's JSON encoder writes one it meets in a plain dictionary (the serializer's method
    fields return those): ISO 8601 as stored, in UTC, ``Z`` for ``+00:00``."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _date(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def person_data(person: Any, viewer: Viewer) -> dict[str, Any]:
    return {
        "id": str(person.code),
        "name": person.name,
        "certificate_type": person.certificate_type,
        "certificate_number": (
            person.certificate_number if viewer.reveal_identity else person.certificate_number_masked
        ),
        "certificate_valid_until": _date(person.certificate_valid_until),
        "mobile": person.mobile if viewer.full_contacts else mask_mobile(person.mobile),
        "emergency_phone": person.emergency_phone,
        "email": person.email,
        "is_legal_representative": person.is_legal_representative,
    }


def entity_data(entity: Any, viewer: Viewer) -> dict[str, Any]:
    return {
        "id": str(entity.code),
        "nature": entity.nature,
        "certificate_type": entity.certificate_type,
        "certificate_number": (
            entity.certificate_number if viewer.reveal_identity else entity.certificate_number_masked
        ),
        "name": entity.name,
        "certificate_address": entity.certificate_address,
        "mailing_address": entity.mailing_address,
        "certificate_valid_until": _date(entity.certificate_valid_until),
        "icp_number": entity.icp_number,
        "head": person_data(entity.head, viewer) if entity.head is not None else None,
    }


def _pre_approval(choice: dict[str, Any]) -> dict[str, Any]:
    """``PreApprovalSerializer``: the category always, the other keys only when stored."""
    data = {"category": str(choice.get("category", ""))}
    for key in ("number", "issuer"):
        if key in choice:
            data[key] = str(choice[key])
    if "valid_until" in choice:
        data["valid_until"] = None if choice["valid_until"] is None else str(choice["valid_until"])
    return data


def website_data(item: FilingWebsite, entity_head_id: Any, viewer: Viewer) -> dict[str, Any]:
    website = item.website
    own_head = website.head_id is not None and website.head_id != entity_head_id
    return {
        "id": str(website.code),
        "position": item.position,
        "domain": website.domain.name,
        "ascii_domain": website.domain.ascii_name,
        "name": website.name,
        "homepage_url": website.homepage_url,
        "content_type": website.content_type,
        "languages": website.languages,
        "pre_approvals": (
            None if website.pre_approvals is None else [_pre_approval(c) for c in website.pre_approvals]
        ),
        "head": person_data(website.head, viewer) if own_head else None,
        "service_number": item.service_number.code if item.service_number_id else "",
        "website_number": website.website_number,
        "psb_number": website.psb_number,
    }


def material_data(material: Material, filing: Filing) -> dict[str, Any]:
    """``materials.api.MaterialSerializer``'s answer for one material of ``filing``."""
    accepted = material.status == MaterialStatus.ACCEPTED
    return {
        "id": str(material.code),
        "kind": material.kind,
        "website": str(material.website.code) if material.website_id else None,
        "category": material.category,
        "status": material.status,
        "rejection_code": material.rejection_code,
        "rejection_message": material.rejection_message,
        "original_name": material.original_name,
        "size": material.size,
        "content_type": material.content_type,
        "width": material.width,
        "height": material.height,
        "document_date": _date(material.document_date),
        "findings": [dict(finding) for finding in material.findings or []],
        "created_at": _datetime(material.created_at),
        "processed_at": _datetime(material.processed_at),
        "file": f"/api/v1/filings/{filing.code}/materials/{material.code}/file" if accepted else "",
    }


def event_data(event: FilingEvent) -> dict[str, Any]:
    return {
        "transition": event.transition,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "actor_role": event.actor_role,
        "at": _datetime(event.created_at),
        "reasons": [reason_data(item, index) for index, item in enumerate(event.reasons or [])],
        "message": str((event.payload or {}).get("message", "")),
    }


def _required_materials(filing: Filing) -> list[dict[str, Any]]:
    return [
        {
            "field": item.requirement.field,
            "kind": item.requirement.kind,
            "website": str(item.requirement.website.code) if item.requirement.website else None,
            "category": item.requirement.category,
            "label": f"{item.requirement.label_zh} / {item.requirement.label_en}",
            "why": str(item.requirement.why),
            "status": item.status,
            "material": str(item.material.code) if item.material else None,
        }
        for item in materials_checklist(filing)
    ]


def _face_verification(filing: Filing) -> list[dict[str, Any]]:
    return [
        {
            "person": str(item.person.code),
            "name": item.person.name,
            "status": item.status,
            "reason": item.verification.reason if item.verification else "",
            "reference": item.verification.gateway_reference if item.verification else "",
        }
        for item in face_checklist(filing)
    ]


def _findings(filing: Filing, materials: list[Material]) -> list[dict[str, str]]:
    latest: dict[tuple[str, Any, str], Material] = {}
    for material in materials:
        latest[(material.kind, material.website_id, material.category)] = material
    found = [
        {
            "code": str(finding.get("code", "")),
            "severity": "blocking" if finding.get("severity") == "blocking" else "advisory",
            "field": f"materials.{material.kind}",
            "message": str(finding.get("message", "")),
        }
        for material in latest.values()
        for finding in material.findings or []
    ]
    for advisory in filing.advisories or []:
        found.append(
            {
                "code": str(advisory.get("code", "")),
                "severity": "advisory",
                "field": str(advisory.get("field", "")),
                "message": str(advisory.get("message", "")),
            }
        )
    return found


def filing_detail_data(filing: Filing, viewer: Viewer) -> dict[str, Any]:
    """``FilingSerializer(filing, context={"viewer": viewer}).data``, built directly."""
    editable = filing.state in (S.MATERIALS, S.SELF_CHECK, *RETURNED_STATES)
    materials = list(filing.materials.all())
    events = list(filing.events.all())
    returned = [event for event in events if event.to_state == filing.state]
    deadlines = filing_deadlines(filing)
    entity = filing.entity
    return {
        "id": str(filing.code),
        "state": filing.state,
        "filing_type": filing.filing_type,
        "region": filing.region.code,
        "review_round": filing.review_round,
        "entity": entity_data(entity, viewer),
        "websites": [website_data(item, entity.head_id, viewer) for item in filing.filing_websites.all()],
        "required_materials": _required_materials(filing) if editable else [],
        "face_verification": _face_verification(filing) if editable else [],
        "materials": [material_data(material, filing) for material in materials],
        "findings": _findings(filing, materials) if viewer.findings else [],
        "reasons": (
            [reason_data(item, index) for index, item in enumerate(returned[-1].reasons if returned else [])]
            if filing.state in RETURNED_STATES
            else []
        ),
        "available_transitions": permitted_transitions(filing, viewer.user),
        "events": [event_data(event) for event in events],
        "icp_number": entity.icp_number,
        "deadlines": {
            "provider_review_due": _date(deadlines.provider_review_due),
            "miit_review_due": _date(deadlines.miit_review_due),
            "sms_expires_at": _encoded(deadlines.sms_expires_at),
        },
        "mailing": {
            "required": filing.state == S.MAILING,
            "courier": filing.mailing_courier,
            "tracking_number": filing.mailing_tracking_number,
        },
        "sms": {
            "required": filing.state == S.SMS_VERIFICATION,
            "expires_at": _encoded(filing.sms_expires_at),
            "people": [
                {
                    "mobile": item.mobile if viewer.full_contacts else mask_mobile(item.mobile),
                    "verified": item.verified_at is not None,
                    "attempts_left": max(settings.SMS_MAX_WRONG_CODES - item.wrong_attempts, 0),
                }
                for item in filing.sms_verifications.all()
                if item.review_round == filing.review_round
            ],
        },
        "created_at": _datetime(filing.created_at),
        "updated_at": _datetime(filing.updated_at),
    }

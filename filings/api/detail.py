"""The whole filing as one answer (``GET /api/v1/filings/{id}/`` and every write that returns it).

Its sections: the step-4 checklist and face verification, the materials and (to staff) their automated
findings, the open rejection reasons, the transitions this caller may run, the deadlines, mailing and SMS.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.identity import mask_mobile
from filings.api.serializers import (
    EntitySerializer,
    EventSerializer,
    FilingWebsiteSerializer,
    ReasonSerializer,
    reason_data,
    viewer_in,
)
from filings.machine import permitted_transitions
from filings.models import Filing
from filings.selectors import filing_deadlines
from filings.states import RETURNED_STATES, FilingState, FilingType
from materials.api import MaterialSerializer
from materials.models import Material, MaterialKind, MaterialStatus
from materials.requirements import face_checklist, materials_checklist

S = FilingState


class RequiredMaterialSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The path a refusal names: `materials.<kind>[.<website index>]`")
    kind = serializers.ChoiceField(choices=MaterialKind.choices)
    website = serializers.UUIDField(allow_null=True)
    category = serializers.CharField()
    label = serializers.CharField()
    why = serializers.CharField()
    status = serializers.ChoiceField(choices=["missing", *MaterialStatus.values])
    material = serializers.UUIDField(allow_null=True, help_text="The latest upload for it")


class FaceRequirementSerializer(serializers.Serializer):
    person = serializers.UUIDField(help_text="The person to verify (the `person` of face-verification)")
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=["missing", "pending", "passed", "failed"])
    reason = serializers.CharField()
    reference = serializers.CharField(help_text="The provider's reference of the latest check")


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=["blocking", "advisory"])
    field = serializers.CharField()
    message = serializers.CharField()


class DeadlinesSerializer(serializers.Serializer):
    provider_review_due = serializers.DateField(allow_null=True)
    miit_review_due = serializers.DateField(allow_null=True)
    sms_expires_at = serializers.DateTimeField(allow_null=True)


class MailingSerializer(serializers.Serializer):
    required = serializers.BooleanField(help_text="The filing waits for mailed paper materials")
    courier = serializers.CharField()
    tracking_number = serializers.CharField()


class SmsPersonSerializer(serializers.Serializer):
    mobile = serializers.CharField(help_text="In full to the owner (the number to verify with)")
    verified = serializers.BooleanField()
    attempts_left = serializers.IntegerField()


class SmsSerializer(serializers.Serializer):
    required = serializers.BooleanField()
    expires_at = serializers.DateTimeField(allow_null=True)
    people = SmsPersonSerializer(many=True)


class FilingSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", read_only=True)
    state = serializers.ChoiceField(choices=FilingState.choices)
    filing_type = serializers.ChoiceField(choices=[("", "not detected yet"), *FilingType.choices])
    region = serializers.CharField(source="region.code")
    review_round = serializers.IntegerField()
    entity = EntitySerializer()
    websites = serializers.SerializerMethodField()
    required_materials = serializers.SerializerMethodField()
    face_verification = serializers.SerializerMethodField()
    materials = serializers.SerializerMethodField()
    findings = serializers.SerializerMethodField(help_text="Automated findings, to specialists and operators")
    reasons = serializers.SerializerMethodField(help_text="The open rejection reasons while returned")
    available_transitions = serializers.SerializerMethodField(
        help_text="The transitions this caller may run from the current state (from the state machine)"
    )
    events = EventSerializer(many=True)
    icp_number = serializers.CharField(source="entity.icp_number")
    deadlines = serializers.SerializerMethodField()
    mailing = serializers.SerializerMethodField()
    sms = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(FilingWebsiteSerializer(many=True))
    def get_websites(self, filing: Filing) -> list[dict[str, Any]]:
        return FilingWebsiteSerializer(filing.filing_websites.all(), many=True, context=self.context).data

    def _materials(self, filing: Filing) -> list[Material]:
        return list(filing.materials.all())

    @extend_schema_field(RequiredMaterialSerializer(many=True))
    def get_required_materials(self, filing: Filing) -> list[dict[str, Any]]:
        if filing.state not in (S.MATERIALS, S.SELF_CHECK, *RETURNED_STATES):
            return []
        return [
            {
                "field": item.requirement.field,
                "kind": item.requirement.kind,
                "website": str(item.requirement.website.code) if item.requirement.website else None,
                "category": item.requirement.category,
                "label": f"{item.requirement.label_zh} / {item.requirement.label_en}",
                "why": item.requirement.why,
                "status": item.status,
                "material": str(item.material.code) if item.material else None,
            }
            for item in materials_checklist(filing)
        ]

    @extend_schema_field(FaceRequirementSerializer(many=True))
    def get_face_verification(self, filing: Filing) -> list[dict[str, Any]]:
        if filing.state not in (S.MATERIALS, S.SELF_CHECK, *RETURNED_STATES):
            return []
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

    @extend_schema_field(MaterialSerializer(many=True))
    def get_materials(self, filing: Filing) -> list[dict[str, Any]]:
        return MaterialSerializer(self._materials(filing), many=True, context=self.context).data

    @extend_schema_field(FindingSerializer(many=True))
    def get_findings(self, filing: Filing) -> list[dict[str, str]]:
        if not viewer_in(self).findings:
            return []
        latest: dict[tuple[str, Any, str], Material] = {}
        for material in self._materials(filing):
            latest[(material.kind, material.website_id, material.category)] = material
        found = []
        for material in latest.values():
            for finding in material.findings or []:
                found.append(
                    {
                        "code": str(finding.get("code", "")),
                        "severity": "blocking" if finding.get("severity") == "blocking" else "advisory",
                        "field": f"materials.{material.kind}",
                        "message": str(finding.get("message", "")),
                    }
                )
        for advisory in filing.advisories or []:  # from the last full check (a mobile's unknown home...)
            found.append(
                {
                    "code": str(advisory.get("code", "")),
                    "severity": "advisory",
                    "field": str(advisory.get("field", "")),
                    "message": str(advisory.get("message", "")),
                }
            )
        return found

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, filing: Filing) -> list[dict[str, str]]:
        if filing.state not in RETURNED_STATES:
            return []
        returned = [event for event in filing.events.all() if event.to_state == filing.state]
        return [
            reason_data(item, index) for index, item in enumerate(returned[-1].reasons if returned else [])
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_transitions(self, filing: Filing) -> list[str]:
        return available_transitions(filing, viewer_in(self).user)

    @extend_schema_field(DeadlinesSerializer)
    def get_deadlines(self, filing: Filing) -> dict[str, Any]:
        deadlines = filing_deadlines(filing)
        return {
            "provider_review_due": deadlines.provider_review_due,
            "miit_review_due": deadlines.miit_review_due,
            "sms_expires_at": deadlines.sms_expires_at,
        }

    @extend_schema_field(MailingSerializer)
    def get_mailing(self, filing: Filing) -> dict[str, Any]:
        return {
            "required": filing.state == S.MAILING,
            "courier": filing.mailing_courier,
            "tracking_number": filing.mailing_tracking_number,
        }

    @extend_schema_field(SmsSerializer)
    def get_sms(self, filing: Filing) -> dict[str, Any]:
        viewer = viewer_in(self)
        people = [
            {
                "mobile": item.mobile if viewer.full_contacts else mask_mobile(item.mobile),
                "verified": item.verified_at is not None,
                "attempts_left": max(settings.SMS_MAX_WRONG_CODES - item.wrong_attempts, 0),
            }
            for item in filing.sms_verifications.all()
            if item.review_round == filing.review_round
        ]
        return {
            "required": filing.state == S.SMS_VERIFICATION,
            "expires_at": filing.sms_expires_at,
            "people": people,
        }


def available_transitions(filing: Filing, user: Any) -> list[str]:
    """The transitions ``user`` may run from the filing's state (``filings.machine.permitted_transitions``:
    the state and the permission, as ``run_transition`` checks them first, and four eyes' routing; the
    other conditions are left to the attempt, which names every field at fault)."""
    return permitted_transitions(filing, user)

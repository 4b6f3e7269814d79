"""How a filing looks over the API: explicit fields, identity numbers masked unless revealed.

The serializers read only what the views prefetched (``filings.api.queries``), so a list or a detail costs
the same number of queries with 1 or 10 websites. ``context["viewer"]`` says who asks:

- ``reveal_identity``: the specialist who holds the filing sees certificate numbers in clear (the view logs
  that access); everybody else sees the masked copy.
- ``full_contacts``: the owner and the holding specialist see mobile numbers in full; others masked.
- ``findings``: specialists and operators see the automated findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.identity import mask_mobile
from entities.models import Person
from filings.models import Filing, FilingEvent, FilingWebsite
from filings.states import FilingState, FilingType


@dataclass(frozen=True)
class Viewer:
    """What the caller may see of one filing (decided once per request by the view)."""

    user: Any
    reveal_identity: bool = False
    full_contacts: bool = False
    findings: bool = False

    @classmethod
    def of(cls, user: Any, filing: Filing | None = None) -> Viewer:
        role = getattr(user, "role", None)
        owner = filing is not None and filing.applicant_id == user.pk
        holder = filing is not None and role == "specialist" and filing.claimed_by_id == user.pk
        return cls(
            user=user,
            reveal_identity=holder,
            full_contacts=owner or holder,
            findings=role in ("specialist", "operator"),
        )


def viewer_in(serializer: serializers.Serializer) -> Viewer:
    return serializer.context.get("viewer") or Viewer(user=None)


# --- People, entity, websites --------------------------------------------------------------------------
class PersonSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", read_only=True)
    name = serializers.CharField()
    certificate_type = serializers.CharField()
    certificate_number = serializers.SerializerMethodField(
        help_text="Masked, except to the specialist who holds the filing (that access is logged)"
    )
    certificate_valid_until = serializers.DateField(allow_null=True)
    mobile = serializers.SerializerMethodField(help_text="In full to the owner and the holding specialist")
    emergency_phone = serializers.CharField()
    email = serializers.CharField()
    is_legal_representative = serializers.BooleanField()

    def get_certificate_number(self, person: Person) -> str:
        if viewer_in(self).reveal_identity:
            return person.certificate_number
        return person.certificate_number_masked

    def get_mobile(self, person: Person) -> str:
        return person.mobile if viewer_in(self).full_contacts else mask_mobile(person.mobile)


class EntitySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", read_only=True)
    nature = serializers.CharField()
    certificate_type = serializers.CharField()
    certificate_number = serializers.SerializerMethodField(
        help_text="Masked, except to the specialist who holds the filing (that access is logged)"
    )
    name = serializers.CharField()
    certificate_address = serializers.CharField()
    mailing_address = serializers.CharField()
    certificate_valid_until = serializers.DateField(allow_null=True)
    icp_number = serializers.CharField(help_text="The entity's ICP number, once MIIT issued it")
    head = PersonSerializer(allow_null=True, help_text="The entity's person in charge")

    def get_certificate_number(self, entity: Any) -> str:
        if viewer_in(self).reveal_identity:
            return entity.certificate_number
        return entity.certificate_number_masked


class PreApprovalSerializer(serializers.Serializer):
    category = serializers.CharField()
    number = serializers.CharField(required=False)
    issuer = serializers.CharField(required=False)
    valid_until = serializers.CharField(required=False, allow_null=True)


class FilingWebsiteSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="website.code", read_only=True)
    position = serializers.IntegerField()
    domain = serializers.CharField(source="website.domain.name", help_text="Unicode form")
    ascii_domain = serializers.CharField(
        source="website.domain.ascii_name", help_text="ASCII (punycode) form"
    )
    name = serializers.CharField(source="website.name")
    homepage_url = serializers.CharField(source="website.homepage_url")
    content_type = serializers.CharField(source="website.content_type")
    languages = serializers.CharField(source="website.languages")
    pre_approvals = PreApprovalSerializer(source="website.pre_approvals", many=True, allow_null=True)
    head = serializers.SerializerMethodField(
        help_text="The website's person in charge; null while it is the entity's"
    )
    service_number = serializers.SerializerMethodField()
    website_number = serializers.CharField(source="website.website_number")
    psb_number = serializers.CharField(
        source="website.psb_number", help_text="The PSB filing number the applicant recorded (blank: not yet)"
    )

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_head(self, item: FilingWebsite) -> dict[str, Any] | None:
        website = item.website
        if website.head_id is None or website.head_id == item.filing.entity.head_id:
            return None
        return PersonSerializer(website.head, context=self.context).data

    @extend_schema_field(OpenApiTypes.STR)
    def get_service_number(self, item: FilingWebsite) -> str:
        return item.service_number.code if item.service_number_id else ""


class WebsiteSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField(source="website.code", read_only=True)
    domain = serializers.CharField(source="website.domain.name")
    name = serializers.CharField(source="website.name")
    website_number = serializers.CharField(source="website.website_number")


# --- Lists ---------------------------------------------------------------------------------------------------
_DATETIME = serializers.DateTimeField()  # DRF's rendering (current time zone), one instance for every row


def filing_summary_data(filing: Filing, *, staff: bool) -> dict[str, Any]:
    """``FilingSummarySerializer``'s answer for one filing, built directly (``staff``: the caller is a
    specialist or an operator, who see the holder)."""
    entity = filing.entity
    return {
        "id": str(filing.code),
        "state": filing.state,
        "filing_type": filing.filing_type,
        "region": filing.region.code,
        "entity_name": entity.name,
        "entity_nature": entity.nature,
        "certificate_number": entity.certificate_number_masked,
        "websites": [
            {
                "id": str(item.website.code),
                "domain": item.website.domain.name,
                "name": item.website.name,
                "website_number": item.website.website_number,
            }
            for item in filing.filing_websites.all()
        ],
        "icp_number": entity.icp_number,
        "review_round": filing.review_round,
        "claimed_by": filing.claimed_by.username if staff and filing.claimed_by_id is not None else "",
        "created_at": _DATETIME.to_representation(filing.created_at),
        "updated_at": _DATETIME.to_representation(filing.updated_at),
    }


class FilingSummaryListSerializer(serializers.ListSerializer):
    """The list answer without DRF's per-field cost for each row (issue 15: a page of 50 filings built
    ~700 field objects); ``tests/api/test_detail_data.py`` keeps it equal to the per-field serializer."""

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        rows = data.all() if hasattr(data, "all") else data
        user = getattr(self.context.get("request"), "user", None)
        staff = getattr(user, "role", None) in ("specialist", "operator")
        return [filing_summary_data(filing, staff=staff) for filing in rows]


class FilingSummarySerializer(serializers.Serializer):
    """A filing in a list: what tells filings apart, without the cost of the whole record."""

    id = serializers.UUIDField(source="code", read_only=True)
    state = serializers.ChoiceField(choices=FilingState.choices)
    filing_type = serializers.ChoiceField(choices=[("", "not detected yet"), *FilingType.choices])
    region = serializers.CharField(source="region.code")
    entity_name = serializers.CharField(source="entity.name")
    entity_nature = serializers.CharField(source="entity.nature")
    certificate_number = serializers.CharField(
        source="entity.certificate_number_masked", help_text="Always masked in lists"
    )
    websites = WebsiteSummarySerializer(source="filing_websites", many=True)
    icp_number = serializers.CharField(source="entity.icp_number")
    review_round = serializers.IntegerField()
    claimed_by = serializers.SerializerMethodField(help_text="The specialist holding it (to staff only)")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    class Meta:
        list_serializer_class = FilingSummaryListSerializer

    @extend_schema_field(OpenApiTypes.STR)
    def get_claimed_by(self, filing: Filing) -> str:
        if getattr(self.context.get("request"), "user", None) is None:
            return ""
        role = getattr(self.context["request"].user, "role", None)
        if role not in ("specialist", "operator") or filing.claimed_by_id is None:
            return ""
        return filing.claimed_by.username


# --- The parts of a filing -----------------------------------------------------------------------------
class ReasonSerializer(serializers.Serializer):
    id = serializers.CharField(
        help_text="The reason's id: the key of its entry in `resubmit`'s `explanations`"
    )
    code = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()


class EventSerializer(serializers.Serializer):
    transition = serializers.CharField()
    from_state = serializers.ChoiceField(choices=FilingState.choices)
    to_state = serializers.ChoiceField(choices=FilingState.choices)
    actor_role = serializers.CharField(help_text="applicant, specialist, operator or system")
    at = serializers.DateTimeField(source="created_at")
    reasons = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField(help_text="The specialist's message to the applicant")

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, event: FilingEvent) -> list[dict[str, str]]:
        return [reason_data(item, index) for index, item in enumerate(event.reasons or [])]

    def get_message(self, event: FilingEvent) -> str:
        return str((event.payload or {}).get("message", ""))


def reason_data(item: Any, index: int) -> dict[str, str]:
    """A stored reason as the API shows it; its id is its position among the rejection's reasons."""
    item = item if isinstance(item, dict) else {}
    return {
        "id": str(index),
        "code": str(item.get("code", "")),
        "field": str(item.get("field", "")),
        "message": str(item.get("message", "")),
    }

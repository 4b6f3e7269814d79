"""What the API accepts. These serializers check shapes and types only; every rule of the process lives in
the services, which name the fields at fault with the same paths (``websites.0.domain``)."""

from __future__ import annotations

from rest_framework import serializers

from common.api import CertificateNumberField, TextInput
from entities.models import CertificateType, EntityNature
from filings.states import REOPENABLE_STEPS

_Text = TextInput


# --- Step 1 -----------------------------------------------------------------------------------------------
class EntityStartInput(serializers.Serializer):
    nature = serializers.ChoiceField(choices=EntityNature.choices)
    certificate_type = serializers.ChoiceField(choices=CertificateType.choices)
    certificate_number = CertificateNumberField()


class DomainInput(serializers.Serializer):
    domain = serializers.CharField(max_length=253)


class FilingStartInput(serializers.Serializer):
    region = serializers.CharField(max_length=8, help_text="A region code from `/api/v1/regions/`: `CN-ZJ`")
    entity = EntityStartInput()
    websites = DomainInput(many=True, help_text="1 to 10 websites, one domain each")


# --- PATCH: the data of one applicant step ------------------------------------------------------------
class PersonInput(serializers.Serializer):
    name = _Text(max_length=64)
    certificate_type = _Text(max_length=32)
    certificate_number = CertificateNumberField(
        required=False,
        allow_blank=True,
        help_text="Leave blank to keep the stored number (it is shown masked)",
    )
    certificate_valid_until = serializers.DateField(required=False, allow_null=True)
    mobile = _Text(max_length=20)
    emergency_phone = _Text(max_length=20)
    email = _Text(max_length=254)
    is_legal_representative = serializers.BooleanField(required=False)


class EntityInformationInput(serializers.Serializer):
    name = _Text(max_length=128)
    certificate_address = _Text()
    mailing_address = _Text()
    certificate_valid_until = serializers.DateField(required=False, allow_null=True)
    head = PersonInput(required=False)


class PreApprovalInput(serializers.Serializer):
    category = _Text(max_length=32)
    number = _Text(max_length=64)
    issuer = _Text(max_length=128)
    valid_until = serializers.DateField(required=False, allow_null=True)


class WebsitePatchInput(serializers.Serializer):
    service_number = _Text(max_length=40, help_text="Step 2: a service number of a qualifying instance")
    name = _Text(max_length=64)
    homepage_url = _Text(max_length=200)
    content_type = _Text(max_length=32)
    languages = _Text(max_length=100)
    pre_approvals = PreApprovalInput(many=True, required=False, allow_null=True)
    head = PersonInput(
        required=False, allow_null=True, help_text="null: the entity's person in charge is the website's"
    )


class MailingInput(serializers.Serializer):
    courier = _Text(max_length=64)
    tracking_number = _Text(max_length=64)


class FilingPatchInput(serializers.Serializer):
    """The data of one step per request: `websites[].service_number` (step 2), `entity` and the websites'
    information (step 3), or `mailing`. Fields left out keep their stored values."""

    entity = EntityInformationInput(required=False)
    websites = WebsitePatchInput(many=True, required=False, help_text="In the filing's website order")
    mailing = MailingInput(required=False)


# --- Transitions --------------------------------------------------------------------------------------------
class SmsCodeInput(serializers.Serializer):
    mobile = serializers.CharField(max_length=20)
    code = serializers.CharField(max_length=12)
    certificate_tail = serializers.CharField(
        max_length=6, help_text="The last 6 characters of the person's certificate number"
    )


class TransitionInput(serializers.Serializer):
    """The body of a transition; each uses its own part (all optional)."""

    reason = _Text(max_length=500, help_text="`withdraw`: why (optional)")
    explanation = _Text(max_length=2000, help_text="`resubmit`: what changed, or why not")
    explanations = serializers.DictField(
        child=_Text(max_length=2000),
        required=False,
        help_text=(
            "`resubmit`: reason id → why the field or material it names stays as it is (a reason whose field "
            "was not changed and has no explanation is refused with 400 naming the field)"
        ),
    )
    step = serializers.ChoiceField(
        choices=[str(step) for step in REOPENABLE_STEPS], required=False, help_text="`reopen`: the step"
    )
    codes = SmsCodeInput(many=True, required=False, help_text="`verify_sms`: one entry per person")


class SmsResendInput(serializers.Serializer):
    mobile = serializers.CharField(max_length=20)

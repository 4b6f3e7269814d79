"""``/api/v1/simulators/…``: how operators, demos and end-to-end tests play the outside world over HTTP.

Each endpoint exists only while its simulator is the configured gateway (the setting names a class in
``simulators.``); otherwise it answers 404 to everybody, as if it were not there. Operators only.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import CertificateNumberField, IsOperator, validated
from common.api.pagination import CursorPage
from common.errors import ApplicationError
from entities.models import CertificateType, EntityNature, Region
from simulators.configured import simulated
from simulators.liveness import stage_face_outcome
from simulators.miit import mark_certificate_abnormal, stage_registry_entity
from simulators.models import MiitRegistryWebsite, SmsInboxMessage
from simulators.open_orders import stage_open_order
from simulators.outcome_job import run_outcome_job_now
from simulators.registrar import ascii_domain, stage_domain


class _SimulatorMixin:
    """404 unless ``gateway_setting`` names a simulator, decided before authentication."""

    gateway_setting = "MIIT_GATEWAY"
    permission_classes = [IsOperator]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if not simulated(self.gateway_setting):
            raise Http404
        super().initial(request, *args, **kwargs)


# --- MIIT -------------------------------------------------------------------------------------------------
class RegistryWebsiteInput(serializers.Serializer):
    domain = serializers.CharField(max_length=253)
    name = serializers.CharField(max_length=64)
    access_providers = serializers.ListField(
        child=serializers.CharField(max_length=32), required=False, help_text="Provider codes: `ALIYUN`"
    )


class RegistryEntityInput(serializers.Serializer):
    certificate_type = serializers.ChoiceField(choices=CertificateType.choices)
    certificate_number = CertificateNumberField()
    region = serializers.CharField(max_length=8)
    nature = serializers.ChoiceField(choices=EntityNature.choices)
    name = serializers.CharField(max_length=128)
    websites = RegistryWebsiteInput(many=True, required=False)


class RegistryWebsiteSerializer(serializers.Serializer):
    domain = serializers.CharField()
    name = serializers.CharField()
    website_number = serializers.CharField()
    access_providers = serializers.ListField(child=serializers.CharField())


class RegistryEntitySerializer(serializers.Serializer):
    icp_number = serializers.CharField()
    name = serializers.CharField()
    region = serializers.CharField(source="region_code")
    certificate_number = serializers.CharField(source="certificate_masked", help_text="Masked")
    websites = RegistryWebsiteSerializer(many=True, source="websites.all")


class MiitRegistryView(_SimulatorMixin, APIView):
    @extend_schema(
        operation_id="simulators_miit_registry_stage",
        request=RegistryEntityInput,
        responses={201: RegistryEntitySerializer},
        summary="Stage an entity (and its websites) in the simulated MIIT registry",
    )
    def post(self, request: Request) -> Response:
        data = validated(RegistryEntityInput, request.data)
        problems: dict[str, list[str]] = {}
        if not Region.objects.filter(code=data["region"]).exists():
            problems["region"] = ["Unknown region code."]
        websites, seen = [], set()
        for index, website in enumerate(data.get("websites", [])):
            domain = ascii_domain(website["domain"])
            if domain is None:
                problems[f"websites.{index}.domain"] = ["Not a domain name."]
            elif domain in seen or MiitRegistryWebsite.objects.filter(domain=domain).exists():
                problems[f"websites.{index}.domain"] = ["This domain is already in the registry."]
            else:
                seen.add(domain)
                websites.append((domain, website["name"], website.get("access_providers", [])))
        if problems:
            raise ApplicationError("The registry entry is not valid.", code="invalid", fields=problems)
        with transaction.atomic():
            entity = stage_registry_entity(
                certificate_type=data["certificate_type"],
                certificate_number=data["certificate_number"],
                region_code=data["region"],
                nature=data["nature"],
                name=data["name"],
                websites=websites,
            )
        return Response(RegistryEntitySerializer(entity).data, status=status.HTTP_201_CREATED)


class AbnormalCertificateInput(serializers.Serializer):
    certificate_number = CertificateNumberField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class MiitAbnormalCertificateView(_SimulatorMixin, APIView):
    @extend_schema(
        operation_id="simulators_miit_abnormal_certificate_stage",
        request=AbnormalCertificateInput,
        responses={
            201: inline_serializer("AbnormalCertificateStaged", {"staged": serializers.BooleanField()})
        },
        summary="Mark a certificate abnormal: MIIT rejects its filings",
    )
    def post(self, request: Request) -> Response:
        data = validated(AbnormalCertificateInput, request.data)
        mark_certificate_abnormal(data["certificate_number"], data.get("note", ""))
        return Response({"staged": True}, status=status.HTTP_201_CREATED)


class OpenOrderInput(serializers.Serializer):
    certificate_type = serializers.ChoiceField(choices=CertificateType.choices)
    certificate_number = CertificateNumberField()
    region = serializers.CharField(max_length=8)
    provider_code = serializers.CharField(
        max_length=32, required=False, help_text="The provider holding the order (default `OTHERCLOUD`)"
    )


class OpenOrderSerializer(serializers.Serializer):
    certificate_type = serializers.CharField()
    certificate_number = serializers.CharField(source="certificate_masked", help_text="Masked")
    region = serializers.CharField(source="region_code")
    provider_code = serializers.CharField()


class MiitOpenOrderView(_SimulatorMixin, APIView):
    """An order under MIIT review for a certificate, as if at another provider: a filing for that certificate
    is then refused at type detection with `open_order_exists`. Close it by deleting it in the admin."""

    @extend_schema(
        operation_id="simulators_miit_open_order_stage",
        request=OpenOrderInput,
        responses={201: OpenOrderSerializer},
        summary="Put an order for a certificate under MIIT review at a provider: its type detection is refused",
    )
    def post(self, request: Request) -> Response:
        data = validated(OpenOrderInput, request.data)
        if not Region.objects.filter(code=data["region"]).exists():
            raise ApplicationError(
                "The open order is not valid.", code="invalid", fields={"region": ["Unknown region code."]}
            )
        try:
            order = stage_open_order(
                certificate_type=data["certificate_type"],
                certificate_number=data["certificate_number"],
                region_code=data["region"],
                **({"provider_code": data["provider_code"]} if data.get("provider_code") else {}),
            )
        except ValueError as error:
            raise ApplicationError(
                str(error), code="invalid", fields={"certificate_number": [str(error)]}
            ) from error
        return Response(OpenOrderSerializer(order).data, status=status.HTTP_201_CREATED)


class MiitOutcomeJobView(_SimulatorMixin, APIView):
    @extend_schema(
        operation_id="simulators_miit_outcome_job_run",
        request=None,
        responses={
            200: inline_serializer(
                "OutcomeJobRun",
                {
                    "submissions_decided": serializers.IntegerField(),
                    "filings_in_miit_review": serializers.IntegerField(),
                },
            )
        },
        summary="Run now: MIIT decides what is due, then the portal's outcome job reads the decisions",
    )
    def post(self, request: Request) -> Response:
        decided, waiting = run_outcome_job_now()
        return Response({"submissions_decided": decided, "filings_in_miit_review": waiting})


# --- The registrar ------------------------------------------------------------------------------------------
class RegistrarDomainInput(serializers.Serializer):
    domain = serializers.CharField(max_length=253)
    holder_name = serializers.CharField(max_length=128)
    holder_certificate_number = CertificateNumberField()
    real_name_verified_at = serializers.DateField(allow_null=True, required=False)
    expires_at = serializers.DateField(allow_null=True, required=False)
    registrar = serializers.CharField(max_length=64, required=False)


class RegistrarDomainSerializer(serializers.Serializer):
    domain = serializers.CharField()
    registrar = serializers.CharField()
    holder_name = serializers.CharField()
    holder_certificate = serializers.CharField(source="holder_certificate_masked", help_text="Masked")
    real_name_verified_at = serializers.DateField(allow_null=True)
    expires_at = serializers.DateField(allow_null=True)


class RegistrarDomainView(_SimulatorMixin, APIView):
    gateway_setting = "REGISTRAR_GATEWAY"

    @extend_schema(
        operation_id="simulators_registrar_domain_stage",
        request=RegistrarDomainInput,
        responses={201: RegistrarDomainSerializer},
        summary="Stage a domain's registrar record (holder, real-name date, expiry); staging again replaces it",
    )
    def post(self, request: Request) -> Response:
        data = validated(RegistrarDomainInput, request.data)
        try:
            record = stage_domain(
                domain=data["domain"],
                holder_name=data["holder_name"],
                holder_certificate_number=data["holder_certificate_number"],
                real_name_verified_at=data.get("real_name_verified_at"),
                expires_at=data.get("expires_at"),
                **({"registrar": data["registrar"]} if data.get("registrar") else {}),
            )
        except ValueError as error:
            field = "domain" if "domain" in str(error) else "holder_certificate_number"
            raise ApplicationError(str(error), code="invalid", fields={field: [str(error)]}) from error
        return Response(RegistrarDomainSerializer(record).data, status=status.HTTP_201_CREATED)


# --- Face verification --------------------------------------------------------------------------------------
class FaceOutcomeInput(serializers.Serializer):
    person = serializers.UUIDField(
        required=False, allow_null=True, help_text="The person's id (from the filing's `face_verification`)"
    )
    certificate_number = CertificateNumberField(required=False, allow_blank=True)
    reason = serializers.CharField(max_length=200)


class FaceOutcomeView(_SimulatorMixin, APIView):
    gateway_setting = "LIVENESS_GATEWAY"

    @extend_schema(
        operation_id="simulators_face_outcome_stage",
        request=FaceOutcomeInput,
        responses={201: inline_serializer("FaceOutcomeStaged", {"reason": serializers.CharField()})},
        summary="Make the next face check of a person (or a certificate) fail with this reason",
    )
    def post(self, request: Request) -> Response:
        data = validated(FaceOutcomeInput, request.data)
        try:
            outcome = stage_face_outcome(
                person_reference=str(data["person"]) if data.get("person") else "",
                certificate_number=data.get("certificate_number", ""),
                reason=data["reason"],
            )
        except ValueError as error:
            raise ApplicationError(str(error), code="invalid", fields={"person": [str(error)]}) from error
        return Response({"reason": outcome.reason}, status=status.HTTP_201_CREATED)


# --- The phones -------------------------------------------------------------------------------------------
class SmsInboxMessageSerializer(serializers.Serializer):
    mobile = serializers.CharField()
    sender = serializers.CharField(help_text="`MIIT` for verification codes, the provider's name otherwise")
    text = serializers.CharField()
    sent_at = serializers.DateTimeField()


class NewestMessageFirst(CursorPage):
    ordering = ("-sent_at", "-id")


class SmsInboxView(_SimulatorMixin, generics.ListAPIView):
    """What the phones received: MIIT's codes and the portal's own texts (newest first)."""

    serializer_class = SmsInboxMessageSerializer
    pagination_class = NewestMessageFirst
    filterset_fields = ["mobile", "sender"]

    def get_queryset(self):
        return SmsInboxMessage.objects.all()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if not (simulated("MIIT_GATEWAY") or simulated("SMS_GATEWAY")):
            raise Http404
        generics.ListAPIView.initial(self, request, *args, **kwargs)

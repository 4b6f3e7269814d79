"""The filing's verification form and MIIT's SMS resend over the API: the pre-filled authenticity
verification form of one website (to the owner), and asking MIIT to send a person's code again. Thin callers
of ``materials.verification_form`` and ``filings.services``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.api import ErrorSerializer, validated
from filings.api.inputs import SmsResendInput
from filings.api.queries import visible_filing
from filings.models import FilingWebsite
from filings.services import filing_resend_sms
from materials.verification_form import verification_form_pdf


class VerificationFormView(APIView):
    """The pre-filled authenticity verification form of one website, to the filing's owner."""

    error_statuses = ("401", "404")

    @extend_schema(
        operation_id="filings_verification_form",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, id: Any, website: Any) -> HttpResponse:
        filing = visible_filing(request.user, id)
        item = (
            FilingWebsite.objects.select_related("website")
            .filter(filing=filing, website__code=website)
            .first()
        )
        if item is None or filing.applicant_id != request.user.pk:
            raise Http404
        response = HttpResponse(verification_form_pdf(filing, item.website), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="verification-form-{website}.pdf"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class SmsResendView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "sms"
    extra_error_statuses = ("503",)

    @extend_schema(
        operation_id="filings_sms_resend",
        request=SmsResendInput,
        responses={
            202: OpenApiResponse(
                inline_serializer(
                    "SmsResent", {"mobile": serializers.CharField(), "resent": serializers.BooleanField()}
                ),
                description="MIIT sends the code again",
            ),
            429: OpenApiResponse(ErrorSerializer, description="Rate limit, or MIIT refuses to resend now"),
        },
        summary="Ask MIIT to resend a person's code (rate-limited; MIIT resends once)",
    )
    def post(self, request: Request, id: Any) -> Response:
        filing = visible_filing(request.user, id)
        data = validated(SmsResendInput, request.data)
        verification = filing_resend_sms(filing=filing, by=request.user, mobile=data["mobile"])
        return Response({"mobile": verification.mobile, "resent": True}, status=status.HTTP_202_ACCEPTED)

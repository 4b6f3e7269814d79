"""Recording each website's PSB filing number over the API, once the filing is approved: a thin caller of
``filings.services.filing_record_psb_numbers`` (the result page's form does the same)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import validated
from filings import services
from filings.api.detail import FilingSerializer
from filings.api.queries import visible_filing
from filings.api.views import FilingResponseMixin


class PsbNumberInput(serializers.Serializer):
    psb_number = serializers.CharField(
        max_length=40,
        allow_blank=True,
        help_text="The region's PSB prefix, 14 digits and 号 (京公网安备11010102000001号); blank: not yet",
    )


class PsbNumbersInput(serializers.Serializer):
    websites = PsbNumberInput(many=True, help_text="One per website, in the filing's website order")


class PsbNumbersView(FilingResponseMixin, APIView):
    @extend_schema(
        operation_id="filings_psb_numbers",
        request=PsbNumbersInput,
        responses={200: FilingSerializer},
        summary="Record each website's PSB filing number (the applicant, once the filing is approved)",
        description=(
            "A number that does not have the region's form is refused with 400 naming "
            "`websites.<i>.psb_number`, and nothing is stored; before the approval the answer is 409. "
            "The PSB reminders stop once every website has its number."
        ),
    )
    def post(self, request: Request, id: Any) -> Response:
        filing = visible_filing(request.user, id)
        data = validated(PsbNumbersInput, request.data)
        services.filing_record_psb_numbers(
            filing=filing, by=request.user, numbers=[item["psb_number"] for item in data["websites"]]
        )
        return self.filing_response(request, id)

"""Certificate recognition over the API: send a photo, poll what was read, attach step 1's photo to the
filing it started, and list a filing's photos with their proposals.

Thin callers of ``materials.recognition.services`` (a photo without a filing) and
``filings.services.recognition`` (a filing's). A photo is its sender's: anyone else gets 404. The owner's
own photo answers the numbers whole (they fill the forms with them); a filing's list, which specialists may
read, answers them masked only.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import validated
from common.errors import ApplicationError
from filings.api.queries import visible_filing
from filings.models import Filing
from filings.services.recognition import filing_recognition_attach, filing_recognition_upload
from materials.api import StorageDown, UploadThrottle, _refuse_oversized
from materials.models import StorageUnavailable
from materials.recognition.models import (
    NUMBER_FIELDS,
    CertificateRecognition,
    RecognitionPurpose,
    RecognitionStatus,
)
from materials.recognition.services import recognition_upload

KINDS = ["business_licence", "organisation_certificate", "id_card_front", "id_card_back", "unknown"]


# --- What comes in and goes out ------------------------------------------------------------------------------
class ProposalSerializer(serializers.Serializer):
    field = serializers.CharField(
        help_text=(
            "business_licence: name, credit_code, entity_type, legal_representative, address, established_on, "
            "valid_until; organisation_certificate: name, number; id_card_front: name, number, sex, "
            "birth_date, address"
        )
    )
    value = serializers.CharField(
        allow_null=True,
        help_text="The value read (dates YYYY-MM-DD, valid_until may be long_term); a number is null in lists",
    )
    masked = serializers.CharField(
        help_text="The value as lists show it: numbers masked (1101**********1234)"
    )
    confidence = serializers.FloatField(help_text="In [0, 1]")


class RecognitionSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    purpose = serializers.ChoiceField(choices=RecognitionPurpose.choices)
    status = serializers.ChoiceField(
        choices=RecognitionStatus.choices,
        help_text="processing until the photo is read; nothing: no certificate of the kind asked for was read",
    )
    kind = serializers.CharField(
        help_text="What was read, one of " + ", ".join(KINDS) + "; blank before it is read"
    )
    filing = serializers.UUIDField(allow_null=True)
    website = serializers.UUIDField(allow_null=True)
    material = serializers.UUIDField(
        allow_null=True, help_text="The step-4 material this photo became (once attached to a filing)"
    )
    proposals = ProposalSerializer(many=True)
    created_at = serializers.DateTimeField()
    recognised_at = serializers.DateTimeField(allow_null=True)


def recognition_data(recognition: CertificateRecognition, *, whole_numbers: bool) -> dict[str, Any]:
    proposals = [
        {
            "field": name,
            "value": None if name in NUMBER_FIELDS and not whole_numbers else item["value"],
            "masked": item["masked"],
            "confidence": item["confidence"],
        }
        for name, item in recognition.proposal_values().items()
    ]
    return {
        "id": str(recognition.code),
        "purpose": recognition.purpose,
        "status": recognition.status,
        "kind": recognition.kind,
        "filing": str(recognition.filing.code) if recognition.filing_id else None,
        "website": str(recognition.website.code) if recognition.website_id else None,
        "material": str(recognition.material.code) if recognition.material_id else None,
        "proposals": proposals,
        "created_at": recognition.created_at,
        "recognised_at": recognition.recognised_at,
    }


class RecognitionUploadInput(serializers.Serializer):
    purpose = serializers.ChoiceField(
        choices=RecognitionPurpose.choices,
        help_text=(
            "entity_certificate: the licence, organisation certificate or an individual's ID card (step 1); "
            "entity_head_id, website_head_id: the front of a person in charge's ID card (step 3)"
        ),
    )
    file = serializers.FileField(help_text="A photo (JPEG or PNG), at most 5 MB")
    filing = serializers.UUIDField(
        required=False,
        allow_null=True,
        help_text="The filing (step 3); the photo becomes its material at once. Without: step 1, attach later",
    )
    website = serializers.UUIDField(required=False, allow_null=True, help_text="For website_head_id")


class RecognitionAttachInput(serializers.Serializer):
    filing = serializers.UUIDField(help_text="The filing step 1 created from this photo")


# --- The views ----------------------------------------------------------------------------------------------
def _own(user: Any, code: Any) -> CertificateRecognition:
    recognition = (
        CertificateRecognition.objects.select_related("filing", "website", "material")
        .filter(code=code, owner=user)
        .first()
    )
    if recognition is None:
        raise Http404
    return recognition


def _own_filing(user: Any, code: Any) -> Filing:
    """The caller's own filing (a filing they may only see is refused by the service as 403)."""
    return visible_filing(user, code)


class RecognitionListView(APIView):
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [UploadThrottle]
    throttle_scope = "uploads"
    extra_error_statuses = ("503",)

    @extend_schema(
        operation_id="recognitions_create",
        request={"multipart/form-data": RecognitionUploadInput},
        responses={202: RecognitionSerializer},
        summary="Send a photo of a certificate to be read (multipart); poll it for the proposals",
        description=(
            "The photo is read in the background (`status: processing`); `GET /recognitions/{id}/` answers the "
            "proposals with their confidence once `status` is `recognised`, or `nothing` when no certificate "
            "of the kind asked for was read. Nothing is written to the filing: the client fills its forms. "
            "With `filing`, the photo also becomes the filing's material (the person's ID, front)."
        ),
    )
    def post(self, request: Request) -> Response:
        _refuse_oversized(request)
        data = validated(RecognitionUploadInput, request.data)
        upload = data["file"]
        arguments = {"purpose": data["purpose"], "content": upload.read(), "filename": upload.name or ""}
        try:
            if data.get("filing"):
                filing = _own_filing(request.user, data["filing"])
                website = None
                if data.get("website"):
                    item = filing.filing_websites.select_related("website").filter(
                        website__code=data["website"]
                    )
                    if not item.exists():
                        message = _("The website is not part of this filing.")
                        raise ApplicationError(
                            message, code="recognition_website_unknown", fields={"website": [message]}
                        )
                    website = item.first().website
                recognition = filing_recognition_upload(
                    filing=filing, by=request.user, website=website, **arguments
                )
            else:
                recognition = recognition_upload(by=request.user, **arguments)
        except StorageUnavailable as error:
            raise StorageDown(
                _("Files cannot be stored at the moment; try again shortly."), code="storage_unavailable"
            ) from error
        recognition = _own(request.user, recognition.code)
        return Response(recognition_data(recognition, whole_numbers=True), status=status.HTTP_202_ACCEPTED)


class RecognitionDetailView(APIView):
    @extend_schema(
        operation_id="recognitions_read",
        responses={200: RecognitionSerializer},
        summary="A photo sent for recognition, with its proposals once read (its sender only)",
    )
    def get(self, request: Request, id: Any) -> Response:
        return Response(recognition_data(_own(request.user, id), whole_numbers=True))


class RecognitionAttachView(APIView):
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        operation_id="recognitions_attach",
        request=RecognitionAttachInput,
        responses={200: RecognitionSerializer},
        summary="Attach step 1's photo to the filing it started: it becomes the filing's certificate material",
        description="Once per photo (attaching again answers the same); 409 once the filing's data is frozen.",
    )
    def post(self, request: Request, id: Any) -> Response:
        recognition = _own(request.user, id)
        data = validated(RecognitionAttachInput, request.data)
        filing = _own_filing(request.user, data["filing"])
        try:
            filing_recognition_attach(filing=filing, by=request.user, recognition=recognition)
        except StorageUnavailable as error:
            raise StorageDown(
                _("Files cannot be stored at the moment; try again shortly."), code="storage_unavailable"
            ) from error
        return Response(recognition_data(_own(request.user, id), whole_numbers=True))


class FilingRecognitionListView(APIView):
    @extend_schema(
        operation_id="filings_recognitions",
        responses={200: RecognitionSerializer(many=True)},
        summary="The filing's certificate photos and what was read on them, newest first (numbers masked)",
    )
    def get(self, request: Request, id: Any) -> Response:
        filing = visible_filing(request.user, id)
        rows = (
            CertificateRecognition.objects.filter(filing=filing)
            .select_related("filing", "website", "material")
            .order_by("-created_at", "-id")
        )
        return Response([recognition_data(row, whole_numbers=False) for row in rows])

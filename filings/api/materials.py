"""Step 4 and step 8 over the API: materials (multipart upload, authorised download), face verification, the
pre-filled verification form, and asking MIIT to resend an SMS code. Thin callers of
``filings.material_services``, ``filings.views`` (the private file stream) and ``filings.services``."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.api import ErrorSerializer, validated
from common.errors import ApplicationError
from entities.models import Person
from filings import views as file_views
from filings.api.inputs import FaceVerificationInput, MaterialUploadInput, SmsResendInput
from filings.api.queries import visible_filing
from filings.api.serializers import FaceVerificationSerializer, MaterialSerializer, face_verification_data
from filings.material_models import Material, StorageUnavailable
from filings.material_services import (
    face_verification_start,
    face_verification_submit_selfie,
    material_upload,
)
from filings.materials import MAX_FILE_BYTES
from filings.models import FilingWebsite
from filings.services import filing_resend_sms
from filings.verification_form import verification_form_pdf

# Room for the multipart envelope and the other fields around a file at the size limit.
MULTIPART_SLACK = 256 * 1024


class RequestTooLarge(ApplicationError):
    status = 413


class StorageDown(ApplicationError):
    status = 503


def _refuse_oversized(request: Request) -> None:
    """A body far over the file limit is refused from its ``Content-Length`` before a byte is parsed."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_FILE_BYTES + MULTIPART_SLACK:
        raise RequestTooLarge(
            f"文件过大，上限为 5 MB / The file is too large; the limit is 5 MB ({MAX_FILE_BYTES:,} bytes).",
            code="file_too_large",
        )


class UploadThrottle(ScopedRateThrottle):
    """Uploads are rate-limited; reading is not."""

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method != "POST":
            return True
        return super().allow_request(request, view)


class MaterialListView(generics.ListAPIView):
    """The filing's uploads, newest first (earlier uploads stay beside the latest for the reviewer)."""

    serializer_class = MaterialSerializer
    queryset = Material.objects.none()  # the model, for the schema; ``get_queryset`` scopes the rows
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [UploadThrottle]
    throttle_scope = "uploads"
    extra_error_statuses = ("503",)

    def get_queryset(self):
        filing = visible_filing(self.request.user, self.kwargs["id"])
        return Material.objects.filter(filing=filing).select_related("filing", "website")

    @extend_schema(
        operation_id="filings_materials_upload",
        request={"multipart/form-data": MaterialUploadInput},
        responses={201: MaterialSerializer},
        summary="Upload a material (multipart); it is processed in the background",
        description="The answer has `status: processing`; the filing's `required_materials` shows the verdict.",
    )
    def post(self, request: Request, id: Any) -> Response:
        _refuse_oversized(request)
        filing = visible_filing(request.user, id)
        data = validated(MaterialUploadInput, request.data)
        website = None
        if data.get("website"):
            item = (
                FilingWebsite.objects.select_related("website")
                .filter(filing=filing, website__code=data["website"])
                .first()
            )
            if item is None:
                message = _("The website is not part of this filing.")
                raise ApplicationError(
                    message, code="material_website_unknown", fields={"website": [message]}
                )
            website = item.website
        upload = data["file"]
        try:
            material = material_upload(
                filing=filing,
                by=request.user,
                kind=data["kind"],
                website=website,
                content=upload.read(),
                filename=upload.name or "",
                document_date=data.get("document_date"),
                category=data.get("category", ""),
            )
        except StorageUnavailable as error:
            raise StorageDown(
                _("Files cannot be stored at the moment; try again shortly."), code="storage_unavailable"
            ) from error
        material = Material.objects.select_related("filing", "website").get(pk=material.pk)
        return Response(MaterialSerializer(material).data, status=status.HTTP_201_CREATED)


class MaterialFileView(APIView):
    """Streams an accepted material's sanitised file to those who may see the filing (anyone but the owner
    is logged): the same view as the pages' ``/files/<id>/``, after the API's authentication."""

    error_statuses = ("401", "404")

    @extend_schema(
        operation_id="filings_materials_file",
        responses={
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/png"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        },
    )
    def get(self, request: Request, id: Any, material: Any) -> HttpResponse:
        filing = visible_filing(request.user, id)
        if not Material.objects.filter(filing=filing, code=material).exists():
            raise Http404
        return file_views.material_file(request._request, material)


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


class FaceVerificationView(APIView):
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [UploadThrottle]
    throttle_scope = "uploads"
    extra_error_statuses = ("503",)

    @extend_schema(
        operation_id="filings_face_verification",
        request={"multipart/form-data": FaceVerificationInput},
        responses={201: FaceVerificationSerializer},
        summary="Face verification of a person in charge (multipart: person, selfie)",
        description=(
            "Starts a check with the provider and hands it the selfie. The answer carries the provider's "
            "reference and the result when it is known (`pending` until the provider's answer is read); the "
            "filing's `face_verification` shows it later. A person who already passed is not checked again."
        ),
    )
    def post(self, request: Request, id: Any) -> Response:
        _refuse_oversized(request)
        filing = visible_filing(request.user, id)
        data = validated(FaceVerificationInput, request.data)
        person = Person.objects.filter(code=data["person"], entity_id=filing.entity_id).first()
        if person is None:
            message = _("This person is not part of this filing.")
            raise ApplicationError(message, code="face_person_unknown", fields={"person": [message]})
        verification = face_verification_start(filing=filing, by=request.user, person=person)
        if verification.status == "pending" and verification.selfie_submitted_at is None:
            verification = face_verification_submit_selfie(
                verification=verification, by=request.user, image=data["selfie"].read()
            )
        verification.refresh_from_db()
        return Response(face_verification_data(verification), status=status.HTTP_201_CREATED)


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

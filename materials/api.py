"""Step 4 over the API: materials (multipart upload, authorised download) and face verification.

Thin callers of ``materials.services``. The endpoints sit under a filing (``/api/v1/filings/{id}/…``): which
filing the caller may see is the filings app's rule, handed in by ``icp_portal/api_urls.py`` as
``find_filing`` (and ``visible_filings`` for the file stream), since this app sits below filings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.api import TextInput, validated
from common.errors import ApplicationError
from entities.models import Person
from materials.models import FaceVerification, Material, MaterialKind, MaterialStatus, StorageUnavailable
from materials.pipeline import MAX_FILE_BYTES
from materials.services import face_verification_start, face_verification_submit_selfie, material_upload
from materials.views import material_file


# --- What comes in and goes out ------------------------------------------------------------------------------
class MaterialSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", read_only=True)
    kind = serializers.ChoiceField(choices=MaterialKind.choices)
    website = serializers.SerializerMethodField()
    category = serializers.CharField()
    status = serializers.ChoiceField(choices=MaterialStatus.choices)
    rejection_code = serializers.CharField()
    rejection_message = serializers.CharField()
    original_name = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    document_date = serializers.DateField(allow_null=True)
    findings = serializers.ListField(child=serializers.DictField())
    created_at = serializers.DateTimeField()
    processed_at = serializers.DateTimeField(allow_null=True)
    file = serializers.SerializerMethodField(help_text="Where the accepted file streams from; empty before")

    @extend_schema_field(serializers.UUIDField(allow_null=True))
    def get_website(self, material: Material) -> str | None:
        return str(material.website.code) if material.website_id else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_file(self, material: Material) -> str:
        if material.status != MaterialStatus.ACCEPTED:
            return ""
        return f"/api/v1/filings/{material.filing.code}/materials/{material.code}/file"


def face_verification_data(verification: FaceVerification) -> dict[str, Any]:
    return {
        "id": str(verification.code),
        "person": str(verification.person.code),
        "reference": verification.gateway_reference,
        "status": verification.status,
        "reason": verification.reason,
        "selfie_submitted_at": verification.selfie_submitted_at,
        "decided_at": verification.decided_at,
    }


class FaceVerificationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person = serializers.UUIDField()
    reference = serializers.CharField(help_text="The face-verification provider's reference")
    status = serializers.ChoiceField(choices=["pending", "passed", "failed"])
    reason = serializers.CharField()
    selfie_submitted_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)


class MaterialUploadInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MaterialKind.choices)
    file = serializers.FileField(help_text="JPEG, PNG, or PDF for signed papers; at most 5 MB")
    website = serializers.UUIDField(required=False, allow_null=True, help_text="For per-website materials")
    category = TextInput(max_length=32, help_text="Pre-approval documents: the category")
    document_date = serializers.DateField(required=False, allow_null=True, help_text="Dated papers")


class FaceVerificationInput(serializers.Serializer):
    person = serializers.UUIDField(help_text="The person in charge (from `face_verification` of the filing)")
    selfie = serializers.FileField(help_text="The selfie, handed to the provider and never stored")


# --- The views ----------------------------------------------------------------------------------------------
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


class FilingScoped:
    """``find_filing(user, id)`` answers the filing this caller may see or raises 404; ``visible_filings(user)``
    is the queryset of those filings (both handed in by ``icp_portal/api_urls.py``)."""

    find_filing: Callable[[Any, Any], Any] | None = None
    visible_filings: Callable[[Any], Any] | None = None


class MaterialListView(FilingScoped, generics.ListAPIView):
    """The filing's uploads, newest first (earlier uploads stay beside the latest for the reviewer)."""

    serializer_class = MaterialSerializer
    queryset = Material.objects.none()  # the model, for the schema; ``get_queryset`` scopes the rows
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [UploadThrottle]
    throttle_scope = "uploads"
    extra_error_statuses = ("503",)

    def get_queryset(self):
        filing = self.find_filing(self.request.user, self.kwargs["id"])
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
        filing = self.find_filing(request.user, id)
        data = validated(MaterialUploadInput, request.data)
        website = None
        if data.get("website"):
            item = (
                filing.filing_websites.select_related("website").filter(website__code=data["website"]).first()
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


class MaterialFileView(FilingScoped, APIView):
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
        filing = self.find_filing(request.user, id)
        if not Material.objects.filter(filing=filing, code=material).exists():
            raise Http404
        return material_file(request._request, material, visible_filings=self.visible_filings)


class FaceVerificationView(FilingScoped, APIView):
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
        filing = self.find_filing(request.user, id)
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

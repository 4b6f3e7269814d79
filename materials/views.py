"""The private file stream: a material's sanitised file or thumbnail, to those who may see its filing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from materials.models import Material, MaterialDownload, MaterialStatus, private_storage

_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def private_response(response: HttpResponse) -> HttpResponse:
    """Identity documents: shown inline, never sniffed into another type, never kept by a cache."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def material_file(
    request: HttpRequest, code: UUID, variant: str = "file", *, visible_filings: Callable[[Any], Any]
) -> HttpResponse:
    """Stream a material's sanitised file (or its thumbnail) to the owner, to a specialist who may see the
    filing, or to an operator (``visible_filings(user)``, the filings app's rule, handed in by the URL
    configuration); everyone else, anonymous included, gets a 404 that does not reveal whether the file
    exists. Anyone but the owner is logged (``MaterialDownload``)."""
    material = Material.objects.select_related("filing").filter(code=code).first()
    if material is None or not visible_filings(request.user).filter(pk=material.filing_id).exists():
        raise Http404
    path = material.thumbnail_path if variant == "thumbnail" else material.file_path
    if material.status != MaterialStatus.ACCEPTED or not path:
        raise Http404  # the raw upload in quarantine is never served
    try:
        handle = private_storage().open(path, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = "image/jpeg" if variant == "thumbnail" else material.content_type
    extension = _EXTENSIONS.get(content_type, "bin")
    suffix = "-thumbnail" if variant == "thumbnail" else ""
    if request.user.pk != material.filing.applicant_id:
        MaterialDownload.objects.create(material=material, user=request.user, variant=variant)
    return private_response(
        FileResponse(
            handle,
            content_type=content_type,
            as_attachment=False,
            filename=f"{material.kind}-{material.code}{suffix}.{extension}",
        )
    )


@require_GET
def material_thumbnail(
    request: HttpRequest, code: UUID, *, visible_filings: Callable[[Any], Any]
) -> HttpResponse:
    return material_file(request, code, variant="thumbnail", visible_filings=visible_filings)

from __future__ import annotations

import hmac
import json
from uuid import UUID

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from filings.material_models import Material, MaterialDownload, MaterialStatus, private_storage
from filings.models import Filing, FilingWebsite
from filings.selectors import filings_visible_to
from filings.tasks import miit_outcome_received
from filings.verification_form import verification_form_pdf


@csrf_exempt  # a server-to-server call, authenticated by its shared token instead
@require_POST
def miit_callback(request: HttpRequest) -> HttpResponse:
    """MIIT tells the portal that a submission was decided; the outcome job asks MIIT what it decided.

    The body carries no decision on purpose: the portal believes only what it reads back through the
    gateway, so a forged callback can at most cause a harmless extra poll.
    """
    expected = settings.MIIT_CALLBACK_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return JsonResponse(
            {"error": {"code": "not_found", "message": "Not found.", "fields": {}}}, status=404
        )
    try:
        reference = json.loads(request.body or b"{}").get("reference", "")
    except (ValueError, AttributeError):
        reference = ""
    if not isinstance(reference, str) or not reference:
        return JsonResponse(
            {
                "error": {
                    "code": "invalid",
                    "message": "reference is required",
                    "fields": {"reference": ["required"]},
                }
            },
            status=400,
        )
    miit_outcome_received(reference)
    return JsonResponse({"status": "accepted"}, status=202)


# --- Private files -------------------------------------------------------------------------------------------
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def _private(response: HttpResponse) -> HttpResponse:
    """Identity documents: shown inline, never sniffed into another type, never kept by a cache."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def material_file(request: HttpRequest, code: UUID, variant: str = "file") -> HttpResponse:
    """Stream a material's sanitised file (or its thumbnail) to the owner, to a specialist who may see the
    filing, or to an operator (``filings_visible_to``); everyone else, anonymous included, gets a 404 that
    does not reveal whether the file exists. Anyone but the owner is logged (``MaterialDownload``)."""
    material = Material.objects.select_related("filing").filter(code=code).first()
    if material is None or not filings_visible_to(request.user).filter(pk=material.filing_id).exists():
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
    return _private(
        FileResponse(
            handle,
            content_type=content_type,
            as_attachment=False,
            filename=f"{material.kind}-{material.code}{suffix}.{extension}",
        )
    )


@require_GET
def material_thumbnail(request: HttpRequest, code: UUID) -> HttpResponse:
    return material_file(request, code, variant="thumbnail")


@require_GET
def verification_form(request: HttpRequest, filing_code: UUID, website_code: UUID) -> HttpResponse:
    """The pre-filled verification form of one website, for the filing's owner only (404 for anyone else)."""
    if not request.user.is_authenticated:
        raise Http404
    filing = (
        Filing.objects.select_related("entity").filter(code=filing_code, applicant_id=request.user.pk).first()
    )
    item = (
        FilingWebsite.objects.select_related("website")
        .filter(filing=filing, website__code=website_code)
        .first()
        if filing
        else None
    )
    if item is None:
        raise Http404
    response = HttpResponse(verification_form_pdf(filing, item.website), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="verification-form-{website_code}.pdf"'
    return _private(response)

from __future__ import annotations

import hmac
import json
from uuid import UUID

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from filings.models import Filing, FilingWebsite
from filings.tasks import miit_outcome_received
from materials.verification_form import verification_form_pdf
from materials.views import private_response


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


# --- The verification form ---------------------------------------------------------------------------------
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
    return private_response(response)

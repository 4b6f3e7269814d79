from __future__ import annotations

import hmac
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from filings.tasks import miit_outcome_received


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

"""What every page's layout needs (``templates/base.html``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "languages": settings.LANGUAGES,
        # The header's notification slot; the notifications app fills it once it keeps an inbox.
        "unread_notifications": getattr(request, "unread_notifications", None),
    }

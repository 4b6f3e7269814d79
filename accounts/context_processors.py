"""The header's unread count (``templates/base.html``): the account's unread inbox notices. It replaces the
empty slot ``common.context_processors.portal`` leaves (common imports no app), being listed after it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from notifications.services import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": None}
    return {"unread_notifications": unread_count(user)}

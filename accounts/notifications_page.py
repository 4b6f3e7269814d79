"""``/notifications/``: the signed-in account's inbox, newest first, read and unread, each notice's subject and
text rendered in its language with a link to its filing; POST marks one notice (``notification``) or all
(``all``) as read. Another account's notice is a 404, as one that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from notifications.models import Notification
from notifications.rendering import render as render_notice
from notifications.services import inbox_for, notification_mark_all_read, notification_mark_read

PAGE_SIZE = 30


def own_notice(user: Any, code: str) -> Notification:
    """The user's own inbox notice ``code``; 404 for anyone else's (its existence is not revealed)."""
    try:
        return inbox_for(user).get(code=code)
    except (Notification.DoesNotExist, ValidationError, ValueError) as exc:  # a malformed code: 404 too
        raise Http404 from exc


@login_required
def notifications_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if "all" in request.POST:
            notification_mark_all_read(by=request.user)
        else:
            notification_mark_read(
                notification=own_notice(request.user, request.POST.get("notification", "")), by=request.user
            )
        return redirect(reverse("notifications") + _page_query(request.POST.get("page")))
    page = Paginator(inbox_for(request.user).select_related("filing"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = []
    for notification in page:
        rendered = render_notice(notification)
        rows.append(
            {
                "notification": notification,
                "subject": rendered.subject,
                "text": rendered.text,
                "filing_url": _filing_link(notification, request.user),
            }
        )
    unread = any(row["notification"].read_at is None for row in rows)
    return render(request, "accounts/notifications.html", {"rows": rows, "page": page, "any_unread": unread})


def _filing_link(notification: Notification, user: Any) -> str:
    """The applicant's filing page, or the review screen a specialist's notice names."""
    if notification.filing is None:
        return ""
    if notification.filing.applicant_id == user.pk:
        return reverse("filing-detail", args=[notification.filing.code])
    if not getattr(user, "is_applicant", True):
        return reverse("review-filing", args=[notification.filing.code])
    return ""


def _page_query(page: str | None) -> str:
    return f"?page={int(page)}" if page and page.isdigit() else ""

"""``/admin/dashboard/``: the operators' view of how filings flow (reads one summary row, never the filings)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icp_portal.dashboard.presentation import dashboard_context
from icp_portal.dashboard.services import dashboard_summary
from icp_portal.dashboard.tasks import dashboard_refresh_task

# Generated from the state machine by ``make diagram``: served as it is, never copied by hand.
STATE_MACHINE_PICTURE = settings.BASE_DIR / "docs" / "state-machine.png"


def operators_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The admin's own gate (staff, else its login page) and then the operator role (else 403): a staff flag
    given by mistake to a specialist opens no dashboard."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "is_operator", False):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(checked)


@operators_only
def dashboard(request: HttpRequest) -> HttpResponse:
    summary = dashboard_summary()
    context = {
        **admin.site.each_context(request),
        "title": _("Filing flow dashboard"),
        "summary": summary,
        **(dashboard_context(summary.data) if summary else {}),
    }
    return TemplateResponse(request, "admin/dashboard/index.html", context)


@operators_only
@require_POST
def dashboard_refresh_now(request: HttpRequest) -> HttpResponse:
    """The operator's "refresh now": the periodic job, sent at once (it takes seconds at 100,000 filings, too
    long to hold a request for)."""
    dashboard_refresh_task.delay_on_commit()
    messages.info(request, _("The figures are being computed again: reload this page in a moment."))
    return HttpResponseRedirect(reverse("admin-dashboard"))


@operators_only
def state_machine_picture(request: HttpRequest) -> FileResponse:
    if not STATE_MACHINE_PICTURE.exists():
        raise Http404
    return FileResponse(STATE_MACHINE_PICTURE.open("rb"), content_type="image/png")

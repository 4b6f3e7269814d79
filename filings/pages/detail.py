"""The filing page (state, what to do next, deadline, the steps, the reasons of a return, the timeline) and
the applicant's transitions posted from it: detect the type, go back to a step, resubmit, withdraw."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.errors import ApplicationError, ServiceUnavailable
from common.forms import in_active_language
from filings import services
from filings.models import FilingEvent
from filings.pages.common import applicant_can, applicant_page, open_reasons, own_filing
from filings.pages.progress import STEP_PAGES, next_step, page_of_field, tasks
from filings.pages.regions import region_name
from filings.pages.timeline import timeline
from filings.selectors import filing_deadlines
from filings.states import APPLICANT_STEPS, FilingState

S = FilingState

# Reasons whose words are not stored with them (the portal's own, not a specialist's or MIIT's).
REASON_WORDS = {
    services.SMS_VERIFICATION_FAILED: gettext_lazy("The SMS codes were not all verified within 24 hours."),
}


@applicant_page
def filing_page(request: HttpRequest, code: Any) -> HttpResponse:
    filing = own_filing(request, code)
    prefetch_related_objects(
        [filing], Prefetch("events", queryset=FilingEvent.objects.order_by("created_at", "id"))
    )
    events = list(filing.events.all())  # read again by the deadlines
    websites = list(filing.filing_websites.select_related("website__domain").order_by("position"))
    reasons = [
        {
            "reason": reason,
            "message": reason.message or str(REASON_WORDS.get(reason.code, reason.code)),
            "link": page_of_field(filing, reason.field),
        }
        for reason in open_reasons(filing)
    ]
    words, next_url = next_step(filing)
    can = {
        name: applicant_can(filing, name, request.user) for name in ("detect_type", "resubmit", "withdraw")
    }
    return render(
        request,
        "filings/detail/filing.html",
        {
            "filing": filing,
            "websites": websites,
            "region_label": region_name(filing.region),
            "next_words": words,
            "next_url": next_url,
            "next_is_here": next_url == request.path,
            "deadlines": filing_deadlines(filing),
            "in_wizard": filing.state in APPLICANT_STEPS,
            "tasks": tasks(filing),
            "reasons": reasons,
            "timeline": timeline(filing, events),
            "can": can,
        },
    )


@applicant_page
@require_POST
def run_transition(request: HttpRequest, code: Any, name: str) -> HttpResponse:
    """The applicant's transitions that need no form of their own; each calls its service. A refusal comes
    back to the filing page as a message (the step pages show field errors beside their fields)."""
    filing = own_filing(request, code)
    run = TRANSITIONS.get(name)
    if run is None:
        raise Http404
    try:
        done = run(filing, request)
    except ApplicationError as error:
        for text in [error.message, *[m for items in error.fields.values() for m in items]][:6]:
            messages.error(request, in_active_language(text))
        return redirect("filing-detail", filing.code)
    except ServiceUnavailable:
        messages.error(
            request, _("An outside system cannot be reached just now. Nothing was lost: try again soon.")
        )
        return redirect("filing-detail", filing.code)
    messages.success(request, done)
    if name == "reopen":  # the service accepted the step: open its page
        return redirect(STEP_PAGES[request.POST["step"]], filing.code)
    return redirect("filing-detail", filing.code)


def _detect(filing: Any, request: HttpRequest) -> str:
    services.filing_detect_type(filing=filing, by=request.user)
    return _("The filing type is detected: go on with step 2.")


def _reopen(filing: Any, request: HttpRequest) -> str:
    services.filing_reopen(filing=filing, by=request.user, step=request.POST.get("step", ""))
    return _("You are back at this step: your answers are kept.")


def _resubmit(filing: Any, request: HttpRequest) -> str:
    explanations = {
        key.removeprefix("explanation-"): value
        for key, value in request.POST.items()
        if key.startswith("explanation-") and value.strip()
    }
    services.filing_resubmit(
        filing=filing,
        by=request.user,
        explanation=request.POST.get("explanation", ""),
        explanations=explanations,
    )
    return _("Resubmitted: your provider reviews the corrections within one working day.")


def _withdraw(filing: Any, request: HttpRequest) -> str:
    services.filing_withdraw(filing=filing, by=request.user, reason=request.POST.get("reason", "").strip())
    return _("The filing is withdrawn.")


TRANSITIONS = {"detect_type": _detect, "reopen": _reopen, "resubmit": _resubmit, "withdraw": _withdraw}


@applicant_page
def withdraw_page(request: HttpRequest, code: Any) -> HttpResponse:
    """Withdrawing cannot be undone: a page of its own says what it means before the button."""
    filing = own_filing(request, code)
    if not applicant_can(filing, "withdraw", request.user):
        messages.error(request, _("This filing cannot be withdrawn in its current state."))
        return redirect("filing-detail", filing.code)
    return render(request, "filings/detail/withdraw.html", {"filing": filing})


urlpatterns = [
    path("<uuid:code>/", filing_page, name="filing-detail"),
    path("<uuid:code>/withdraw/", withdraw_page, name="filing-withdraw"),
    path("<uuid:code>/transitions/<str:name>/", run_transition, name="filing-transition"),
]

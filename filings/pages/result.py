"""The result of an approved filing: the ICP numbers, the footer snippet of each website, the police (PSB)
filing due within 30 days of the approval (and the form recording each website's PSB number), and the ICP
licence a commercial website also needs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.errors import ApplicationError, TransitionConflict
from common.forms import in_active_language, show_refusal
from common.widget_rendering import PortalForm
from entities.models import EntityNature
from filings import services
from filings.duties import MIIT_SITE, PSB_DAYS, footer_snippet
from filings.models import Filing, FilingEvent, FilingWebsite
from filings.pages.common import applicant_page, own_filing
from filings.pages.progress import next_step
from filings.states import FilingState

S = FilingState

PSB_SITE = "beian.mps.gov.cn"  # the national PSB filing site (全国互联网安全管理服务平台), shown as text


class PsbNumberForm(PortalForm):
    """One website's PSB number; prefix ``websites-<i>``: the service names ``websites.<i>.psb_number``."""

    psb_number = forms.CharField(
        max_length=40,
        required=False,
        label=gettext_lazy("PSB filing number"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


@applicant_page
def result_page(request: HttpRequest, code: Any) -> HttpResponse:
    filing = own_filing(request, code)
    approved = filing.state == S.APPROVED
    context: dict[str, Any] = {
        "filing": filing,
        "approved": approved,
        "individual": filing.entity.nature == EntityNature.INDIVIDUAL,
    }
    if approved:
        items = list(filing.filing_websites.select_related("website__domain").order_by("position"))
        bound = request.method == "POST"
        psb_forms = [
            PsbNumberForm(
                request.POST if bound else None,
                prefix=f"websites-{index}",
                initial={"psb_number": item.website.psb_number},
            )
            for index, item in enumerate(items)
        ]
        page_errors: list[str] = []
        if bound and all(form.is_valid() for form in psb_forms):
            try:
                services.filing_record_psb_numbers(
                    filing=filing,
                    by=request.user,
                    numbers=[form.cleaned_data["psb_number"] for form in psb_forms],
                )
            except TransitionConflict as error:
                messages.error(request, in_active_language(error.message))
                return redirect("filing-result", filing.code)
            except ApplicationError as error:
                page_errors = show_refusal(
                    error, {f"websites-{index}": form for index, form in enumerate(psb_forms)}
                )
            else:
                messages.success(request, _("The PSB numbers are recorded."))
                return redirect("filing-result", filing.code)
        context |= {"psb_forms": psb_forms, "psb_page_errors": page_errors}
        approved_on = approval_date(filing)
        deadline = approved_on + dt.timedelta(days=PSB_DAYS) if approved_on else None
        context |= {
            "websites": websites_with_snippets(items, context["psb_forms"]),
            "approved_on": approved_on,
            "psb_deadline": deadline,
            "psb_days_left": (deadline - timezone.localdate()).days if deadline else None,
            "psb_days": PSB_DAYS,
            "psb_site": PSB_SITE,
            "miit_site": MIIT_SITE,
        }
    else:
        context["next_words"], context["next_url"] = next_step(filing)
    return render(request, "filings/result/result.html", context)


def approval_date(filing: Filing) -> dt.date | None:
    """The day of the event that approved the filing (MIIT's decision), in the portal's time zone."""
    event = (
        FilingEvent.objects.filter(filing=filing, to_state=S.APPROVED).order_by("-created_at", "-id").first()
    )
    return timezone.localdate(event.created_at) if event else None


def websites_with_snippets(
    items: list[FilingWebsite], psb_forms: list[PsbNumberForm] | None = None
) -> list[dict[str, Any]]:
    """``items``: the filing's websites in order, with their domains."""
    return [
        {
            "website": item.website,
            "snippet": footer_snippet(item.website.website_number) if item.website.website_number else "",
            "psb_form": psb_forms[index] if psb_forms else None,
        }
        for index, item in enumerate(items)
    ]


urlpatterns = [path("<uuid:code>/result/", result_page, name="filing-result")]

"""Step 5, the self-check (GOV.UK's "check your answers"): the whole filing on one page, a change link per
section to its step page, "Submit the filing" (``services.filing_submit``, which checks everything again),
and the confirmation page that says what happens next."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.errors import ApplicationError, ServiceUnavailable
from common.forms import in_active_language
from entities.rules.websites import PRE_APPROVAL_CATEGORIES
from filings import services
from filings.models import Filing, FilingEvent
from filings.pages.common import applicant_can, applicant_page, own_filing, url_for_each
from filings.pages.information_forms import CONTENT_TYPES, LANGUAGES, stored_languages
from filings.pages.materials_forms import in_english, website_names
from filings.pages.progress import page_of_field
from filings.pages.regions import region_name
from filings.selectors import filing_deadlines
from filings.states import APPLICANT_STEPS, RETURNED_STATES, FilingState
from materials.requirements import face_checklist, materials_checklist

S = FilingState


def _websites(filing: Filing) -> list[dict[str, Any]]:
    items = filing.filing_websites.select_related(
        "website__domain", "website__head", "service_number"
    ).order_by("position")
    shown = []
    for index, item in enumerate(items):
        website = item.website
        categories = [str(choice.get("category", "")) for choice in website.pre_approvals or []]
        names = [PRE_APPROVAL_CATEGORIES.get(c, (c, c))[1 if in_english() else 0] for c in categories]
        shown.append(
            {
                "item": item,
                "website": website,
                "content_type": dict(CONTENT_TYPES).get(website.content_type, website.content_type),
                "languages": [
                    dict(LANGUAGES).get(code, code) for code in stored_languages(website.languages)
                ],
                "pre_approvals": names,
                "own_head": website.head_id and website.head_id != filing.entity.head_id,
                "head_anchor": f"websites-{index}-head",
            }
        )
    return shown


def _materials(filing: Filing, names: dict[int, str]) -> list[dict[str, Any]]:
    """``names``: each website's domain name by website id (read with the websites)."""
    english = in_english()
    file_url, thumbnail_url = url_for_each("material-file"), url_for_each("material-thumbnail")
    return [
        {
            "label": item.requirement.label_en if english else item.requirement.label_zh,
            "website": names.get(item.requirement.website.pk, "") if item.requirement.website else "",
            "status": item.status,
            "material": item.material,
            "file_url": file_url(item.material.code) if item.material else "",
            "thumbnail_url": thumbnail_url(item.material.code) if item.material else "",
        }
        for item in materials_checklist(filing)
    ]


def _step_opened(filing: Filing) -> bool:
    return filing.state not in APPLICANT_STEPS or filing.state == S.SELF_CHECK


def _context(
    request: HttpRequest, filing: Filing, summary: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    opened = _step_opened(filing)
    change = {
        step: services.step_is_editable(filing, step=step)
        for step in (S.INSTANCE_VERIFICATION, S.INFORMATION, S.MATERIALS)
    }
    websites = _websites(filing) if opened else []
    names = {shown["item"].website_id: shown["website"].domain.name for shown in websites}
    return {
        "filing": filing,
        "opened": opened,
        "region_label": region_name(filing.region),
        "entity": filing.entity,
        "head": filing.entity.head,
        "websites": websites,
        "materials": _materials(filing, names) if opened else [],
        "faces": face_checklist(filing) if opened else [],
        "change_instances": change[S.INSTANCE_VERIFICATION],
        "change_information": change[S.INFORMATION],
        "change_materials": change[S.MATERIALS],
        "materials_url": reverse("filing-materials", args=[filing.code]),  # once, not once per material
        "can_submit": applicant_can(filing, "submit", request.user),
        "returned": filing.state in RETURNED_STATES,
        "summary": summary or [],
    }


@applicant_page
@require_GET
def check_page(request: HttpRequest, code: Any) -> HttpResponse:
    filing = own_filing(request, code)
    return render(request, "filings/check/check.html", _context(request, filing))


@applicant_page
@require_POST
def submit(request: HttpRequest, code: Any) -> HttpResponse:
    """Everything is checked again by the service; each refusal links to the page and field it names."""
    filing = own_filing(request, code)
    try:
        services.filing_submit(filing=filing, by=request.user)
    except ApplicationError as error:
        summary = [
            {"href": page_of_field(filing, field), "label": "", "text": in_active_language(text)}
            for field, texts in error.fields.items()
            for text in texts
            if text
        ] or [{"anchor": "", "label": "", "text": in_active_language(error.message)}]
        return render(request, "filings/check/check.html", _context(request, filing, summary))
    except ServiceUnavailable:
        message = _("An outside system cannot be reached just now. Nothing was lost: try again soon.")
        return render(
            request, "filings/check/check.html", _context(request, filing, [{"anchor": "", "text": message}])
        )
    messages.success(request, _("Your filing is submitted."))
    return redirect("filing-submitted", filing.code)


@applicant_page
@require_GET
def submitted(request: HttpRequest, code: Any) -> HttpResponse:
    """The confirmation page: what happens next, in order, with this region's rules."""
    filing = own_filing(request, code)
    if filing.state in APPLICANT_STEPS:
        return redirect("filing-check" if filing.state == S.SELF_CHECK else "filing-detail", filing.code)
    events = list(FilingEvent.objects.filter(filing=filing).order_by("created_at", "id"))
    filing._prefetched_objects_cache = {"events": events}  # read by the deadlines
    submitted_at = next(
        (event.created_at for event in reversed(events) if event.transition == "submit"), None
    )
    return render(
        request,
        "filings/check/submitted.html",
        {
            "filing": filing,
            "region_label": region_name(filing.region),
            "submitted_at": submitted_at,
            "deadlines": filing_deadlines(filing),
            "websites": list(website_names(filing).values()),
        },
    )


urlpatterns = [
    path("<uuid:code>/check/", check_page, name="filing-check"),
    path("<uuid:code>/check/submit/", submit, name="filing-check-submit"),
    path("<uuid:code>/submitted/", submitted, name="filing-submitted"),
]

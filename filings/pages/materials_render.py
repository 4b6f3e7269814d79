"""How the step-4 page and its two partials (a checklist row, a face check) are drawn; shared by the upload
views (``materials.py``) and the face views (``face.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from common.forms import in_active_language
from filings import services
from filings.models import Filing
from filings.pages.common import applicant_can, reasons_by_field, url_for_each
from filings.pages.materials_forms import (
    FaceRow,
    OnRequestForm,
    Row,
    anchor_of,
    checklist_rows,
    face_rows,
    in_english,
)
from filings.states import APPLICANT_STEPS, RETURNED_STATES, FilingState
from materials.models import ON_REQUEST_KINDS

S = FilingState


def step_opened(filing: Filing) -> bool:
    """Step 4 has been reached (the checklist can be worked out): not while an earlier step is open."""
    return filing.state not in APPLICANT_STEPS or APPLICANT_STEPS.index(
        filing.state
    ) >= APPLICANT_STEPS.index(S.MATERIALS)


def editable(filing: Filing) -> bool:
    return services.step_is_editable(filing, step=S.MATERIALS)


def summary_items(
    *,
    page_errors: Sequence[str] = (),
    problems: dict[str, list[str]] | None = None,
    rows: Sequence[Row] = (),
    faces: Sequence[FaceRow] = (),
    bound: Sequence[forms.Form] = (),
) -> list[dict[str, str]]:
    """The error summary's entries: the page's own messages, a refusal's field paths (each linking to the
    checklist row or face check it names) and the errors of a bound form (linking to its field)."""
    items = [{"anchor": "", "label": "", "text": in_active_language(text)} for text in page_errors]
    labels = {row.field: row.label for row in rows} | {face.field: face.person.name for face in faces}
    for path, messages in (problems or {}).items():
        for text in messages:
            if text:
                anchor = anchor_of(path) if path.startswith("materials") else ""
                items.append(
                    {"anchor": anchor, "label": labels.get(path, ""), "text": in_active_language(text)}
                )
    for form in bound:
        for name, errors in form.errors.items():
            if name in form.fields:
                for text in errors:
                    items.append({"anchor": form[name].auto_id, "label": str(form[name].label), "text": text})
    return items


def page_context(request: HttpRequest, filing: Filing) -> dict[str, Any]:
    can_edit = editable(filing)
    opened = step_opened(filing)
    reasons = reasons_by_field(filing)
    websites = list(filing.filing_websites.select_related("website__domain").order_by("position"))
    names = {item.website_id: item.website.domain.name for item in websites}
    rows = checklist_rows(filing, editable=can_edit, reasons=reasons, names=names) if opened else []
    faces = face_rows(filing, editable=can_edit, reasons=reasons) if opened else []
    placed = {row.field for row in rows} | {face.field for face in faces}
    general = [
        reason.message
        for path, items in reasons.items()
        for reason in items
        if path == "materials"
        or (path.startswith("materials.") and not any(f == path or f.startswith(path + ".") for f in placed))
    ]
    returned = filing.state in RETURNED_STATES
    return {
        "filing": filing,
        "opened": opened,
        "editable": can_edit,
        "returned": returned,
        "on_request_form": OnRequestForm(filing=filing) if returned and can_edit else None,
        "on_request": list(
            filing.materials.filter(kind__in=ON_REQUEST_KINDS)
            .select_related("website__domain")
            .order_by("-id")
        )
        if opened
        else [],
        "rows": rows,
        "faces": faces,
        "general_reasons": general,
        "websites": websites,
        "can_continue": opened and applicant_can(filing, "complete_materials", request.user),
        "page_url": reverse("filing-materials", args=[filing.code]),
        # Every row's upload form posts here: reversed once, not once per row (``_item.html``).
        "upload_url": reverse("filing-materials-upload", args=[filing.code]),
        "english": in_english(),
    }


def render_page(
    request: HttpRequest,
    filing: Filing,
    *,
    summary: list[dict[str, str]] | None = None,
    row: Row | None = None,
    face: FaceRow | None = None,
    on_request_form: OnRequestForm | None = None,
) -> HttpResponse:
    """The whole step-4 page; ``row`` or ``face`` replaces its fresh counterpart (it carries a bound form with
    its errors, so the message stands beside the item it concerns)."""
    context = page_context(request, filing)
    if row is not None:
        context["rows"] = [row if item.field == row.field else item for item in context["rows"]]
    if face is not None:
        context["faces"] = [face if item.field == face.field else item for item in context["faces"]]
    if on_request_form is not None:
        context["on_request_form"] = on_request_form
    context["summary"] = summary or []
    link_rows(context["rows"])
    return render(request, "filings/materials/materials.html", context)


def link_rows(rows: Sequence[Row]) -> None:
    """Each row's links to its upload (its file, its thumbnail)."""
    file_url, thumbnail_url = url_for_each("material-file"), url_for_each("material-thumbnail")
    for row in rows:
        if row.material is not None:
            row.file_url, row.thumbnail_url = file_url(row.material.code), thumbnail_url(row.material.code)


def render_row(request: HttpRequest, filing: Filing, row: Row) -> HttpResponse:
    link_rows([row])
    return render(
        request,
        "filings/materials/_item.html",
        {
            "filing": filing,
            "row": row,
            "editable": editable(filing),
            "page_url": _page_url(filing),
            "upload_url": reverse("filing-materials-upload", args=[filing.code]),
        },
    )


def render_face(request: HttpRequest, filing: Filing, face: FaceRow) -> HttpResponse:
    return render(
        request,
        "filings/materials/_face.html",
        {"filing": filing, "face": face, "editable": editable(filing), "page_url": _page_url(filing)},
    )


def fresh_rows(filing: Filing) -> list[Row]:
    return checklist_rows(filing, editable=editable(filing), reasons=reasons_by_field(filing))


def fresh_faces(filing: Filing) -> list[FaceRow]:
    return face_rows(filing, editable=editable(filing), reasons=reasons_by_field(filing))


def _page_url(filing: Filing) -> str:
    return reverse("filing-materials", args=[filing.code])

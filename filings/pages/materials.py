"""Step 4: the checklist of materials (what ``materials_checklist`` requires, each with its status, thumbnail
and upload form), the verification forms to download, face verification (``face.py``) and "continue to the
self-check". Uploads go to ``materials.services.material_upload``, the same call the API makes; with htmx a
row is swapped in place and polls its status while the upload is processed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.errors import ApplicationError, ServiceUnavailable
from common.forms import in_active_language
from filings import services
from filings.pages import face
from filings.pages.common import applicant_page, own_filing
from filings.pages.materials_forms import OnRequestForm, UploadForm, row_of
from filings.pages.materials_render import (
    editable,
    fresh_faces,
    fresh_rows,
    render_page,
    render_row,
    summary_items,
)
from filings.states import RETURNED_STATES, FilingState
from materials.models import StorageUnavailable
from materials.pipeline import MAX_FILE_BYTES
from materials.services import material_upload

S = FilingState


@applicant_page
@require_GET
def materials_page(request: HttpRequest, code: Any) -> HttpResponse:
    return render_page(request, own_filing(request, code))


@applicant_page
@require_POST
def upload(request: HttpRequest, code: Any) -> HttpResponse:
    """One checklist row's file (the row named by its field path in ``item``). A refusal stands beside that
    row, with the date typed kept; the other rows are untouched."""
    filing = own_filing(request, code)
    if not editable(filing):
        return _refused_here(request, filing)
    if request.POST.get("item") == "materials.on_request":
        return _upload_on_request(request, filing)
    rows = fresh_rows(filing)
    row = next((item for item in rows if item.field == request.POST.get("item", "")), None)
    if row is None:
        message = _("This material is not needed for this filing. Choose one from the list.")
        return render_page(request, filing, summary=summary_items(page_errors=[message]))
    form = UploadForm(request.POST, request.FILES, prefix=row.prefix, kind=row.item.requirement.kind)
    row.form = form
    if form.is_valid():
        requirement = row.item.requirement
        upload = form.cleaned_data["file"]
        try:
            material = material_upload(
                filing=filing,
                by=request.user,
                kind=requirement.kind,
                website=requirement.website,
                category=requirement.category,
                # One byte over the limit is enough for the service to refuse a file that is too large.
                content=upload.read(MAX_FILE_BYTES + 1),
                filename=upload.name or "",
                document_date=form.cleaned_data.get("document_date"),
            )
        except ApplicationError as error:
            form.place(error)
        except StorageUnavailable:
            form.add_error(
                "file", _("Files cannot be stored at the moment; nothing was lost: try again shortly.")
            )
        else:
            return _uploaded(request, filing, material)
    if request.htmx:
        return render_row(request, filing, row)
    return render_page(request, filing, row=row, summary=summary_items(rows=rows, bound=[form]))


def _upload_on_request(request: HttpRequest, filing: Any) -> HttpResponse:
    """A material a reviewer asked for that no checklist row holds (only a returned filing shows the form)."""
    form = OnRequestForm(request.POST, request.FILES, filing=filing)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            material_upload(
                filing=filing,
                by=request.user,
                kind=form.cleaned_data["kind"],
                website=form.websites.get(form.cleaned_data["website"]),
                content=upload.read(MAX_FILE_BYTES + 1),
                filename=upload.name or "",
            )
        except ApplicationError as error:
            form.place(error)
        except StorageUnavailable:
            form.add_error(
                "file", _("Files cannot be stored at the moment; nothing was lost: try again shortly.")
            )
        else:
            messages.success(
                request,
                _(
                    "Uploaded: it is being checked. When everything named is corrected, resubmit from the filing page."
                ),
            )
            return redirect(reverse("filing-materials", args=[filing.code]) + f"#{OnRequestForm.ANCHOR}")
    return render_page(request, filing, on_request_form=form, summary=summary_items(bound=[form]))


def _uploaded(request: HttpRequest, filing: Any, material: Any) -> HttpResponse:
    row = row_of(fresh_rows(filing), material)
    if request.htmx and row is not None:
        return render_row(request, filing, row)
    if filing.state in RETURNED_STATES:
        messages.success(
            request,
            _(
                "Uploaded: it is being checked. When everything named is corrected, resubmit from the filing page."
            ),
        )
    else:
        messages.success(request, _("Uploaded: it is being checked, which takes a few seconds."))
    anchor = f"#{row.anchor}" if row else ""
    return redirect(reverse("filing-materials", args=[filing.code]) + anchor)


def _refused_here(request: HttpRequest, filing: Any) -> HttpResponse:
    """Step 4 cannot change in this state: the service's own refusal, on the read-only page."""
    try:
        services.require_editable(filing, step=S.MATERIALS)
    except ApplicationError as error:
        message = in_active_language(error.message)
    else:  # pragma: no cover - only reached if the state changed between the two looks
        message = _("The materials cannot change now.")
    return render_page(request, filing, summary=summary_items(page_errors=[message]))


@applicant_page
@require_GET
def material_status(request: HttpRequest, code: Any, material: Any) -> HttpResponse:
    """The row of one upload, polled by htmx every 2 s while it is processed (without JavaScript: the page)."""
    filing = own_filing(request, code)
    found = filing.materials.filter(code=material).first()
    if found is None:
        raise Http404
    row = row_of(fresh_rows(filing), found)
    if row is None:
        raise Http404
    if not request.htmx:
        return redirect(reverse("filing-materials", args=[filing.code]) + f"#{row.anchor}")
    return render_row(request, filing, row)


@applicant_page
@require_POST
def complete(request: HttpRequest, code: Any) -> HttpResponse:
    """ "Continue to the self-check": the state machine's ``complete_materials``; a refusal names each row."""
    filing = own_filing(request, code)
    try:
        services.filing_complete_materials(filing=filing, by=request.user)
    except ApplicationError as error:
        problems = error.fields
        page_errors = [] if problems else [error.message]
        summary = summary_items(
            page_errors=page_errors, problems=problems, rows=fresh_rows(filing), faces=fresh_faces(filing)
        )
        return render_page(request, filing, summary=summary)
    except ServiceUnavailable:
        message = _("An outside system cannot be reached just now. Nothing was lost: try again soon.")
        return render_page(request, filing, summary=summary_items(page_errors=[message]))
    messages.success(request, _("The materials are complete. Check your answers, then submit the filing."))
    return redirect("filing-check", filing.code)


urlpatterns = [
    path("<uuid:code>/materials/", materials_page, name="filing-materials"),
    path("<uuid:code>/materials/upload/", upload, name="filing-materials-upload"),
    path("<uuid:code>/materials/continue/", complete, name="filing-materials-continue"),
    path("<uuid:code>/materials/<uuid:material>/status/", material_status, name="filing-material-status"),
    *face.urlpatterns,
]

"""Face verification of each website's person in charge on the step-4 page: start a check
(``face_verification_start``), send the selfie that stands in for the app's liveness check
(``face_verification_submit_selfie``; the provider decides), then the result, polled like an upload."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.errors import ApplicationError
from common.forms import in_active_language
from entities.models import Person
from filings.pages.common import applicant_page, own_filing
from filings.pages.materials_forms import FaceRow, SelfieForm
from filings.pages.materials_render import fresh_faces, render_face, render_page, summary_items
from materials.pipeline import MAX_FILE_BYTES
from materials.services import face_verification_start, face_verification_submit_selfie


def _person(filing: Any, code: Any) -> Person:
    person = Person.objects.filter(code=code, entity_id=filing.entity_id).first()
    if person is None:
        raise Http404
    return person


def _row(filing: Any, person: Person) -> FaceRow | None:
    return next((row for row in fresh_faces(filing) if row.person.pk == person.pk), None)


@applicant_page
@require_POST
def face_start(request: HttpRequest, code: Any, person: Any) -> HttpResponse:
    """Start (or, after a failure, start again) the face check of one person in charge."""
    filing = own_filing(request, code)
    someone = _person(filing, person)
    try:
        face_verification_start(filing=filing, by=request.user, person=someone)
    except ApplicationError as error:
        return _answer(request, filing, someone, error=_words(error))
    return _answer(request, filing, someone, done=_("Face verification started: now send the selfie."))


@applicant_page
@require_POST
def face_selfie(request: HttpRequest, code: Any, person: Any) -> HttpResponse:
    filing = own_filing(request, code)
    someone = _person(filing, person)
    row = _row(filing, someone)
    if row is None:
        raise Http404
    form = SelfieForm(request.POST, request.FILES, prefix=f"face-{someone.code}")
    row.form = form
    if form.is_valid():
        verification = row.item.verification
        if verification is None:
            form.add_error("selfie", _("Start the face verification first."))
        else:
            try:
                face_verification_submit_selfie(
                    verification=verification,
                    by=request.user,
                    image=form.cleaned_data["selfie"].read(MAX_FILE_BYTES + 1),
                )
            except ApplicationError as error:
                form.add_error("selfie", _words(error))
            else:
                return _answer(
                    request, filing, someone, done=_("Selfie sent: the result comes in a few seconds.")
                )
    if request.htmx:
        return render_face(request, filing, row)
    return render_page(request, filing, face=row, summary=summary_items(bound=[form]))


@applicant_page
@require_GET
def face_status(request: HttpRequest, code: Any, person: Any) -> HttpResponse:
    """One person's check, polled by htmx every 2 s until the provider answers (without JavaScript: the page)."""
    filing = own_filing(request, code)
    row = _row(filing, _person(filing, person))
    if row is None:
        raise Http404
    if not request.htmx:
        return redirect(reverse("filing-materials", args=[filing.code]) + f"#{row.anchor}")
    return render_face(request, filing, row)


def _answer(
    request: HttpRequest, filing: Any, person: Person, *, error: str = "", done: str = ""
) -> HttpResponse:
    row = _row(filing, person)
    if row is None:  # not a person in charge of this filing: the service's refusal, at the top of the page
        return render_page(request, filing, summary=summary_items(page_errors=[error or done]))
    row.error = error
    if request.htmx:
        return render_face(request, filing, row)
    if error:
        return render_page(
            request, filing, face=row, summary=[{"anchor": row.anchor, "label": "", "text": error}]
        )
    messages.success(request, done)
    return redirect(reverse("filing-materials", args=[filing.code]) + f"#{row.anchor}")


def _words(error: ApplicationError) -> str:
    texts = [text for items in error.fields.values() for text in items if text] or [error.message]
    return " ".join(in_active_language(text) for text in texts)


urlpatterns = [
    path("<uuid:code>/face/<uuid:person>/", face_start, name="filing-face-start"),
    path("<uuid:code>/face/<uuid:person>/selfie/", face_selfie, name="filing-face-selfie"),
    path("<uuid:code>/face/<uuid:person>/status/", face_status, name="filing-face-status"),
]

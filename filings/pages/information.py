"""Step 3: the entity's and the websites' information, their people in charge and pre-approvals.

The page sends everything it shows to ``services.filing_save_information`` (a refusal lands beside each
field, every typed value kept) and, on "Save and continue", ``services.filing_enter_information``, which
checks every rule again with the registrar's facts. A returned filing is corrected here in place and
resubmitted from its page. A filing whose entity MIIT already holds (new access, a new website) shows the
entity's data read-only when it is complete: only the websites are edited.

What was read on the photos (``recognition.py``) is proposed beside the fields: the entity's name, address
and validity from step 1's certificate, each person's name and number from a photo of their ID card sent
here. Sending a photo, using its proposals or checking again renders the page again with everything typed,
like "show the cities": nothing is saved until "save".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from common.errors import ApplicationError, ServiceUnavailable
from common.forms import form_key, in_active_language, show_refusal
from entities.rules.websites import available_pre_approval_categories
from filings import services
from filings.models import Filing, FilingWebsite
from filings.pages.common import applicant_page, own_filing, reasons_by_field
from filings.pages.divisions import AddressWidget
from filings.pages.information_forms import (
    EntityForm,
    PageForm,
    PersonForm,
    PreApprovalForm,
    WebsiteForm,
    person_initial,
    pre_approval_initial,
    website_data,
    website_initial,
)
from filings.pages.recognition import Panel, accepted, information_panels, uploaded_photo
from filings.services.recognition import filing_recognition_upload
from filings.states import RETURNED_STATES, FilingState, FilingType
from materials.models import StorageUnavailable
from materials.recognition.models import RecognitionPurpose

S = FilingState
STEP = S.INFORMATION
ENTITY_FIELDS = ("name", "certificate_address", "mailing_address", "certificate_valid_until")
# Filing types whose entity MIIT's registry already holds: its data is confirmed, not typed again.
ENTITY_AT_MIIT = (
    FilingType.NEW_ACCESS,
    FilingType.NEW_WEBSITE_ENTITY_HERE,
    FilingType.NEW_WEBSITE_ENTITY_ELSEWHERE,
    FilingType.NEW_WEBSITE_ENTITY_AT_MIIT,
)


@dataclass
class WebsiteForms:
    item: FilingWebsite
    form: WebsiteForm
    head: PersonForm | None
    documents: list[PreApprovalForm]
    panel: Panel | None = None  # what a photo of the website's own person in charge's ID proposes


@dataclass
class Forms:
    entity: EntityForm
    head: PersonForm
    websites: list[WebsiteForms]
    entity_locked: bool
    page_errors: list[str] = field(default_factory=list)

    def all(self) -> list[PageForm]:
        found: list[PageForm] = [] if self.entity_locked else [self.entity, self.head]
        for part in self.websites:
            found += [part.form, *part.documents]
            if part.head is not None and part.form.is_bound and part.form["own_head"].value():
                found.append(part.head)
        return found


def _entity_locked(filing: Filing) -> bool:
    """MIIT holds the entity and its data is all here (else it is typed like an initial filing's)."""
    entity = filing.entity
    complete = all([entity.name, entity.certificate_address, entity.mailing_address, entity.head_id])
    return filing.filing_type in ENTITY_AT_MIIT and complete


def _build(filing: Filing, data: Any = None) -> Forms:
    """Every form of the page, bound to ``data`` when posted, else filled from what is stored."""
    entity = filing.entity
    locked = _entity_locked(filing)
    reasons: dict[str, dict[str, list[Any]]] = {}
    for path_, found in reasons_by_field(filing).items():
        prefix, name = form_key(path_)
        reasons.setdefault(prefix, {})[name] = found
    divisions_url = reverse("filing-divisions", args=[filing.code])
    entity_data = None if locked else data
    entity_form = EntityForm(
        entity_data,
        prefix="entity",
        initial={name: getattr(entity, name) for name in ENTITY_FIELDS},
        reasons=reasons.get("entity"),
        divisions_url=divisions_url,
    )
    head_form = PersonForm(
        entity_data,
        prefix="entity-head",
        initial=person_initial(entity.head),
        person=entity.head,
        individual=entity.is_individual,
        reasons=reasons.get("entity-head"),
    )
    categories = available_pre_approval_categories(nature=entity.nature, region=filing.region)
    websites = []
    items = services.websites_of(filing)
    items.sort(key=lambda item: item.position)
    for index, item in enumerate(items):
        website, prefix = item.website, f"websites-{index}"
        own = website.head if website.head_id not in (None, entity.head_id) else None
        form = WebsiteForm(
            data,
            prefix=prefix,
            initial=website_initial(website) | {"own_head": own is not None},
            website=website,
            categories=categories,
            reasons=reasons.get(prefix),
        )
        head = None
        if not entity.is_individual:
            head = PersonForm(
                data,
                prefix=f"{prefix}-head",
                initial=person_initial(own),
                person=own,
                reasons=reasons.get(f"{prefix}-head"),
            )
        documents = [
            PreApprovalForm(
                data,
                prefix=f"{prefix}-pre_approval-{category}",
                initial=pre_approval_initial(website, category),
                category=category,
            )
            for category in categories
        ]
        websites.append(WebsiteForms(item=item, form=form, head=head, documents=documents))
    return Forms(entity=entity_form, head=head_form, websites=websites, entity_locked=locked)


def _stored_entity(filing: Filing) -> tuple[dict[str, Any], dict[str, Any]]:
    """A locked entity's data as stored (its head's number stays with the service, which keeps it)."""
    entity = filing.entity
    return {name: getattr(entity, name) for name in ENTITY_FIELDS}, person_initial(entity.head)


def _arguments(forms: Forms, filing: Filing) -> dict[str, Any]:
    if forms.entity_locked:
        entity, head = _stored_entity(filing)
    else:
        entity, head = forms.entity.service_data(), forms.head.service_data()
    websites = []
    for part in forms.websites:
        data = website_data(part.form, part.documents)
        own = part.head is not None and part.form.cleaned_data.get("own_head")
        data["head"] = part.head.service_data() if own and part.head is not None else None
        websites.append(data)
    return {"entity": entity, "entity_head": head, "websites": websites}


def _forms_by_prefix(forms: Forms, arguments: dict[str, Any]) -> dict[str, Any]:
    """Where each field path of a refusal goes; a pre-approval is named by its place in the list sent."""
    found: dict[str, Any] = {} if forms.entity_locked else {"entity": forms.entity, "entity-head": forms.head}
    for index, part in enumerate(forms.websites):
        found[f"websites-{index}"] = part.form
        if part.head is not None:
            found[f"websites-{index}-head"] = part.head
        sent = [item["category"] for item in arguments["websites"][index]["pre_approvals"] or []]
        for document in part.documents:
            if document.category in sent:
                found[f"websites-{index}-pre_approvals-{sent.index(document.category)}"] = document
    return found


@applicant_page
def information_page(request: HttpRequest, code: Any) -> HttpResponse:
    filing = own_filing(request, code)
    editable = services.step_is_editable(filing, step=STEP)
    if request.method == "POST" and not editable:
        messages.error(request, _("The information cannot change while the filing is in this state."))
        return redirect("filing-detail", filing.code)
    if request.method != "POST" or not editable:
        return _render(request, filing, _build(filing), editable)
    if any(name in request.POST for name in RECOGNITION_BUTTONS):
        return _with_photo(request, filing, editable)
    forms = _build(filing, request.POST)
    if "refresh_divisions" in request.POST:  # without JavaScript: the chosen province's cities, nothing saved
        return _render(request, filing, forms, editable)
    if not all(form.is_valid() for form in forms.all()):
        return _render(request, filing, forms, editable)
    arguments = _arguments(forms, filing)
    continuing = "continue" in request.POST
    try:
        services.filing_save_information(filing=filing, by=request.user, **arguments)
    except ApplicationError as error:
        forms.page_errors = show_refusal(error, _forms_by_prefix(forms, arguments))
        return _render(request, filing, forms, editable)
    filing.refresh_from_db()
    if filing.state in RETURNED_STATES:
        messages.success(request, _("Your corrections are saved. Resubmit the filing when all is corrected."))
        return redirect("filing-detail", filing.code)
    if not continuing:
        messages.success(request, _("The information is saved. Come back to step 3 when you are ready."))
        return redirect("filing-detail", filing.code)
    try:
        services.filing_enter_information(filing=filing, by=request.user)
    except ServiceUnavailable:
        forms.page_errors = [
            _(
                "Your information is saved, but the domain registrar cannot be reached just now to check it. "
                "Try “Save and continue” again in a minute."
            )
        ]
        return _render(request, filing, forms, editable)
    except ApplicationError as error:
        forms.page_errors = show_refusal(error, _forms_by_prefix(forms, arguments))
        return _render(request, filing, forms, editable)
    return redirect("filing-materials", filing.code)


RECOGNITION_BUTTONS = ("recognise", "accept_recognition", "refresh_recognition")


def _with_photo(request: HttpRequest, filing: Filing, editable: bool) -> HttpResponse:
    """A person's ID photo sent, a panel's proposals used, or a panel checked again: the page again with
    everything typed (the proposals put into their fields when used), nothing saved."""
    panels = information_panels(filing)
    data = request.POST
    slot = request.POST.get("accept_recognition", "")
    if slot in panels:
        data = accepted(data, panels[slot])
        if slot.startswith("websites-"):  # the website's own person in charge: show their fields
            data[slot.removesuffix("-head") + "-own_head"] = "on"
    slot = request.POST.get("recognise", "")
    if slot in panels and panels[slot].offers_upload:
        error = _send_photo(request, filing, slot)
        panels = information_panels(filing)
        panels[slot].photo_error = error
    return _render(request, filing, _build(filing, data), editable, panels)


def _send_photo(request: HttpRequest, filing: Filing, slot: str) -> str:
    """The photo of ``slot``'s person sent to be read (and kept as their ID for step 4); an error's words."""
    photo = uploaded_photo(request, slot)
    if photo is None:
        return _("Choose a photo of the ID card first.")
    website = None
    if slot.startswith("websites-"):
        index = int(slot.split("-")[1])
        items = sorted(services.websites_of(filing), key=lambda item: item.position)
        website = items[index].website
    purpose = RecognitionPurpose.WEBSITE_HEAD_ID if website else RecognitionPurpose.ENTITY_HEAD_ID
    try:
        filing_recognition_upload(
            filing=filing,
            by=request.user,
            purpose=purpose,
            content=photo[0],
            filename=photo[1],
            website=website,
        )
    except ApplicationError as error:
        return in_active_language(error.message)
    except StorageUnavailable:
        return _("The photo could not be stored just now. Try again in a minute.")
    return ""


def _render(
    request: HttpRequest,
    filing: Filing,
    forms: Forms,
    editable: bool,
    panels: dict[str, Panel] | None = None,
) -> HttpResponse:
    entity = filing.entity
    panels = panels if panels is not None else (information_panels(filing) if editable else {})
    for index, part in enumerate(forms.websites):
        part.panel = panels.get(f"websites-{index}-head")
    return render(
        request,
        "filings/information/information.html",
        {
            "filing": filing,
            "entity": entity,
            "forms": forms,
            "forms_shown": forms.all() if editable else [],
            "editable": editable,
            "returned": filing.state in RETURNED_STATES,
            "reopens": editable and filing.state in (S.MATERIALS, S.SELF_CHECK),
            "entity_at_miit": filing.filing_type in ENTITY_AT_MIIT,
            "page_errors": forms.page_errors,
            "entity_panel": panels.get("entity"),
            "head_panel": panels.get("entity-head"),
        },
    )


@applicant_page
def divisions_partial(request: HttpRequest, code: Any) -> HttpResponse:
    """htmx: the address picker again, with the cities of the chosen province and the districts of the
    chosen city (the page sends its four parts)."""
    filing = own_filing(request, code)
    name = request.GET.get("field", "")
    if name not in ("entity-certificate_address", "entity-mailing_address"):
        raise Http404
    value = [request.GET.get(f"{name}_{index}", "") for index in range(4)]
    widget = AddressWidget(divisions_url=reverse("filing-divisions", args=[filing.code]))
    return HttpResponse(widget.render(name, value, attrs={"id": f"id_{name}", "class": "input"}))


urlpatterns = [
    path("<uuid:code>/information/", information_page, name="filing-information"),
    path("<uuid:code>/information/divisions/", divisions_partial, name="filing-divisions"),
]

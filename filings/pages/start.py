"""Before step 1 (what to prepare, the region's rules) and step 1 itself: the entity's certificate and the
domains, from which the filing type is detected. Step 1 may start from a photo of the certificate
(``recognition.py``): its proposals fill the fields when the applicant uses them, and the photo becomes the
filing's certificate material once the filing is created."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.errors import ApplicationError, ServiceUnavailable
from common.forms import in_active_language, show_refusal
from common.widget_rendering import PortalForm
from entities.models import CertificateType, EntityNature, Region
from filings import services
from filings.pages.common import applicant_page
from filings.pages.recognition import accepted, own_recognition, panel_for, uploaded_photo
from filings.pages.regions import region_name, region_rules
from filings.services.recognition import filing_recognition_attach
from materials.models import StorageUnavailable
from materials.recognition.models import CertificateRecognition, RecognitionPurpose
from materials.recognition.services import recognition_upload

MAX_DOMAINS = 10


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return region_name(obj)


class EntryForm(PortalForm):
    """The entity's part of step 1 (prefix ``entity``: a refusal names ``entity.certificate_number``)."""

    region = RegionChoiceField(
        queryset=Region.objects.order_by("division"),
        to_field_name="code",
        label=gettext_lazy("Region"),
        help_text=gettext_lazy(
            "Where the servers of your websites are: the province of your cloud instance."
        ),
        empty_label=gettext_lazy("Choose a region"),
    )
    nature = forms.ChoiceField(
        choices=EntityNature.choices,
        label=gettext_lazy("Who is filing"),
        help_text=gettext_lazy(
            "An individual files personal websites only; a company or body files as itself."
        ),
    )
    certificate_type = forms.ChoiceField(
        choices=CertificateType.choices,
        label=gettext_lazy("Certificate type"),
        help_text=gettext_lazy(
            "An individual's identity document, or the organisation's licence or certificate."
        ),
    )
    certificate_number = forms.CharField(
        max_length=64,
        label=gettext_lazy("Certificate number"),
        help_text=gettext_lazy(
            "As printed: 18 characters for a resident ID or a unified social credit code. Spaces are ignored."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class DomainForm(PortalForm):
    domain = forms.CharField(
        max_length=253,
        label=gettext_lazy("Domain"),
        help_text=gettext_lazy(
            "The domain without www or http, real-name verified with its registrar: example.cn"
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "inputmode": "url"}),
    )


DomainFormSet = forms.formset_factory(DomainForm, extra=0, min_num=1, max_num=MAX_DOMAINS, validate_min=True)


@applicant_page
def prepare(request: HttpRequest) -> HttpResponse:
    """What to prepare before step 1, and the rules of the region the applicant picks."""
    region = Region.objects.filter(code=request.GET.get("region", "")).first()
    regions = [(item.code, region_name(item)) for item in Region.objects.order_by("division")]
    context = {"regions": regions, "region": region}
    if region is not None:
        context |= {"region_label": region_name(region), "rules": region_rules(region)}
    return render(request, "filings/start/prepare.html", context)


@applicant_page
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: create the filing and detect its type in one go; a refusal keeps every value typed and no
    filing (``services.filing_start_and_detect`` undoes the start when the type cannot be detected)."""
    page_errors: list[str] = []
    recognition = _recognition(request)
    if request.method == "POST":
        entry = EntryForm(request.POST, prefix="entity")
        domains = DomainFormSet(request.POST, prefix="websites")
        if "add_domain" in request.POST or "remove_domain" in request.POST:
            return _with_rows_changed(request, entry, domains, recognition)
        if "recognise" in request.POST:
            return _read_photo(request, entry, domains)
        if "refresh_recognition" in request.POST or "accept_recognition" in request.POST:
            if recognition is not None and "accept_recognition" in request.POST:
                panel = panel_for("entity", recognition, step=1)
                entry = EntryForm(accepted(request.POST, panel), prefix="entity")
            return _with_rows_changed(request, entry, domains, recognition)
        if entry.is_valid() and domains.is_valid():
            try:
                filing = services.filing_start_and_detect(
                    applicant=request.user,
                    region=entry.cleaned_data["region"],
                    nature=entry.cleaned_data["nature"],
                    certificate_type=entry.cleaned_data["certificate_type"],
                    certificate_number=entry.cleaned_data["certificate_number"],
                    domains=[form.cleaned_data["domain"] for form in domains.forms],
                )
            except ApplicationError as error:
                page_errors = _place(error, entry, domains)
            except ServiceUnavailable:
                page_errors = [
                    _("MIIT's registry cannot be reached just now. Nothing was lost: try again in a minute.")
                ]
            else:
                messages.success(
                    request,
                    _("Your filing is started: the filing type is %(type)s.")
                    % {"type": filing.get_filing_type_display()},
                )
                _attach_photo(request, recognition, filing)
                return redirect("filing-instances", filing.code)
    else:
        region = Region.objects.filter(code=request.GET.get("region", "")).first()
        entry = EntryForm(prefix="entity", initial={"region": region} if region else None)
        domains = DomainFormSet(prefix="websites")
    return _render(request, entry, domains, page_errors, recognition)


def _recognition(request: HttpRequest) -> CertificateRecognition | None:
    """The photo this page is working from (posted with the form, or named in the address), still unused."""
    code = request.POST.get("entity-recognition") or request.GET.get("recognition") or ""
    recognition = own_recognition(request, code) if code else None
    if recognition is None or recognition.filing_id is not None:
        return None
    return recognition


def _read_photo(request: HttpRequest, entry: EntryForm, domains: Any) -> HttpResponse:
    """Store the photo and send it to be read; the page comes back with everything typed kept."""
    recognition, photo_error = None, ""
    photo = uploaded_photo(request, "entity")
    if photo is None:
        photo_error = _("Choose a photo of the certificate first.")
    else:
        try:
            recognition = recognition_upload(
                by=request.user,
                purpose=RecognitionPurpose.ENTITY_CERTIFICATE,
                content=photo[0],
                filename=photo[1],
            )
        except ApplicationError as error:
            photo_error = in_active_language(error.message)
        except StorageUnavailable:
            photo_error = _("The photo could not be stored just now. Try again in a minute.")
    return _with_rows_changed(request, entry, domains, recognition or _recognition(request), photo_error)


def _attach_photo(request: HttpRequest, recognition: CertificateRecognition | None, filing: Any) -> None:
    """The photo read at step 1 becomes the filing's certificate for step 4; if that fails, step 4 simply
    asks for the file, so the filing is not held up for it."""
    if recognition is None:
        return
    try:
        filing_recognition_attach(recognition=recognition, filing=filing, by=request.user)
    except (ApplicationError, StorageUnavailable):
        messages.warning(request, _("The certificate's photo could not be kept: upload it again at step 4."))


def _place(error: ApplicationError, entry: EntryForm, domains: Any) -> list[str]:
    """Each message beside its field; a detection refusal also says what to do about it, there."""
    if error.code in DETECTION_ADVICE:
        for messages_of_field in error.fields.values():
            messages_of_field.append(str(DETECTION_ADVICE[error.code]))
    forms_by_prefix: dict[str, forms.BaseForm] = {"entity": entry}
    forms_by_prefix |= {form.prefix: form for form in domains.forms}
    return show_refusal(error, forms_by_prefix)


def _with_rows_changed(
    request: HttpRequest,
    entry: EntryForm,
    domains: Any,
    recognition: CertificateRecognition | None,
    photo_error: str = "",
) -> HttpResponse:
    """The page again with what was typed (``entry``'s data, the posted domains), nothing checked or saved:
    a domain row added or removed, a photo sent or its proposals used (works without JavaScript)."""
    data = request.POST.copy()
    total = int(data.get("websites-TOTAL_FORMS", "1") or 1)
    if "add_domain" in data and total < MAX_DOMAINS:
        data["websites-TOTAL_FORMS"] = str(total + 1)
    elif "remove_domain" in data and total > 1:
        index = int(data.get("remove_domain") or total - 1)
        for later in range(index, total - 1):
            data[f"websites-{later}-domain"] = data.get(f"websites-{later + 1}-domain", "")
        data.pop(f"websites-{total - 1}-domain", None)
        data["websites-TOTAL_FORMS"] = str(total - 1)
    entry = EntryForm(initial=_initial(entry), prefix="entity")
    rows = int(data["websites-TOTAL_FORMS"])
    initial = [{"domain": data.get(f"websites-{index}-domain", "")} for index in range(rows)]
    domains = DomainFormSet(prefix="websites", initial=initial)
    return _render(request, entry, domains, [], recognition, photo_error)


def _initial(entry: EntryForm) -> dict[str, Any]:
    return {name: entry.data.get(entry.add_prefix(name), "") for name in entry.fields}


def _render(
    request: HttpRequest,
    entry: EntryForm,
    domains: Any,
    page_errors: list[str],
    recognition: CertificateRecognition | None = None,
    photo_error: str = "",
) -> HttpResponse:
    forms_shown = [entry, *domains.forms]
    return render(
        request,
        "filings/start/start.html",
        {
            "entry": entry,
            "domains": domains,
            "forms_shown": forms_shown,
            "page_errors": page_errors + [str(e) for e in domains.non_form_errors()],
            "max_domains": MAX_DOMAINS,
            "panel": panel_for("entity", recognition, step=1, photo_error=photo_error),
        },
    )


# What to do about each detection refusal of step 1 (process.md "Filing types").
DETECTION_ADVICE = {
    "domain_conflict": gettext_lazy(
        "Another entity holds this domain's filing at MIIT. If the domain is now yours, the other entity must "
        "cancel that website's filing (注销网站) first, or the domain's filing moves with a change filing."
    ),
    "open_order_exists": gettext_lazy(
        "Finish or withdraw the entity's other filing in progress (here or at another provider) before starting "
        "a new one: MIIT accepts one open order per entity."
    ),
    "already_filed_here": gettext_lazy(
        "This domain is already filed through this provider. To change its data, use a change filing (变更备案) "
        "instead of a new one; remove the domain here to file the others."
    ),
    "mixed_filing_types": gettext_lazy(
        "File the domains already filed elsewhere (new access) on their own first, then the new websites in a "
        "second filing."
    ),
    "empty_entity_must_cancel": gettext_lazy(
        "In this region an entity with no website left must cancel its entity filing (注销主体) at MIIT, then "
        "file again as an initial filing."
    ),
}

urlpatterns = [
    path("new/", prepare, name="filing-new"),
    path("new/start/", start, name="filing-start"),
]

"""Certificate recognition on the pages of steps 1 and 3: a photo read on the OCR worker, its proposals shown
beside the fields with their confidence, for the applicant to use and correct.

A panel belongs to a *slot*, the prefix of the form it fills: ``entity`` (step 1: who is filing, the
certificate; step 3: the entity's name, address, validity), ``entity-head`` and ``websites-<i>-head`` (a
person's name and number from the front of their ID card). The photo, "use these values" and "check again"
are buttons of the page's own form, so every typed value stays and nothing is saved: the page is rendered
again with the proposals put into the fields, and only the page's usual "continue" saves. With htmx a panel
still being read polls ``recognition_panel`` and swaps itself in; without JavaScript "check again" does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entities.models import CertificateType, EntityNature
from filings.pages.common import applicant_page
from filings.pages.divisions import split_address
from materials.pipeline import MAX_FILE_BYTES
from materials.recognition.models import CertificateRecognition, RecognitionPurpose, RecognitionStatus
from materials.recognition.services import latest_recognitions

KIND_LABELS = {
    "business_licence": gettext_lazy("Business licence (营业执照)"),
    "organisation_certificate": gettext_lazy("Organisation certificate"),
    "id_card_front": gettext_lazy("Resident ID card, front (居民身份证)"),
}
# The fields' own labels (the forms' words, so the panel names what the applicant sees below it).
ENTITY_NAME_LABEL = gettext_lazy("Name of the entity")
FIELD_LABELS = {
    "nature": gettext_lazy("Who is filing"),
    "certificate_type": gettext_lazy("Certificate type"),
    "certificate_number": gettext_lazy("Certificate number"),
    "name": gettext_lazy("Name"),
    "certificate_address": gettext_lazy("Address on the certificate (证件住所)"),
    "certificate_valid_until": gettext_lazy("Certificate valid until"),
}
# Which proposal fills which form field, for each slot and kind read: (form field, proposal field).
START_FIELDS = {
    "business_licence": (("certificate_number", "credit_code"),),
    "organisation_certificate": (("certificate_number", "number"),),
    "id_card_front": (("certificate_number", "number"),),
}
# What the kind says without a field of its own: (nature, certificate type); an organisation certificate
# does not say which kind of organisation, so the nature is left to the applicant.
START_CHOICES = {
    "business_licence": (EntityNature.ENTERPRISE, CertificateType.BUSINESS_LICENCE),
    "organisation_certificate": ("", CertificateType.REGISTRATION_CERTIFICATE),
    "id_card_front": (EntityNature.INDIVIDUAL, CertificateType.RESIDENT_ID),
}
ENTITY_FIELDS = {
    "business_licence": (
        ("name", "name"),
        ("certificate_address", "address"),
        ("certificate_valid_until", "valid_until"),
    ),
    "organisation_certificate": (("name", "name"),),
    "id_card_front": (("name", "name"), ("certificate_address", "address")),
}
PERSON_FIELDS = {"id_card_front": (("name", "name"), ("certificate_number", "number"))}


@dataclass(frozen=True)
class Proposed:
    """One proposal as a field takes it: the POST values to set, what is shown, the confidence in percent."""

    name: str  # the form field (without the prefix)
    label: str
    shown: str
    confidence: int
    values: dict[str, str]  # prefixed input name → value (an address has four inputs)


@dataclass
class Panel:
    slot: str
    recognition: CertificateRecognition | None
    proposals: list[Proposed] = field(default_factory=list)
    offers_upload: bool = True
    step: int = 3
    photo_error: str = ""

    @property
    def status(self) -> str:
        if self.recognition is None:
            return ""
        if self.recognition.status == RecognitionStatus.RECOGNISED and not self.proposals:
            return RecognitionStatus.NOTHING  # read, but nothing this form takes
        return self.recognition.status

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.recognition.kind, "")) if self.recognition else ""

    @property
    def photo_input(self) -> str:
        return f"{self.slot}-photo"

    def proposal_of(self, name: str) -> Proposed | None:
        return next((item for item in self.proposals if item.name == name), None)


def panel_for(slot: str, recognition: CertificateRecognition | None, *, step: int = 3, **extra: Any) -> Panel:
    panel = Panel(slot=slot, recognition=recognition, step=step, **extra)
    if recognition is None or recognition.status != RecognitionStatus.RECOGNISED:
        return panel
    values = recognition.proposal_values()
    kind = recognition.kind
    if step == 1:
        mapping = START_FIELDS.get(kind, ())
    elif slot == "entity":
        mapping = ENTITY_FIELDS.get(kind, ())
    else:
        mapping = PERSON_FIELDS.get(kind, ())
    confidences = [item["confidence"] for item in values.values()] or [0.0]
    if step == 1 and kind in START_CHOICES:
        nature, certificate_type = START_CHOICES[kind]
        if nature:
            panel.proposals.append(_choice(slot, "nature", nature, EntityNature, min(confidences)))
        panel.proposals.append(
            _choice(slot, "certificate_type", certificate_type, CertificateType, min(confidences))
        )
    for form_field, proposal_field in mapping:
        if proposal_field in values:
            panel.proposals.append(_proposed(slot, form_field, values[proposal_field]))
    if step == 3 and slot != "entity" and any(item.name == "certificate_number" for item in panel.proposals):
        panel.proposals.insert(
            1,
            _choice(slot, "certificate_type", CertificateType.RESIDENT_ID, CertificateType, min(confidences)),
        )
    return panel


def _choice(slot: str, name: str, value: str, choices: Any, confidence: float) -> Proposed:
    label = str(choices(value).label)
    return Proposed(name, str(FIELD_LABELS[name]), label, _percent(confidence), {f"{slot}-{name}": value})


def _proposed(slot: str, name: str, item: dict[str, Any]) -> Proposed:
    value, shown = str(item["value"]), str(item["masked"])
    key = f"{slot}-{name}"
    if name == "certificate_valid_until":
        long_term = value == "long_term"
        shown = _("Long term (长期): leave the date blank") if long_term else value
        values = {key: "" if long_term else _iso_date(value)}
    elif name == "certificate_address":
        values = {f"{key}_{index}": part for index, part in enumerate(split_address(value))}
    else:
        values = {key: value}
    label = str(ENTITY_NAME_LABEL if (slot, name) == ("entity", "name") else FIELD_LABELS[name])
    return Proposed(name, label, shown, _percent(item["confidence"]), values)


def _percent(confidence: float) -> int:
    """Rounded down, and at most 99: a reading of a photo is never certain (the parsers round their own
    figures, so an engine's 0.9996 arrives as 1.0)."""
    return min(99, int(float(confidence) * 100))


def _iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return ""


def accepted(data: Any, panel: Panel) -> Any:
    """The posted data with the panel's proposals put into their fields (a copy; nothing is saved)."""
    data = data.copy()
    for proposal in panel.proposals:
        for key, value in proposal.values.items():
            data[key] = value
    return data


def own_recognition(request: HttpRequest, code: Any) -> CertificateRecognition | None:
    """The signed-in applicant's recognition ``code`` (None for anyone else's or a malformed code)."""
    try:
        return CertificateRecognition.objects.filter(code=code, owner=request.user).first()
    except Exception:  # a tampered hidden field: a malformed UUID reads as no recognition
        return None


def uploaded_photo(request: HttpRequest, slot: str) -> tuple[bytes, str] | None:
    upload = request.FILES.get(f"{slot}-photo")
    if upload is None:
        return None
    return upload.read(MAX_FILE_BYTES + 1), upload.name or ""  # one byte over: the service refuses it


def information_panels(filing: Any) -> dict[str, Panel]:
    """Step 3's panels: the entity (from step 1's photo), its person in charge, each website's own one."""
    photos = latest_recognitions(filing)  # one query, whatever the number of websites
    entity_photo = photos.get((RecognitionPurpose.ENTITY_CERTIFICATE, None))
    panels = {"entity": panel_for("entity", entity_photo, offers_upload=False)}
    if filing.entity.is_individual:  # their ID at step 1 is also the person in charge's
        panels["entity-head"] = panel_for("entity-head", entity_photo, offers_upload=False)
    else:
        head_photo = photos.get((RecognitionPurpose.ENTITY_HEAD_ID, None))
        panels["entity-head"] = panel_for("entity-head", head_photo)
    website_ids = filing.filing_websites.order_by("position").values_list("website_id", flat=True)
    for index, website_id in enumerate(website_ids):
        slot = f"websites-{index}-head"
        panels[slot] = panel_for(slot, photos.get((RecognitionPurpose.WEBSITE_HEAD_ID, website_id)))
    return panels


@applicant_page
def recognition_panel(request: HttpRequest, code: Any) -> HttpResponse:
    """htmx: one panel again, while its photo is being read (the page's form holds its buttons)."""
    recognition = own_recognition(request, code)
    slot = request.GET.get("slot", "")
    step = 1 if request.GET.get("step") == "1" else 3
    if recognition is None or not (slot == "entity" or (slot.endswith("head") and step == 3)):
        raise Http404
    panel = panel_for(slot, recognition, step=step, offers_upload=False)
    return render(request, "filings/recognition/_panel.html", {"panel": panel})


urlpatterns = [
    path("recognitions/<uuid:code>/panel/", recognition_panel, name="filing-recognition-panel"),
]

"""Step 4 as the pages show it: the checklist's rows (what ``materials.requirements`` decides is required, in
the applicant's words), their upload forms, the face checks, and the open reasons of a returned filing beside
the row they name.

Nothing here decides what is required or whether an upload is good: ``materials_checklist`` and
``face_checklist`` say what is needed, the services and the processing job judge the uploads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.errors import ApplicationError
from common.forms import in_active_language
from common.widget_rendering import PortalForm
from filings.models import Filing
from filings.pages.common import Reason
from materials.models import DATED_KINDS, DOCUMENT_KINDS, ON_REQUEST_KINDS, Material, MaterialKind
from materials.requirements import ChecklistItem, FaceItem, face_checklist, materials_checklist

PHOTO_TYPES = "image/jpeg,image/png,.jpg,.jpeg,.png"
DOCUMENT_TYPES = PHOTO_TYPES + ",application/pdf,.pdf"


def anchor_of(field_path: str) -> str:
    """The element id of what a field path names (``materials.verification_form.0`` →
    ``id_materials-verification_form-0``): ``Reason.anchor``'s and ``progress.page_of_field``'s convention."""
    return "id_" + field_path.replace(".", "-")


def in_english() -> bool:
    return (get_language() or "").startswith("en")


class UploadForm(PortalForm):
    """One checklist row's upload: the file, and the date on the document where the material is dated."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("A colour photo or scan (JPEG or PNG), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_TYPES}),
    )
    document_date = forms.DateField(
        label=_("Date on the document"),
        help_text=_("As written on the document, for example 2026-03-27."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind in DOCUMENT_KINDS:
            self.fields["file"].widget.attrs["accept"] = DOCUMENT_TYPES
            self.fields["file"].help_text = _("A PDF, or a colour photo or scan (JPEG or PNG), at most 5 MB.")
        if kind not in DATED_KINDS:
            del self.fields["document_date"]
        else:
            self.fields["document_date"].required = True

    def place(self, error: ApplicationError) -> None:
        """A refusal of this upload beside the field it concerns: the date or, for anything else, the file."""
        placed = False
        for path, messages in error.fields.items():
            name = (
                "document_date"
                if path.endswith("document_date") and "document_date" in self.fields
                else "file"
            )
            for text in messages:
                if text:
                    self.add_error(name, in_active_language(text))
                    placed = True
        if not placed:
            self.add_error("file", in_active_language(error.message))


class OnRequestForm(PortalForm):
    """A returned filing's material that no checklist row holds: what a reviewer asked for (a domain
    certificate, another auxiliary paper). Whether it is taken is the upload service's rule."""

    ANCHOR = "id_materials-on_request"
    kind = forms.ChoiceField(label=_("Which material"))
    website = forms.ChoiceField(
        label=_("Website"),
        required=False,
        help_text=_("For a domain certificate: the website whose domain it is."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, or a colour photo or scan (JPEG or PNG), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
    )

    def __init__(self, *args: Any, filing: Filing, **kwargs: Any) -> None:
        super().__init__(*args, prefix="upload-on_request", **kwargs)
        half = 1 if in_english() else 0
        self.fields["kind"].choices = [
            (kind, MaterialKind(kind).label.split(" / ")[half]) for kind in sorted(ON_REQUEST_KINDS)
        ]
        items = filing.filing_websites.select_related("website__domain").order_by("position")
        self.websites = {str(item.website.code): item.website for item in items}
        self.fields["website"].choices = [("", _("None: it concerns the whole filing"))] + [
            (code, website.domain.name) for code, website in self.websites.items()
        ]

    def place(self, error: ApplicationError) -> None:
        name = (
            "website" if error.code in ("material_website_required", "material_website_unknown") else "file"
        )
        texts = [text for items in error.fields.values() for text in items if text] or [error.message]
        for text in texts:
            self.add_error(name, in_active_language(text))


class SelfieForm(PortalForm):
    selfie = forms.FileField(
        label=_("Your selfie"),
        help_text=_(
            "The person in charge takes a photo of their face now, in good light (JPEG or PNG). It goes to the "
            "face verification service only and is not kept."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_TYPES, "capture": "user"}),
    )


@dataclass
class Row:
    """One checklist row: a required material, its latest upload, its form and the reviewer's reasons."""

    item: ChecklistItem
    website_name: str
    form: UploadForm | None = None
    reasons: list[str] = field(default_factory=list)
    # The upload's links, set by the page (``materials_render.link_rows``: one reverse for all the rows).
    file_url: str = ""
    thumbnail_url: str = ""

    @property
    def field(self) -> str:
        return self.item.requirement.field

    @property
    def anchor(self) -> str:
        return anchor_of(self.field)

    @property
    def prefix(self) -> str:
        return "upload-" + self.field.removeprefix("materials.").replace(".", "-")

    @property
    def label(self) -> str:
        requirement = self.item.requirement
        return requirement.label_en if in_english() else requirement.label_zh

    @property
    def why(self) -> str:
        return in_active_language(self.item.requirement.why)

    @property
    def status(self) -> str:
        return self.item.status

    @property
    def material(self) -> Material | None:
        return self.item.material

    @property
    def is_verification_form(self) -> bool:
        return self.item.requirement.kind == "verification_form"

    @property
    def refusal(self) -> str:
        return in_active_language(self.material.rejection_message) if self.material else ""

    @property
    def advisories(self) -> list[str]:
        findings = self.material.findings if self.material and self.status == "accepted" else []
        return [
            in_active_language(str(item.get("message", ""))) for item in findings if isinstance(item, dict)
        ]


@dataclass
class FaceRow:
    item: FaceItem
    form: SelfieForm | None = None
    error: str = ""
    reasons: list[str] = field(default_factory=list)

    @property
    def field(self) -> str:
        return f"materials.face.{self.item.person.code}"

    @property
    def anchor(self) -> str:
        return anchor_of(self.field)

    @property
    def person(self) -> Any:
        return self.item.person

    @property
    def stage(self) -> str:
        """missing, selfie (started: the selfie is awaited), checking, passed or failed."""
        verification = self.item.verification
        if verification is None:
            return "missing"
        if verification.status == "pending":
            return "checking" if verification.selfie_submitted_at else "selfie"
        return verification.status

    @property
    def reason(self) -> str:
        return in_active_language(self.item.verification.reason) if self.item.verification else ""


def website_names(filing: Filing) -> dict[int, str]:
    return {
        item.website_id: item.website.domain.name
        for item in filing.filing_websites.select_related("website__domain")
    }


def reasons_for(path: str, reasons: dict[str, list[Reason]]) -> list[str]:
    """The open reasons naming this path or a part above it (``materials.verification_form`` names every
    website's form), but not the whole ``materials`` (shown once above the checklist)."""
    found = []
    for named, items in reasons.items():
        if named != "materials" and (path == named or path.startswith(named + ".")):
            found.extend(reason.message for reason in items)
    return found


def checklist_rows(
    filing: Filing,
    *,
    editable: bool,
    reasons: dict[str, list[Reason]],
    names: dict[int, str] | None = None,
) -> list[Row]:
    """``names``: each website's domain name by website id, when the caller has read them already."""
    names = website_names(filing) if names is None else names
    rows = []
    for item in materials_checklist(filing):
        website = item.requirement.website
        row = Row(item=item, website_name=names.get(website.pk, "") if website else "")
        row.reasons = reasons_for(row.field, reasons)
        if editable:
            row.form = UploadForm(prefix=row.prefix, kind=item.requirement.kind)
        rows.append(row)
    return rows


def face_rows(filing: Filing, *, editable: bool, reasons: dict[str, list[Reason]]) -> list[FaceRow]:
    rows = []
    for item in face_checklist(filing):
        row = FaceRow(item=item)
        row.reasons = reasons_for(row.field, reasons)
        if editable and row.stage == "selfie":
            row.form = SelfieForm(prefix=f"face-{item.person.code}")
        rows.append(row)
    return rows


def row_of(rows: list[Row], material: Material) -> Row | None:
    """The checklist row a material belongs to (its kind, website and category)."""
    key = (material.kind, material.website_id, material.category)
    return next((row for row in rows if row.item.requirement.key == key), None)

"""The words for a filing's field paths on the review screen: the diff's rows, the findings' fields, and the
paths a rejection reason can name (the select beside each reason, defaulting from the catalogue's
``applies_to``). Paths are those of ``filings/snapshots.py`` and ``materials.requirements``, the same ones the
applicant's pages point at (``filings.pages.progress.page_of_field``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from filings.pages.materials_forms import in_english
from filings.snapshots import WHOLE_FILING
from filings.states import FilingState

ENTITY_WORDS: dict[str, Promise] = {
    "nature": gettext_lazy("Who is filing"),
    "name": gettext_lazy("Name of the entity"),
    "certificate_type": gettext_lazy("Certificate type"),
    "certificate_number": gettext_lazy("Certificate number"),
    "certificate_valid_until": gettext_lazy("Certificate valid until"),
    "certificate_address": gettext_lazy("Address on the certificate"),
    "mailing_address": gettext_lazy("Mailing address"),
    "region": gettext_lazy("Region"),
    "head": gettext_lazy("Person in charge (all details)"),
}
PERSON_WORDS: dict[str, Promise] = {
    "name": gettext_lazy("Name"),
    "certificate_type": gettext_lazy("Identity document"),
    "certificate_number": gettext_lazy("Identity number"),
    "certificate_valid_until": gettext_lazy("Identity document valid until"),
    "mobile": gettext_lazy("Mobile"),
    "emergency_phone": gettext_lazy("Emergency phone"),
    "email": gettext_lazy("Email"),
    "is_legal_representative": gettext_lazy("Legal representative"),
}
WEBSITE_WORDS: dict[str, Promise] = {
    "domain": gettext_lazy("Domain"),
    "name": gettext_lazy("Website name"),
    "homepage_url": gettext_lazy("Homepage"),
    "content_type": gettext_lazy("Content type"),
    "languages": gettext_lazy("Languages"),
    "pre_approvals": gettext_lazy("Pre-approvals"),
    "service_number": gettext_lazy("Service number"),
    "head": gettext_lazy("Person in charge (all details)"),
}
# The person fields a reason usually names (the whole person is one more choice).
PERSON_CHOICES = ("name", "certificate_number", "certificate_valid_until", "mobile", "email")
WEBSITE_CHOICES = ("domain", "name", "homepage_url", "content_type", "pre_approvals", "service_number")
ENTITY_CHOICES = (
    "name",
    "certificate_number",
    "certificate_valid_until",
    "certificate_address",
    "mailing_address",
    "region",
)


@dataclass(frozen=True)
class PathWords:
    """What the screen knows to name paths with: the websites' domains (by position), the materials'
    labels (``materials.<kind>…`` → label) and the people verified by face (person code → name)."""

    domains: list[str]
    materials: dict[str, str]
    faces: dict[str, str]
    own_heads: frozenset[int]  # positions of websites whose person in charge is not the entity's

    def label(self, path: str) -> str:
        """``websites.1.head.mobile`` → "example.cn · Person in charge · Mobile"."""
        parts = path.split(".")
        if path == WHOLE_FILING:
            return _("The whole filing")
        if path == "filing.filing_type":
            return _("Filing type")
        if parts[0] == "entity":
            if len(parts) == 1:
                return _("The entity")
            if parts[1] == "head" and len(parts) > 2:
                return f"{_('Person in charge')} · {PERSON_WORDS.get(parts[2], parts[2])}"
            return str(ENTITY_WORDS.get(parts[1], parts[1]))
        if parts[0] == "websites" and len(parts) > 2 and parts[1].isdigit():
            index = int(parts[1])
            site = self.domains[index] if index < len(self.domains) else _("Website %(n)d") % {"n": index + 1}
            if parts[2] == "head" and len(parts) > 3:
                return f"{site} · {_('Person in charge')} · {PERSON_WORDS.get(parts[3], parts[3])}"
            return f"{site} · {WEBSITE_WORDS.get(parts[2], parts[2])}"
        if parts[0] == "materials":
            return self._material_label(path, parts)
        return path

    def _material_label(self, path: str, parts: list[str]) -> str:
        if len(parts) == 1:
            return _("All materials")
        if parts[1] == "mailed":
            return _("Mailed paper materials")
        if parts[1] == "face":
            if len(parts) > 2 and parts[2] in self.faces:
                return _("Face verification of %(name)s") % {"name": self.faces[parts[2]]}
            return _("Face verification")
        if path in self.materials:
            return self.materials[path]
        under = [label for key, label in self.materials.items() if key.startswith(path + ".")]
        return under[0] if len(under) == 1 else path.removeprefix("materials.")

    # --- What a reason can name ------------------------------------------------------------------------
    def choices(self, *, state: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """The paths a rejection reason may name, grouped for a select's optgroups."""
        groups: list[tuple[str, list[tuple[str, str]]]] = [
            (
                _("The filing"),
                [(WHOLE_FILING, self.label(WHOLE_FILING)), ("filing.filing_type", _("Filing type"))],
            )
        ]
        entity = [("entity", self.label("entity"))]
        entity += [(f"entity.{name}", self.label(f"entity.{name}")) for name in ENTITY_CHOICES]
        entity += [("entity.head", _("Person in charge (all details)"))]
        entity += [(f"entity.head.{name}", self.label(f"entity.head.{name}")) for name in PERSON_CHOICES]
        groups.append((_("The entity"), entity))
        for index, domain in enumerate(self.domains):
            rows = [
                (f"websites.{index}.{name}", self.label(f"websites.{index}.{name}"))
                for name in WEBSITE_CHOICES
            ]
            if index in self.own_heads:
                rows += [
                    (f"websites.{index}.head.{name}", self.label(f"websites.{index}.head.{name}"))
                    for name in PERSON_CHOICES
                ]
            groups.append((domain, rows))
        materials = [("materials", _("All materials"))]
        materials += [(path, label) for path, label in self.materials.items()]
        materials += [(f"materials.face.{code}", self.label(f"materials.face.{code}")) for code in self.faces]
        if state == FilingState.MAILING:
            materials.append(("materials.mailed", _("Mailed paper materials")))
        groups.append((_("Materials"), materials))
        return groups


def concrete_path(applies_to: str, offered: list[str]) -> str:
    """The catalogue's ``applies_to`` (``website.domain``, ``materials.verification_form``, ``entity.head``)
    as one of the offered paths: itself, the first website's field, the first path under it, else the whole
    filing."""
    applies_to = (applies_to or "").strip()
    candidates = [applies_to]
    if applies_to.startswith("website."):
        rest = applies_to.removeprefix("website.")
        candidates = [f"websites.0.{rest}"]
        if rest.startswith("head."):  # the first website's own person, else the entity's (the same person)
            candidates.append(f"entity.{rest}")
    for candidate in candidates:
        if candidate in offered:
            return candidate
    for candidate in candidates:
        under = next((path for path in offered if path.startswith(candidate + ".")), None)
        if under:
            return under
    return WHOLE_FILING


def path_words(filing: Any, websites: list[Any], checklist: list[Any], faces: list[Any]) -> PathWords:
    """From what the screen loaded already (no query)."""
    en = in_english()
    materials: dict[str, str] = {}
    for item in checklist:
        requirement = item.requirement
        label = requirement.label_en if en else requirement.label_zh
        if requirement.website_index is not None and requirement.website_index < len(websites):
            label = f"{label} · {websites[requirement.website_index].website.domain.name}"
        materials[requirement.field] = label
    return PathWords(
        domains=[item.website.domain.name for item in websites],
        materials=materials,
        faces={str(face.person.code): face.person.name for face in faces},
        own_heads=frozenset(
            index
            for index, item in enumerate(websites)
            if item.website.head_id and item.website.head_id != filing.entity.head_id
        ),
    )

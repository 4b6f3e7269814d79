"""What a reviewer saw: the filing's data flattened to field paths, kept once per review round.

A rejection's reasons name field paths (``entity.mailing_address``, ``websites.0.name``,
``materials.id_front``); ``resubmit`` asks whether each named path changed since the round that was rejected
(process.md: "every field or material named by a reason was changed, or the applicant explains why not"). The
same snapshots are what the review workspace's "changed since the last round" reads.

The functions here only read the filing; ``filings/models.py`` holds the snapshot model and the condition.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from filings.models import Filing

ENTITY_FIELDS = ("nature", "name", "certificate_type", "certificate_address", "mailing_address")
PERSON_FIELDS = ("name", "certificate_type", "mobile", "emergency_phone", "email", "is_legal_representative")
WEBSITE_FIELDS = ("name", "homepage_url", "content_type", "languages", "pre_approvals")
# A reason tied to the whole filing (MIIT's reasons, an SMS failure) names no field to compare.
WHOLE_FILING = "filing"
# The catalogue's ``applies_to`` names a website's field without its index: it concerns every website's.
_ANY_WEBSITE = re.compile(r"^website\.(?P<rest>.+)$")


def filing_snapshot(filing: Filing) -> dict[str, Any]:
    """Every field path a reason can name, with a comparable value: the filing's data as stored now.

    Certificate numbers appear as their keyed hash (never in clear); dates as ISO text; a material as the id
    of its latest accepted upload, and a person's face verification as the id of the latest one passed.
    """
    data: dict[str, Any] = {
        "filing.filing_type": filing.filing_type,
        "entity.region": filing.region.code,
    }
    entity = filing.entity
    data.update(_holder("entity", entity))
    data.update({f"entity.{field}": _plain(getattr(entity, field)) for field in ENTITY_FIELDS})
    data.update(_person("entity.head", entity.head))
    items = list(
        filing.filing_websites.select_related("website__head", "website__domain", "service_number").order_by(
            "position"
        )
    )
    index_of_website = {}
    for index, item in enumerate(items):
        website, prefix = item.website, f"websites.{index}"
        index_of_website[website.pk] = index
        data[f"{prefix}.domain"] = getattr(getattr(website, "domain", None), "ascii_name", "")
        data[f"{prefix}.service_number"] = item.service_number.code if item.service_number else ""
        data.update({f"{prefix}.{field}": _plain(getattr(website, field)) for field in WEBSITE_FIELDS})
        data.update(_person(f"{prefix}.head", website.head))
    for material in filing.materials.filter(status="accepted").order_by("created_at", "id"):
        parts = ["materials", material.kind]
        if material.website_id is not None:
            parts.append(str(index_of_website.get(material.website_id, material.website_id)))
        if material.category:
            parts.append(material.category)
        data[".".join(parts)] = material.pk  # the latest accepted upload wins
    for verification in filing.face_verifications.filter(status="passed").order_by("created_at", "id"):
        data[f"materials.face.{verification.person.code}"] = verification.pk
    return data


def unchanged_paths(named: str, *, before: dict[str, Any], now: dict[str, Any]) -> list[str] | None:
    """Whether what ``named`` points at is the same in ``before`` and ``now``.

    ``named`` covers its own path and every path under it (``entity.head`` covers the person's mobile,
    ``materials`` every material); ``website.name`` covers each website's name. Returns ``None`` when the path
    names nothing comparable (the whole filing, an unknown path), ``[]`` when something it covers changed (a
    material counts as changed when a newer upload was accepted), else the paths that stayed the same.
    """
    named = named.strip()
    if not named or named == WHOLE_FILING:
        return None
    pattern = _ANY_WEBSITE.match(named)
    if pattern:
        covers = re.compile(rf"^websites\.\d+\.{re.escape(pattern['rest'])}(\..+)?$")
    else:
        covers = re.compile(rf"^{re.escape(named)}(\..+)?$")
    keys = sorted(key for key in before.keys() | now.keys() if covers.match(key))
    if not keys:
        return None
    if any(before.get(key) != now.get(key) for key in keys):
        return []
    return keys


def _holder(prefix: str, holder: Any) -> dict[str, Any]:
    return {
        f"{prefix}.certificate_number": holder.certificate_number_hash,
        f"{prefix}.certificate_valid_until": _plain(holder.certificate_valid_until),
    }


def _person(prefix: str, person: Any) -> dict[str, Any]:
    if person is None:
        return {f"{prefix}.name": ""}
    data = {f"{prefix}.{field}": _plain(getattr(person, field)) for field in PERSON_FIELDS}
    data.update(_holder(prefix, person))
    return data


def _plain(value: Any) -> Any:
    """A JSON-safe value that compares equal after a round trip through the database."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value

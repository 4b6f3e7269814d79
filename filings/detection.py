"""Filing-type detection: the table of ``process.md``, applied to what the MIIT registry answered.

The entity is identified by certificate type and number, never by name. Each domain yields a type or an
error; a filing must yield one type for all its domains.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from common.errors import ApplicationError
from entities.models import Region
from filings.states import FilingType
from gateways.miit import RegistryAnswer

CERTIFICATE_FIELD = "entity.certificate_number"


@dataclass(frozen=True)
class Detection:
    filing_type: FilingType
    # Websites the entity already holds at MIIT: the mailing threshold counts them with the new ones.
    registry_domain_count: int
    entity_number: str  # the entity's ICP number when MIIT already knows the entity


def detect_filing_type(
    *,
    answer: RegistryAnswer,
    domains: list[str],
    provider_code: str,
    region: Region,
    open_filing_here: bool,
) -> Detection:
    """Decide the filing type, or raise ``ApplicationError`` with the code of the refusal.

    1. A domain filed under another entity is a conflict.
    2. One open order per entity: an open filing here, or an order under MIIT review anywhere.
    3. Each domain yields a type from the entity's presence and its websites' access providers.
    4. All domains must yield the same type (file the access first, then the new websites).
    """
    for index, domain in enumerate(domains):
        record = answer.domains.get(domain)
        if record is not None and not record.owned_by_entity:
            message = _(
                "The domain %(domain)s is filed under another entity; that filing must be cancelled first."
            )
            _refuse("domain_conflict", message % {"domain": domain}, f"websites.{index}.domain")

    if open_filing_here or answer.open_order:
        _refuse(
            "open_order_exists",
            _("This entity already has a filing in progress; one open order per entity."),
            CERTIFICATE_FIELD,
        )

    if answer.entity is None:
        return Detection(FilingType.INITIAL, registry_domain_count=0, entity_number="")

    entity = answer.entity
    types: dict[FilingType, int] = {}
    for index, domain in enumerate(domains):
        record = answer.domains.get(domain)
        if record is not None:  # filed under this entity (conflicts were refused above)
            if provider_code in record.access_providers:
                message = _("The domain %(domain)s is already filed here; what it needs is a change filing.")
                _refuse("already_filed_here", message % {"domain": domain}, f"websites.{index}.domain")
            types.setdefault(FilingType.NEW_ACCESS, index)
        elif any(provider_code in website.access_providers for website in entity.websites):
            types.setdefault(FilingType.NEW_WEBSITE_ENTITY_HERE, index)
        elif any(website.access_providers for website in entity.websites):
            types.setdefault(FilingType.NEW_WEBSITE_ENTITY_ELSEWHERE, index)
        else:
            if region.empty_entity_must_cancel:
                _refuse(
                    "empty_entity_must_cancel",
                    _(
                        "This entity has no website with access anywhere; in this region it must be cancelled first."
                    ),
                    CERTIFICATE_FIELD,
                )
            types.setdefault(FilingType.NEW_WEBSITE_ENTITY_AT_MIIT, index)

    if len(types) > 1:
        second_index = sorted(types.values())[1]
        _refuse(
            "mixed_filing_types",
            _("New access and new websites cannot be filed together: file the access first."),
            f"websites.{second_index}.domain",
        )
    (filing_type,) = types
    return Detection(filing_type, registry_domain_count=len(entity.websites), entity_number=entity.icp_number)


def _refuse(code: str, message: str, field: str) -> None:
    raise ApplicationError(message, code=code, fields={field: [message]})

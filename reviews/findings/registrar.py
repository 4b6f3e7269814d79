"""Registrar facts of each domain, asked again now: the holder is the entity (name and certificate number),
real-name verification done at least 3 working days ago, and the expiry at least the region's
``domain_min_months`` away.

The rule is ``entities.rules.domains.check_registrar_facts`` through ``filings.validation.registrar_problems``
(the registrar gateway). Severity: **blocking** — MIIT checks the same facts with the registries and rejects a
mismatch. They fire when the registrar's record changed since submit (transferred, lapsed, verification
withdrawn).
"""

from __future__ import annotations

from filings.validation import registrar_problems
from reviews.findings.base import Context, Found, from_problem

GROUP = "registrar"


def registrar_findings(context: Context) -> list[Found]:
    filing = context.filing
    entity = filing.entity
    if not entity.name:
        return []
    items = list(filing.filing_websites.select_related("website__domain").order_by("position"))
    domains = [item.website.domain for item in items]
    return [
        from_problem(item, group=GROUP, domain=_domain_of(item.field, domains))
        for item in registrar_problems(entity=entity, domains=domains)
    ]


def _domain_of(field: str, domains: list) -> str:
    parts = field.split(".")
    if len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(domains):
        return domains[int(parts[1])].name
    return ""

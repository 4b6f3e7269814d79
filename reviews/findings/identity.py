"""Certificates: number format and checksum, and the consistency of the number with the birth date (minimum
age), the region (province of registration, residency) and the entity's nature; validity left; an
individual is their own person in charge.

The rules are ``entities.rules.identity``, run again by ``filings.validation.filing_problems`` on what is
stored. Severity: **blocking** — MIIT rejects a number that fails its checksum or does not fit the region,
nature or age. On a filing that passed submit these fire when something changed since (a region's minimum
age or residency rule edited by an operator, a certificate that expired, data changed outside the wizard).
"""

from __future__ import annotations

from common.problems import Problem
from reviews.findings.base import Context, Found, from_problem, leaf

GROUP = "identity"
FIELDS = frozenset({"certificate_type", "certificate_number", "certificate_valid_until"})


def claims(item: Problem) -> bool:
    return leaf(item.field) in FIELDS


def certificate_findings(context: Context) -> list[Found]:
    return [from_problem(item, group=GROUP) for item in context.problems_where(claims)]

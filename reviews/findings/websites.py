"""Names and words: the entity's name and addresses, each website's name (the region's name forms for
individuals, no sensitive words, no name that looks like an organisation's for an individual), content type,
homepage and pre-approvals; and each domain's own rules (approved TLDs, the TLDs a nature may not use, the
number of websites).

The rules are ``entities.rules.websites`` and ``entities.rules.domains`` with the operators' lists
(``SensitiveWord``, ``ApprovedTld``, ``Region``) as they are now, through ``filings.validation``. Severity:
**blocking** — MIIT rejects a sensitive word, a name outside the region's forms or a TLD it does not approve.
They fire when an operator added a sensitive word or withdrew a TLD since the filing was submitted.
"""

from __future__ import annotations

import re

from common.problems import Problem
from reviews.findings.base import Context, Found, from_problem

GROUP_NAMES, GROUP_DOMAINS = "names", "domains"
ENTITY_TEXT = frozenset({"entity.name", "entity.certificate_address", "entity.mailing_address"})
WEBSITE_FIELD = re.compile(r"^websites\.\d+\.(name|homepage_url|content_type|languages|pre_approvals)(\.|$)")
DOMAIN_FIELD = re.compile(r"^websites(\.\d+\.domain)?$")


def claims_names(item: Problem) -> bool:
    return item.field in ENTITY_TEXT or bool(WEBSITE_FIELD.match(item.field))


def claims_domains(item: Problem) -> bool:
    return bool(DOMAIN_FIELD.match(item.field))


def name_findings(context: Context) -> list[Found]:
    return [from_problem(item, group=GROUP_NAMES) for item in context.problems_where(claims_names)]


def domain_rule_findings(context: Context) -> list[Found]:
    return [from_problem(item, group=GROUP_DOMAINS) for item in context.problems_where(claims_domains)]

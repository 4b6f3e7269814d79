"""Every row of the type-detection table of process.md, the errors included."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError
from entities.models import Region
from filings.detection import detect_filing_type
from filings.states import FilingType
from gateways.miit import RegistryAnswer, RegistryDomain, RegistryEntity, RegistryWebsite

HERE = "ALIYUN"
ELSEWHERE = "OTHERCLOUD"


def _region(**rules) -> Region:
    return Region(code="CN-BJ", division="11", icp_prefix="京", **rules)


def _answer(*, websites=(), other_entity_domains=(), open_order=False, entity=True) -> RegistryAnswer:
    """The registry's answer for an entity holding ``websites`` ((domain, providers)) and asked about them."""
    registry_entity = (
        RegistryEntity(
            icp_number="京ICP备2020000001号",
            websites=tuple(
                RegistryWebsite(domain, f"京ICP备2020000001号-{n}", tuple(providers))
                for n, (domain, providers) in enumerate(websites, start=1)
            ),
        )
        if entity
        else None
    )
    domains = {d: RegistryDomain(d, True, tuple(p)) for d, p in websites}
    domains |= {d: RegistryDomain(d, False, (ELSEWHERE,)) for d in other_entity_domains}
    return RegistryAnswer(entity=registry_entity, open_order=open_order, domains=domains)


def _detect(answer, domains, *, region=None, open_here=False):
    return detect_filing_type(
        answer=answer,
        domains=domains,
        provider_code=HERE,
        region=region or _region(),
        open_filing_here=open_here,
    )


# (row of the table, registry answer, domains filed, expected type)
TYPE_ROWS = [
    ("E absent, D absent", _answer(entity=False), ["a.com"], FilingType.INITIAL),
    ("E absent, several domains", _answer(entity=False), ["a.com", "b.cn"], FilingType.INITIAL),
    (
        "E present, D filed under E, provider not an access provider",
        _answer(websites=[("a.com", [ELSEWHERE])]),
        ["a.com"],
        FilingType.NEW_ACCESS,
    ),
    (
        "E present, D filed under E with no access provider at all",
        _answer(websites=[("a.com", [])]),
        ["a.com"],
        FilingType.NEW_ACCESS,
    ),
    (
        "E present, D absent, E has a website with access here",
        _answer(websites=[("old.com", [HERE])]),
        ["new.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "E present, D absent, E has websites here and elsewhere",
        _answer(websites=[("old.com", [ELSEWHERE]), ("older.com", [HERE, ELSEWHERE])]),
        ["new.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "E present, D absent, E's websites only at other providers",
        _answer(websites=[("old.com", [ELSEWHERE])]),
        ["new.com"],
        FilingType.NEW_WEBSITE_ENTITY_ELSEWHERE,
    ),
    (
        "E present, D absent, E has no website with access anywhere",
        _answer(websites=[("old.com", [])]),
        ["new.com"],
        FilingType.NEW_WEBSITE_ENTITY_AT_MIIT,
    ),
    (
        "E present with no website at all",
        _answer(websites=[]),
        ["new.com"],
        FilingType.NEW_WEBSITE_ENTITY_AT_MIIT,
    ),
    (
        "two new websites for an entity filed here",
        _answer(websites=[("old.com", [HERE])]),
        ["new.com", "newer.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
]


@pytest.mark.parametrize(("row", "answer", "domains", "expected"), TYPE_ROWS, ids=[r[0] for r in TYPE_ROWS])
def test_type_rows(row, answer, domains, expected):
    assert _detect(answer, domains).filing_type == expected


# (row of the table, registry answer, domains, options, error code, field at fault)
ERROR_ROWS = [
    (
        "D filed under another entity (E absent)",
        _answer(entity=False, other_entity_domains=["taken.com"]),
        ["free.com", "taken.com"],
        {},
        "domain_conflict",
        "websites.1.domain",
    ),
    (
        "D filed under another entity (E present)",
        _answer(websites=[("old.com", [HERE])], other_entity_domains=["taken.com"]),
        ["taken.com"],
        {},
        "domain_conflict",
        "websites.0.domain",
    ),
    (
        "open filing at this provider",
        _answer(entity=False),
        ["a.com"],
        {"open_here": True},
        "open_order_exists",
        "entity.certificate_number",
    ),
    (
        "order under MIIT review anywhere",
        _answer(websites=[("old.com", [ELSEWHERE])], open_order=True),
        ["new.com"],
        {},
        "open_order_exists",
        "entity.certificate_number",
    ),
    (
        "D filed under E, this provider already gives access",
        _answer(websites=[("a.com", [HERE])]),
        ["a.com"],
        {},
        "already_filed_here",
        "websites.0.domain",
    ),
    (
        "no website with access anywhere, region says cancel first",
        _answer(websites=[("old.com", [])]),
        ["new.com"],
        {"region": _region(empty_entity_must_cancel=True)},
        "empty_entity_must_cancel",
        "entity.certificate_number",
    ),
    (
        "new access mixed with a new website",
        _answer(websites=[("a.com", [ELSEWHERE])]),
        ["a.com", "new.com"],
        {},
        "mixed_filing_types",
        "websites.1.domain",
    ),
]


@pytest.mark.parametrize(
    ("row", "answer", "domains", "options", "code", "field"), ERROR_ROWS, ids=[r[0] for r in ERROR_ROWS]
)
def test_error_rows(row, answer, domains, options, code, field):
    with pytest.raises(ApplicationError) as refused:
        _detect(answer, domains, **options)
    assert refused.value.code == code
    assert field in refused.value.fields


def test_domain_conflict_is_checked_before_the_open_order():
    answer = _answer(entity=False, other_entity_domains=["taken.com"], open_order=True)
    with pytest.raises(ApplicationError) as refused:
        _detect(answer, ["taken.com"])
    assert refused.value.code == "domain_conflict"


def test_detection_counts_the_websites_the_entity_already_holds():
    detection = _detect(_answer(websites=[("a.com", [HERE]), ("b.com", [])]), ["c.com"])
    assert detection.registry_domain_count == 2
    assert detection.entity_number == "京ICP备2020000001号"

"""One website as a whole: its name, content type, homepage and pre-approvals, every problem found."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence

from entities.models import Region
from entities.rules import Problem
from entities.rules.websites.content import check_content_type, check_homepage_url
from entities.rules.websites.names import check_website_name
from entities.rules.websites.pre_approvals import check_pre_approvals


def check_website(
    *,
    index: int,
    website: Mapping[str, object],
    nature: str,
    certificate_number: str,
    region: Region,
    today: datetime.date,
    sensitive_words: Collection[str] | None = None,
    name_forms: Mapping[str, Sequence[str]] | None = None,
    category_regions: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """Name, content type, homepage and pre-approvals of ``websites.<index>`` (a mapping with those keys).

    The domain's own rules are in ``entities.rules.domains``; the count in ``check_website_count``.
    """
    prefix = f"websites.{index}"
    domain = str(website.get("domain") or "")
    pre_approvals = website.get("pre_approvals")
    return (
        check_website_name(
            name=str(website.get("name") or ""),
            domain=domain,
            nature=nature,
            certificate_number=certificate_number,
            region=region,
            field=f"{prefix}.name",
            sensitive_words=sensitive_words,
            name_forms=name_forms,
        )
        + check_content_type(
            nature=nature, content_type=str(website.get("content_type") or ""), field=f"{prefix}.content_type"
        )
        + check_homepage_url(
            homepage_url=str(website.get("homepage_url") or ""), domain=domain, field=f"{prefix}.homepage_url"
        )
        + check_pre_approvals(
            nature=nature,
            region=region,
            choices=pre_approvals if isinstance(pre_approvals, list | tuple) else None,
            today=today,
            field=f"{prefix}.pre_approvals",
            category_regions=category_regions,
        )
    )

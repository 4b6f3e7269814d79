"""How many websites a filing holds: 1 to 10, and no more than the region's ``max_domains_per_order``."""

from __future__ import annotations

from entities.models import Region
from entities.rules import Problem, problem

MIN_WEBSITES, MAX_WEBSITES = 1, 10


def check_website_count(*, count: int, region: Region, field: str = "websites") -> list[Problem]:
    """1 to 10 websites per filing, and no more than the region's ``max_domains_per_order``."""
    if count < MIN_WEBSITES:
        return [problem(field, "websites_none", "请至少填写一个网站", "Add at least one website.")]
    if count > MAX_WEBSITES:
        return [
            problem(
                field,
                "websites_too_many",
                f"一次备案最多{MAX_WEBSITES}个网站，当前为{count}个",
                f"A filing holds at most {MAX_WEBSITES} websites; this one has {count}.",
            )
        ]
    limit = region.max_domains_per_order
    if limit is not None and count > limit:
        return [
            problem(
                field,
                "websites_over_region_limit",
                f"{region.name_zh}一次备案最多{limit}个网站（域名），当前为{count}个",
                f"{region.name_en} accepts at most {limit} websites (domains) per filing; "
                f"this one has {count}.",
            )
        ]
    return []

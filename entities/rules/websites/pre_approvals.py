"""Pre-approval (前置审批): the categories offered per region (``data``), and each chosen category's document.

An individual's website has none; a category the regions' data restricts is offered only where it lists it.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence

from entities.models import EntityNature, Region
from entities.rules import Problem, problem
from entities.rules.websites.data import load_pre_approval_regions

PRE_APPROVAL_CATEGORIES: dict[str, tuple[str, str]] = {
    "news": ("新闻", "news"),
    "publishing": ("出版", "publishing"),
    "drugs_medical": ("药品和医疗器械", "drugs and medical devices"),
    "culture": ("文化", "culture"),
    "audio_video": ("广播电影电视节目", "audio and video"),
    "education": ("教育", "education"),
    "health_care": ("医疗保健", "health care"),
    "ride_hailing": ("网络预约车", "ride-hailing"),
    "finance": ("金融", "finance"),
}


def available_pre_approval_categories(
    *, nature: str, region: Region, category_regions: Mapping[str, Collection[str]] | None = None
) -> tuple[str, ...]:
    """The categories the wizard offers: none to individuals; regional ones only where the data says so."""
    if nature == EntityNature.INDIVIDUAL:
        return ()
    restricted = load_pre_approval_regions() if category_regions is None else category_regions
    return tuple(
        category
        for category in PRE_APPROVAL_CATEGORIES
        if category not in restricted or region.code in restricted[category]
    )


def check_pre_approvals(
    *,
    nature: str,
    region: Region,
    choices: Sequence[Mapping[str, object]] | None,
    today: datetime.date,
    field: str = "websites.0.pre_approvals",
    category_regions: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """The chosen categories, each with its document (``number``, ``issuer``, ``valid_until`` > ``today``).

    ``choices`` is None while unanswered; an empty list is the explicit "none of the above".
    """
    if choices is None:
        return [
            problem(
                field,
                "pre_approval_unanswered",
                "请选择前置审批类别，或选择“以上都不涉及”",
                "Choose the pre-approval categories, or “none of the above”.",
            )
        ]
    if not choices:
        return []
    if nature == EntityNature.INDIVIDUAL:
        return [
            problem(
                field,
                "pre_approval_individual",
                "个人网站不能涉及前置审批内容",
                "An individual's website cannot have pre-approval categories.",
            )
        ]
    offered = available_pre_approval_categories(
        nature=nature, region=region, category_regions=category_regions
    )
    found: list[Problem] = []
    seen: set[str] = set()
    for index, choice in enumerate(choices):
        prefix = f"{field}.{index}"
        category = str(choice.get("category") or "")
        if category not in PRE_APPROVAL_CATEGORIES:
            found.append(
                problem(
                    f"{prefix}.category",
                    "pre_approval_unknown_category",
                    f"未知的前置审批类别“{category}”",
                    f"“{category}” is not a pre-approval category.",
                )
            )
            continue
        name_zh, name_en = PRE_APPROVAL_CATEGORIES[category]
        if category not in offered:
            found.append(
                problem(
                    f"{prefix}.category",
                    "pre_approval_not_offered",
                    f"{region.name_zh}不设“{name_zh}”前置审批类别",
                    f"The pre-approval category “{name_en}” is not offered in {region.name_en}.",
                )
            )
            continue
        if category in seen:
            found.append(
                problem(
                    f"{prefix}.category",
                    "pre_approval_duplicate",
                    f"前置审批类别“{name_zh}”重复",
                    f"The pre-approval category “{name_en}” is chosen twice.",
                )
            )
            continue
        seen.add(category)
        for key, zh, en in (("number", "审批文号", "number"), ("issuer", "审批单位", "issuer")):
            if not str(choice.get(key) or "").strip():
                found.append(
                    problem(
                        f"{prefix}.{key}",
                        f"pre_approval_{key}_required",
                        f"请填写“{name_zh}”前置审批的{zh}",
                        f"Enter the {en} of the “{name_en}” approval document.",
                    )
                )
        valid_until = _as_date(choice.get("valid_until"))
        if valid_until is None:
            found.append(
                problem(
                    f"{prefix}.valid_until",
                    "pre_approval_valid_until_required",
                    f"请填写“{name_zh}”前置审批文件的有效期",
                    f"Enter the validity date of the “{name_en}” approval document.",
                )
            )
        elif valid_until <= today:
            found.append(
                problem(
                    f"{prefix}.valid_until",
                    "pre_approval_expired",
                    f"“{name_zh}”前置审批文件有效期至{valid_until:%Y-%m-%d}，已过期",
                    f"The “{name_en}” approval document was valid until {valid_until:%Y-%m-%d}; "
                    "it has expired.",
                )
            )
    return found


def _as_date(value: object) -> datetime.date | None:
    """A stored choice keeps its date as ISO text (``Website.pre_approvals`` is JSON); a form passes a date."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None

"""Pre-approval: the categories offered per region, each chosen category's document
(``entities.rules.websites.pre_approvals``)."""

from __future__ import annotations

import pytest

from entities.rules.websites import (
    PRE_APPROVAL_CATEGORIES,
    available_pre_approval_categories,
    check_pre_approvals,
)
from tests.entities.rules_helpers import TODAY, document, found, region

# Pre-approval.

PRE = "websites.0.pre_approvals"


@pytest.mark.parametrize(
    ("nature", "region_code", "choices", "expected"),
    [
        ("enterprise", "CN-BJ", [], []),  # "none of the above"
        ("enterprise", "CN-BJ", None, [(PRE, "pre_approval_unanswered")]),
        ("individual", "CN-BJ", [], []),
        ("individual", "CN-BJ", [document("news")], [(PRE, "pre_approval_individual")]),
        ("enterprise", "CN-BJ", [document("news")], []),
        ("enterprise", "CN-BJ", [document("news"), document("finance")], []),
        ("enterprise", "CN-ZJ", [document("education")], []),
        ("enterprise", "CN-QH", [document("education")], []),
        ("enterprise", "CN-BJ", [document("education")], [(f"{PRE}.0.category", "pre_approval_not_offered")]),
        ("enterprise", "CN-HE", [document("health_care")], []),
        (
            "enterprise",
            "CN-ZJ",
            [document("health_care")],
            [(f"{PRE}.0.category", "pre_approval_not_offered")],
        ),
        ("enterprise", "CN-XZ", [document("education"), document("health_care")], []),
        (
            "enterprise",
            "CN-BJ",
            [document("gambling")],
            [(f"{PRE}.0.category", "pre_approval_unknown_category")],
        ),
        (
            "enterprise",
            "CN-BJ",
            [document("news", number="")],
            [(f"{PRE}.0.number", "pre_approval_number_required")],
        ),
        (
            "enterprise",
            "CN-BJ",
            [document("news", issuer=" ")],
            [(f"{PRE}.0.issuer", "pre_approval_issuer_required")],
        ),
        (
            "enterprise",
            "CN-BJ",
            [document("news"), document("culture", valid_until=None)],
            [(f"{PRE}.1.valid_until", "pre_approval_valid_until_required")],
        ),
        (
            "enterprise",
            "CN-BJ",
            [document("news", valid_until="2025-06-16")],
            [(f"{PRE}.0.valid_until", "pre_approval_expired")],
        ),
        ("enterprise", "CN-BJ", [document("news", valid_until="2025-06-17")], []),
        (
            "enterprise",
            "CN-BJ",
            [document("news"), document("news")],
            [(f"{PRE}.1.category", "pre_approval_duplicate")],
        ),
    ],
)
def test_pre_approvals(nature, region_code, choices, expected):
    problems = check_pre_approvals(nature=nature, region=region(region_code), choices=choices, today=TODAY)
    assert found(problems) == expected


@pytest.mark.parametrize(
    ("nature", "region_code", "count", "has_education", "has_health_care"),
    [
        ("individual", "CN-XZ", 0, False, False),
        ("enterprise", "CN-BJ", 7, False, False),
        ("enterprise", "CN-ZJ", 8, True, False),
        ("enterprise", "CN-HE", 8, False, True),
        ("enterprise", "CN-XZ", 9, True, True),
    ],
)
def test_available_pre_approval_categories(nature, region_code, count, has_education, has_health_care):
    offered = available_pre_approval_categories(nature=nature, region=region(region_code))
    assert len(offered) == count
    assert ("education" in offered) is has_education
    assert ("health_care" in offered) is has_health_care
    assert set(offered) <= set(PRE_APPROVAL_CATEGORIES)


def test_pre_approval_regions_are_data():
    data = {"education": {"CN-BJ"}}
    offered = available_pre_approval_categories(
        nature="enterprise", region=region("CN-BJ"), category_regions=data
    )
    assert "education" in offered and "health_care" in offered

"""Websites per filing (``entities.rules.websites.count``)."""

from __future__ import annotations

import pytest

from entities.rules.websites import check_website_count
from tests.entities.rules_helpers import found, region

# Website count: 1 to 10, and the region's max_domains_per_order (Shanxi 3, Henan 5, Hubei 1).


@pytest.mark.parametrize(
    ("count", "region_code", "expected"),
    [
        (1, "CN-BJ", []),
        (10, "CN-BJ", []),
        (0, "CN-BJ", [("websites", "websites_none")]),
        (11, "CN-BJ", [("websites", "websites_too_many")]),
        (3, "CN-SX", []),
        (4, "CN-SX", [("websites", "websites_over_region_limit")]),
        (5, "CN-HA", []),
        (6, "CN-HA", [("websites", "websites_over_region_limit")]),
        (1, "CN-HB", []),
        (2, "CN-HB", [("websites", "websites_over_region_limit")]),
    ],
)
def test_website_count(count, region_code, expected):
    assert found(check_website_count(count=count, region=region(region_code))) == expected

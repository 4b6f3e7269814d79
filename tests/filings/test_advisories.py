"""Advisories: what the full check tells the reviewer without refusing the filing."""

from __future__ import annotations

import pytest

from filings import services

pytestmark = pytest.mark.django_db
UNPLACED_MOBILE = "19912345678"  # the geocoder knows no province for 199


def test_a_mobile_of_unknown_home_passes_where_local_is_required_and_is_recorded_for_the_reviewer(
    build, alice
):
    filing = build.to(build.start(region="CN-BJ"), "information")
    assert filing.region.local_phone_required
    info = build.information(filing)
    info["entity_head"]["mobile"] = UNPLACED_MOBILE
    services.filing_save_information(filing=filing, by=alice, **info)
    filing = services.filing_enter_information(filing=filing, by=alice)
    assert filing.state == "materials"
    assert [(item["field"], item["code"]) for item in filing.advisories] == [
        ("entity.head.mobile", "mobile_home_unknown")
    ]


def test_a_placed_local_mobile_leaves_no_advisory(build):
    filing = build.to(build.start(region="CN-BJ"), "provider_review")
    assert filing.advisories == []

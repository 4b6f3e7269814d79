"""quality.md P1: the API's lists and details cost the same number of SQL queries with 1 or 20 filings and
with 1 or 5 websites per filing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews import services as review_services

pytestmark = pytest.mark.django_db
DOMAINS_5 = [f"site{i}.com" for i in range(5)]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


def test_filing_list_does_not_grow_with_filings_or_websites(api, alice, bob, build):
    client = api(alice)
    build.start()
    one = _queries(client, "/api/v1/filings/")
    for _ in range(19):
        build.start(domains=DOMAINS_5[:1])
    twenty = _queries(client, "/api/v1/filings/")
    for index in range(20):
        build.start(applicant=bob, domains=[f"b{index}-{d}" for d in DOMAINS_5])
    five_websites = _queries(api(bob), "/api/v1/filings/")
    assert one == twenty == five_websites


@pytest.mark.parametrize("state", ["instance_verification", "materials", "provider_review"])
def test_filing_detail_does_not_grow_with_websites(api, alice, drive, build, state):
    client = api(alice)
    small = drive(build.start(), state)
    large = drive(build.start(domains=[f"{state.replace('_', '-')}-{d}" for d in DOMAINS_5]), state)
    assert _queries(client, f"/api/v1/filings/{small.code}/") == _queries(
        client, f"/api/v1/filings/{large.code}/"
    )


def test_detail_for_the_holding_specialist_does_not_grow_with_websites(api, sam, drive, build):
    small = drive(build.start(), "provider_review")
    large = drive(build.start(domains=DOMAINS_5), "provider_review")
    for filing in (small, large):
        review_services.review_claim(filing=filing, by=sam)
    client = api(sam)
    assert _queries(client, f"/api/v1/filings/{small.code}/") == _queries(
        client, f"/api/v1/filings/{large.code}/"
    )


def test_review_queue_does_not_grow_with_filings_or_websites(api, sam, drive, build):
    client = api(sam)
    drive(build.start(), "provider_review")
    one = _queries(client, "/api/v1/review/queue/")
    for index in range(4):
        drive(build.start(domains=[f"q{index}-{d}" for d in DOMAINS_5]), "provider_review")
    assert _queries(client, "/api/v1/review/queue/") == one


def test_material_list_and_notifications_do_not_grow(api, alice, drive, build):
    client = api(alice)
    small = drive(build.start(), "provider_review")
    large = drive(build.start(domains=DOMAINS_5), "provider_review")
    assert _queries(client, f"/api/v1/filings/{small.code}/materials/") == _queries(
        client, f"/api/v1/filings/{large.code}/materials/"
    )
    _queries(client, "/api/v1/notifications/")  # the operators' subject lines are cached after one read
    before = _queries(client, "/api/v1/notifications/")
    drive(build.start(), "provider_review")
    assert _queries(client, "/api/v1/notifications/") == before


def test_a_foreign_filing_costs_the_same_as_a_missing_one(api, bob, build):
    """A 404 for another user's filing is indistinguishable from one for an id that does not exist."""
    filing = build.start(domains=DOMAINS_5)
    client = api(bob)
    with CaptureQueriesContext(connection) as foreign:
        assert client.get(f"/api/v1/filings/{filing.code}/").status_code == 404
    with CaptureQueriesContext(connection) as missing:
        assert client.get("/api/v1/filings/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert len(foreign.captured_queries) == len(missing.captured_queries)

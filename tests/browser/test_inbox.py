"""The in-portal inbox in the browser: the unread count in the header, the notices, marking them read."""

from __future__ import annotations

from playwright.sync_api import expect

from reviews import services as review_services
from tests.browser.pages import login, look_at


def test_a_returned_filing_is_in_the_inbox_and_reading_it_clears_the_count(
    page, live_server, alice, sam, build
):
    filing = build.to(build.start(domains=["inbox-demo.cn"]), "provider_review")  # "submitted" is one notice
    filing = review_services.review_claim(filing=filing, by=sam)
    review_services.review_reject(
        filing=filing, by=sam, reasons=[{"code": "website_name_invalid", "field": "websites.0.name"}]
    )
    login(page, live_server, "alice")
    badge = page.locator("header .badge")
    expect(badge).to_contain_text("2")
    page.locator("header a[href='/notifications/']").click()
    expect(page.locator("main")).to_contain_text("inbox-demo.cn")
    look_at(page, "inbox")
    page.locator("button[name=all]").click()
    expect(page.locator("header .badge")).to_contain_text("0")

"""The operators' flow dashboard in the browser: computed, refreshed by the button, at 1280 and 390, axe clean."""

from __future__ import annotations

from playwright.sync_api import expect

from icp_portal.dashboard.services import dashboard_refresh
from tests.browser.pages import login, look_at
from tests.dashboard.dataset import build_dataset


def test_an_operator_reads_the_dashboard_and_refreshes_it(page, english_page, live_server, olga, alice):
    dataset = build_dataset(alice)
    dashboard_refresh(now=dataset.now)

    login(page, live_server, "olga")
    page.goto("/admin/")
    page.locator("#flow-dashboard-link a").click()
    expect(page.locator("[data-figure='filings.total']")).to_have_text("18")
    look_at(page, "admin-dashboard")
    page.locator("form[action='/admin/dashboard/refresh/'] button").click()
    expect(page.locator(".messagelist")).to_be_visible()

    olga.language = "en"
    olga.save(update_fields=["language"])
    login(english_page, live_server, "olga")
    english_page.goto("/admin/dashboard/")
    expect(english_page.locator("h1")).to_have_text("Filing flow dashboard")
    look_at(english_page, "admin-dashboard-en")

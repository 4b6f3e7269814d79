"""An operator in the browser: the filing list, a filing's change page, and an intervention's reason form —
refused when empty, done with a reason. Screenshots at 1280 and 390, axe-core clean (the browser tests'
fixtures, imported by this folder's conftest)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from filings.models import Filing
from notifications.models import Notification
from reviews import services as review_services
from tests.browser.pages import login, look_at

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_an_operator_returns_a_stuck_filing_with_a_reason(page, english_page, live_server, build, sam, olga):
    filing = build.to(build.start(domains=["stuck-shop.cn"]), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    Filing.objects.filter(pk=filing.pk).update(review_due_on=timezone.localdate() - dt.timedelta(days=2))
    Notification.objects.create(
        filing=filing,
        channel="email",
        email="alice@example.com",
        kind="filing_submitted",
        dedupe_key="browser:failed",
        failed_at=timezone.now(),
        last_error="550 mailbox unavailable",
    )
    build.to(build.start(domains=["another-blog.cn"]), "information")

    login(page, live_server, "olga")
    page.goto("/admin/filings/filing/")
    expect(page.locator(".state-tag").first).to_be_visible()
    look_at(page, "admin-filings")

    olga.language = "en"
    olga.save(update_fields=["language"])
    login(english_page, live_server, "olga")
    english_page.goto(f"/admin/filings/filing/{filing.pk}/change/")
    expect(english_page.get_by_role("heading", name="History")).to_be_visible()
    expect(english_page.locator("img.ops-thumb").first).to_be_visible()
    look_at(english_page, "admin-filing-change")

    english_page.get_by_role("link", name="Return to the applicant").click()
    english_page.get_by_role("button", name="Return to the applicant").click()
    expect(english_page.locator("#id_reason_error")).to_contain_text("Say why")
    look_at(english_page, "admin-filing-intervention-refused")

    english_page.get_by_label("Reason").fill("The review is two days late and the specialist is away.")
    english_page.get_by_role("button", name="Return to the applicant").click()
    expect(english_page.locator(".messagelist")).to_contain_text("Done")
    filing.refresh_from_db()
    assert filing.state == "provider_rejected"
    look_at(english_page, "admin-filing-after-return")

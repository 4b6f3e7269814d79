"""The review lists in the browser: a specialist filters the queue, sees an overdue filing tagged, presses
``n`` to take the filing due first (the review screen opens, holding it), finds it in the inbox and releases
it; an operator sees the reassignment form. Screenshots at 1280 and 390, axe-core clean."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from filings.models import Filing
from tests.browser.pages import login, look_at


def test_a_specialist_filters_the_queue_takes_the_next_one_by_key_and_releases_it(
    english_page, live_server, sam, olga, build
):
    first = build.to(build.start(domains=["overdue-shop.cn"]), "provider_review")
    later = build.to(build.start(domains=["later-blog.cn", "later-photos.cn"]), "provider_review")
    Filing.objects.filter(pk=first.pk).update(review_due_on=timezone.localdate() - dt.timedelta(days=1))
    Filing.objects.filter(pk=later.pk).update(review_due_on=timezone.localdate() + dt.timedelta(days=1))
    for user in (sam, olga):
        user.language = "en"
        user.save(update_fields=["language"])
    page = english_page
    login(page, live_server, "sam")
    page.goto(f"{live_server.url}/review/")
    expect(page.get_by_role("heading", name="Review queue")).to_be_visible()
    expect(page.locator(".tag--overdue")).to_have_count(1)
    look_at(page, "review-queue")

    # A filter (GET, no script needed) with its count beside each value.
    page.get_by_label("Deadline").select_option("overdue")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".review-table tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name="overdue-shop.cn")).to_be_visible()
    look_at(page, "review-queue-filtered")

    # n takes the one due first: the overdue filing, and its review opens.
    page.goto(f"{live_server.url}/review/")
    page.keyboard.press("n")
    page.wait_for_url(f"**/review/filings/{first.code}/")
    first.refresh_from_db()
    assert first.claimed_by == sam

    page.goto(f"{live_server.url}/review/inbox/")
    expect(page.get_by_role("link", name="overdue-shop.cn")).to_be_visible()
    look_at(page, "review-inbox")
    page.get_by_role("button", name="Release overdue-shop.cn").click()
    expect(page.locator(".flash--success")).to_be_visible()
    first.refresh_from_db()
    assert first.claimed_by is None

    page.context.clear_cookies()
    login(page, live_server, "olga")
    page.goto(f"{live_server.url}/review/")
    expect(page.get_by_role("button", name="Reassign").first).to_be_visible()
    look_at(page, "review-queue-operator")

"""Issue 12's journey through both sides' pages: a specialist takes the next filing, opens a material at full
size and rejects with two reasons; the applicant reads both beside their fields, fixes one and resubmits
(explaining the other); the specialist sees the diff naming exactly that field, approves, and the filing
reaches MIIT (a real worker hands it over; the simulated MIIT decides at once)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from filings.models import Filing
from tests.browser.pages import login, look_at
from tests.browser.review_screen import approve, diff_paths, open_first_material, reject_with
from tests.conftest import wait_until


def _take_next(page) -> None:
    page.goto("/review/")
    page.keyboard.press("n")  # the queue's shortcut: take the filing due first
    expect(page).to_have_url(re.compile(r"/review/filings/[0-9a-f-]+/$"))


def test_reject_fix_resubmit_see_the_diff_approve_reach_miit(
    page, english_page, live_server, celery_worker, alice, sam, build
):
    filing = build.to(build.start(domains=["shanshui-works.cn"]), "provider_review")
    sam.language = "en"
    sam.save(update_fields=["language"])
    specialist = english_page
    login(specialist, live_server, "sam")

    _take_next(specialist)
    assert specialist.url.endswith(f"/review/filings/{filing.code}/")
    open_first_material(specialist)
    look_at(specialist, "journey-review-material")
    specialist.go_back()
    reject_with(
        specialist,
        [("website_name_invalid", "websites.0.name"), ("address_incomplete", "entity.mailing_address")],
        message="Please correct the two points below.",
    )
    filing.refresh_from_db()
    assert filing.state == "provider_rejected"

    # The applicant (a Chinese browser) reads both reasons and finds each beside its field.
    applicant = page
    login(applicant, live_server, "alice")
    applicant.goto(f"/filings/{filing.code}/")
    name_reason = applicant.locator("li[id^='reason-']", has_text="网站名称不符合要求")
    address_reason = applicant.locator("li[id^='reason-']", has_text="通讯地址不详细")
    expect(name_reason).to_be_visible()
    expect(address_reason).to_be_visible()
    address_id = address_reason.get_attribute("id").removeprefix("reason-")
    name_reason.locator("a").click()
    expect(applicant.locator("#id_websites-0-name-reason")).to_contain_text("网站名称不符合要求")
    expect(applicant.locator("#id_entity-mailing_address-reason")).to_contain_text("通讯地址不详细")
    look_at(applicant, "journey-returned-information")
    applicant.fill("#id_websites-0-name", "山水作品集")
    applicant.locator("button[name=save]").click()
    applicant.goto(f"/filings/{filing.code}/")
    applicant.locator(f"#reason-{address_id} summary").click()
    applicant.fill(f"#explanation-{address_id}", "地址与营业执照一致，已写到门牌号。")
    applicant.locator("form[action$='/transitions/resubmit/'] button").click()
    expect(applicant.locator(".flash--success")).to_be_visible()
    filing.refresh_from_db()
    assert filing.state == "provider_review"

    # The specialist takes it again and sees exactly the changed field, then approves.
    _take_next(specialist)
    assert diff_paths(specialist) == ["websites.0.name"]
    look_at(specialist, "journey-review-diff")
    approve(specialist, note="Corrected as asked.")
    wait_until(lambda: Filing.objects.get(pk=filing.pk).state in ("miit_review", "approved"), timeout=60)
    filing.refresh_from_db()
    assert filing.events.filter(transition="hand_to_miit").exists()
    assert filing.events.get(transition="approve").actor == sam

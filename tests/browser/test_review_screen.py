"""The review screen in the browser: a specialist reads a filing, claims it with a key, opens a material at
full size (zoom, rotate), rejects with two reasons each tied to what it concerns; after the applicant
changes one field and resubmits, the diff names exactly that field and the specialist approves. Screenshots
of each state at 1280 and 390, axe-core clean."""

from __future__ import annotations

from playwright.sync_api import expect

from filings import services
from filings.models import Filing
from reviews.models import Finding
from tests.browser.pages import login, look_at
from tests.browser.review_screen import (
    approve,
    claim,
    diff_paths,
    open_first_material,
    open_review_screen,
)


def test_a_specialist_claims_opens_a_material_rejects_and_approves_the_correction(
    english_page, live_server, sam, build
):
    filing = build.to(build.start(domains=["shanshui.cn", "shanshui-photo.cn"]), "provider_review")
    Finding.objects.create(
        filing=filing,
        review_round=filing.review_round,
        code="registrar_holder_mismatch",
        field="websites.1.domain",
        severity="blocking",
        message="域名持有者与主体不一致 / The domain's holder is not the entity",
        evidence={"holder": "李四"},
    )
    sam.language = "en"
    sam.save(update_fields=["language"])
    page = english_page
    login(page, live_server, "sam")
    open_review_screen(page, filing)
    look_at(page, "review-screen-unclaimed")

    claim(page)
    expect(page.locator(".flash--success")).to_be_visible()
    look_at(page, "review-screen-held")

    # A material at full size: zoom in and rotate (the viewer's buttons appear with JavaScript).
    open_first_material(page)
    image = page.locator("[data-viewer-image]")
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Rotate").click()
    assert "rotate(90deg) scale(1.25)" in image.get_attribute("style")
    page.wait_for_timeout(300)  # the transform's short transition, before the screenshot
    look_at(page, "review-material")
    page.go_back()

    # Approving past an open blocking finding is refused in words, beside the finding's note box.
    page.locator("#approve-form button").click()
    expect(page.locator(".error-summary")).to_contain_text("Resolve each blocking finding")
    expect(page.locator("#approve-form .error-message")).to_be_visible()
    look_at(page, "review-screen-refused")

    # r focuses the rejection form: its first reason takes the focus.
    page.keyboard.press("r")
    expect(page.locator("#reject-form input[type=checkbox]").first).to_be_focused()
    page.get_by_label("The domain holder is not the filing entity").check()
    page.locator("#id_reason-domain_holder_mismatch-field").select_option("websites.1.domain")
    page.get_by_label("The mailing address is incomplete or in another city").check()
    page.fill("#id_reject-message", "请核对域名持有者和通讯地址")
    look_at(page, "review-screen-rejecting")
    page.get_by_role("button", name="Reject with these reasons").click()
    expect(page.locator(".flash--success")).to_contain_text("2 reasons")
    filing = Filing.objects.get(pk=filing.pk)
    assert filing.state == "provider_rejected"
    assert [(r["code"], r["field"]) for r in filing.events.last().reasons] == [
        ("domain_holder_mismatch", "websites.1.domain"),
        ("address_incomplete", "entity.mailing_address"),
    ]

    # The applicant changes the mailing address only and explains the domain; the diff names that field.
    info = build.information(filing)
    head = filing.entity.head
    info["entity_head"].update(mobile=head.mobile, email=head.email)
    info["entity"]["mailing_address"] = "北京示例路2号202室"
    services.filing_save_information(filing=filing, by=filing.applicant, **info)
    services.filing_resubmit(filing=filing, by=filing.applicant, explanations={"0": "持有者已更正为本人"})
    open_review_screen(page, filing)
    claim(page)
    assert diff_paths(page) == ["entity.mailing_address"]
    expect(page.locator("#changes")).to_contain_text("round 1")
    look_at(page, "review-screen-resubmitted")
    approve(page, note="地址已补全")
    filing = Filing.objects.get(pk=filing.pk)
    assert filing.state not in ("provider_review", "provider_rejected")

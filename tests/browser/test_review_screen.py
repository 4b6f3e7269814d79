"""The review screen in the browser: a specialist reads a filing, claims it with a key, opens a material at
full size (zoom, rotate), and rejects with two reasons, each tied to what it concerns. Screenshots of each
state at 1280 and 390, axe-core clean."""

from __future__ import annotations

from playwright.sync_api import expect

from filings.models import Filing
from reviews.models import Finding
from tests.browser.pages import login, look_at


def test_a_specialist_claims_opens_a_material_and_rejects_with_two_reasons(
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
    page.goto(f"/review/filings/{filing.code}/")
    expect(page.get_by_role("heading", name="Decision")).to_be_visible()
    look_at(page, "review-screen-unclaimed")

    page.keyboard.press("c")  # claim
    expect(page.locator(".flash--success")).to_be_visible()
    expect(page.locator("#reject-form")).to_be_visible()
    look_at(page, "review-screen-held")

    # A material at full size: zoom in and rotate (the viewer's buttons appear with JavaScript).
    page.locator(".review-materials__open").first.click()
    image = page.locator("[data-viewer-image]")
    expect(image).to_be_visible()
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Rotate").click()
    assert "rotate(90deg) scale(1.25)" in image.get_attribute("style")
    page.wait_for_timeout(300)  # the transform's short transition, before the screenshot
    look_at(page, "review-material")
    page.go_back()

    # r focuses the rejection form; two reasons, one pointed at the second website's domain.
    page.keyboard.press("r")
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

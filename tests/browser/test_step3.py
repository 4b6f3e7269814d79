"""Step 3 in the browser: an invalid value comes back beside its field, named, and nothing else typed is lost."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.pages import login, look_at


def test_an_invalid_mobile_is_named_beside_its_field_and_the_other_answers_stay(
    english_page, live_server, alice, build
):
    filing = build.to(build.start(), "information")
    build.information(filing)  # the registrar knows the domain
    alice.language = "en"
    alice.save(update_fields=["language"])
    page = english_page
    login(page, live_server, "alice")
    page.goto(f"/filings/{filing.code}/information/")
    page.fill("#id_entity-name", "张三")
    page.fill("#id_entity-certificate_address", "北京市东城区示例路1号")
    page.fill("#id_entity-mailing_address", "北京市东城区示例路1号101室")
    page.fill("#id_entity-head-name", "张三")
    page.fill("#id_entity-head-certificate_number", filing.entity.certificate_number)
    page.fill("#id_entity-head-mobile", "12345")
    page.fill("#id_entity-head-emergency_phone", "010-65512345")
    page.fill("#id_entity-head-email", "zhang@example.com")
    page.fill("#id_websites-0-name", "山水摄影集")
    page.fill("#id_websites-0-homepage_url", "https://example.com/")
    page.locator("button[name=continue]").click()

    expect(page.locator("#id_entity-head-mobile-error")).to_contain_text("12345")
    expect(page.locator(".error-summary a[href='#id_entity-head-mobile']")).to_be_visible()
    expect(page.locator("#id_entity-head-mobile")).to_have_value("12345")
    expect(page.locator("#id_entity-name")).to_have_value("张三")
    expect(page.locator("#id_entity-mailing_address")).to_have_value("北京市东城区示例路1号101室")
    expect(page.locator("#id_entity-head-email")).to_have_value("zhang@example.com")
    expect(page.locator("#id_websites-0-name")).to_have_value("山水摄影集")
    look_at(page, "en-step3-error")
    filing.refresh_from_db()
    assert filing.state == "information"
    assert filing.entity.name == ""  # a refused step saves nothing

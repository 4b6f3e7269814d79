"""Before step 1 and step 1 in the browser: how they look in Chinese and English, every detection refusal with
its explanation beside the field, and an invalid value that loses nothing else typed."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from entities.models import Region
from filings.models import Filing
from filings.pages.start import DETECTION_ADVICE
from tests.browser.pages import login, look_at
from tests.builders import registry_entity, resident_id


def _fill_step1(page, *, number: str, domains: list[str], region: str = "CN-BJ") -> None:
    page.select_option("#id_entity-region", region)
    page.select_option("#id_entity-nature", "individual")
    page.select_option("#id_entity-certificate_type", "resident_id")
    page.fill("#id_entity-certificate_number", number)
    for index, domain in enumerate(domains):
        if index:
            page.locator("button[name=add_domain]").click()
        page.fill(f"#id_websites-{index}-domain", domain)


def _submit(page) -> None:
    page.locator("main form .button-group button").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_preparation_page_and_step_1_in_both_languages(page, english_page, live_server, alice, language):
    browser_page = english_page if language == "en" else page
    alice.language = "en" if language == "en" else "zh-hans"  # login makes the account's language the page's
    alice.save(update_fields=["language"])
    login(browser_page, live_server, "alice")
    look_at(browser_page, f"dashboard-empty-{language}")
    browser_page.goto("/filings/new/?region=CN-ZJ")
    expect(browser_page.locator("#region-rules")).to_be_visible()
    look_at(browser_page, f"prepare-{language}")
    browser_page.goto("/filings/new/start/?region=CN-ZJ")
    look_at(browser_page, f"step1-{language}")


def test_an_invalid_certificate_number_is_named_beside_its_field_and_the_domains_stay(
    english_page, live_server, alice
):
    page = english_page
    alice.language = "en"  # login makes the account's language the page's
    alice.save(update_fields=["language"])
    login(page, live_server, "alice")
    page.goto("/filings/new/start/")
    _fill_step1(page, number="110101199003070000", domains=["keep-one.cn", "keep-two.cn"])
    _submit(page)

    error = page.locator("#id_entity-certificate_number-error")
    expect(error).to_contain_text("check digit")
    expect(page.locator(".error-summary a[href='#id_entity-certificate_number']")).to_be_visible()
    expect(page.locator("#id_entity-certificate_number")).to_have_value("110101199003070000")
    expect(page.locator("#id_websites-0-domain")).to_have_value("keep-one.cn")
    expect(page.locator("#id_websites-1-domain")).to_have_value("keep-two.cn")
    expect(page.locator("#id_entity-region")).to_have_value("CN-BJ")
    look_at(page, "step1-error-en")
    assert not Filing.objects.exists()


def _advice(code: str) -> str:
    with translation.override("en"):
        return str(DETECTION_ADVICE[code])[:40]


def test_each_detection_refusal_shows_its_explanation(english_page, live_server, alice, build):
    page = english_page
    alice.language = "en"  # login makes the account's language the page's
    alice.save(update_fields=["language"])
    login(page, live_server, "alice")
    cases = []
    number = resident_id(birth="19880101")
    registry_entity(resident_id(birth="19800101"), [("taken.cn", "李四的主页", ["OTHERCLOUD"])])
    cases.append(("domain_conflict", number, ["taken.cn"], "websites-0-domain"))
    filed_here = resident_id(birth="19810101")
    registry_entity(filed_here, [("mine.cn", "我的主页", [settings.PROVIDER_CODE])])
    cases.append(("already_filed_here", filed_here, ["mine.cn"], "websites-0-domain"))
    mixed = resident_id(birth="19820101")
    registry_entity(mixed, [("old.cn", "旧网站", ["OTHERCLOUD"])])
    cases.append(("mixed_filing_types", mixed, ["old.cn", "brand-new.cn"], "websites-1-domain"))
    busy = resident_id(birth="19830101")
    build.to(build.start(certificate_number=busy), "instance_verification")
    cases.append(("open_order_exists", busy, ["second.cn"], "entity-certificate_number"))

    for code, certificate, domains, field in cases:
        page.goto("/filings/new/start/")
        _fill_step1(page, number=certificate, domains=domains)
        _submit(page)
        error = page.locator(f"#id_{field}-error")
        expect(error).to_contain_text(_advice(code))
        expect(page.locator(".error-summary")).to_be_visible()
    look_at(page, "step1-detection-refused-en")

    empty = resident_id(birth="19840101")
    registry_entity(empty, [("old-empty.cn", "旧网站", [])])
    Region.objects.filter(code="CN-BJ").update(empty_entity_must_cancel=True)
    page.goto("/filings/new/start/")
    _fill_step1(page, number=empty, domains=["brand-new-2.cn"])
    _submit(page)
    expect(page.locator("#id_entity-certificate_number-error")).to_contain_text(
        _advice("empty_entity_must_cancel")
    )
    assert Filing.objects.filter(applicant=alice).count() == 1  # only the open one of the busy entity

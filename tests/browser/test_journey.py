"""The whole process through the pages: registration to the ICP numbers, and a return fixed and resubmitted.

The specialist's decisions go through ``reviews.services`` (the review pages are a later issue); MIIT is the
simulator at zero delay, run by a real Celery worker. Screenshots of every page land in ``var/screenshots``.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from filings.models import Filing
from reviews import services as review_services
from tests.browser.journey import SLOW, prepare_outside_world, step1, step2, step3, step4, step5
from tests.browser.pages import login, look_at
from tests.builders import credit_code, mobile, resident_id
from tests.conftest import wait_until


def _register(page, username: str, phone: str) -> None:
    page.goto("/accounts/register/")
    page.fill("#id_username", username)
    page.fill("#id_email", f"{username}@example.com")
    page.fill("#id_mobile", phone)
    page.fill("#id_password1", "a long and unusual passphrase 2026")
    page.fill("#id_password2", "a long and unusual passphrase 2026")
    look_at(page, "register")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/$"))


def _approve(filing: Filing, specialist) -> None:
    filing = review_services.review_claim(filing=Filing.objects.get(pk=filing.pk), by=specialist)
    review_services.review_approve(filing=filing, by=specialist)


def test_an_individual_in_an_sms_region_goes_from_registration_to_the_icp_numbers(
    page, live_server, celery_worker, sam, django_user_model
):
    number = resident_id("330102", "19900307")
    phone = mobile("CN-ZJ")
    _register(page, "wang", phone)
    applicant = django_user_model.objects.get(username="wang")
    service_numbers = prepare_outside_world(
        applicant=applicant, domain="shanshui-photos.cn", holder="王小明", certificate_number=number
    )
    filing = step1(
        page,
        region="CN-ZJ",
        nature="individual",
        certificate_type="resident_id",
        number=number,
        domain="shanshui-photos.cn",
        shot="journey-step1",
    )
    step2(page, service_numbers[0], shot="journey-step2")
    step3(
        page,
        entity_name="王小明",
        address="浙江省杭州市西湖区文三路90号",
        head={
            "name": "王小明",
            "certificate_number": number,
            "mobile": phone,
            "emergency_phone": "0571-88881234",
            "email": "wang@example.com",
        },
        website_name="山水摄影集",
        shot="journey-step3",
    )
    step4(page, filing, shot="journey-step4")
    step5(page, shot="journey-step5")
    look_at(page, "journey-submitted")

    _approve(filing, sam)
    wait_until(lambda: Filing.objects.get(pk=filing.pk).state == "sms_verification", timeout=SLOW / 1000)
    page.goto(f"/filings/{filing.code}/sms/")
    text = page.locator("#simulated-phone .sms-phone__text").first
    expect(text).to_be_visible()
    code = re.search(r"核验码为(\w+)", text.inner_text()).group(1)
    look_at(page, "journey-sms")
    card = page.locator("section.sms-person").first
    card.locator("input[name$='code']").fill(code)
    card.locator("input[name$='certificate_tail']").fill(number[-6:])
    card.locator("button[type=submit]").first.click()
    wait_until(lambda: Filing.objects.get(pk=filing.pk).state == "approved", timeout=SLOW / 1000)

    page.goto(f"/filings/{filing.code}/result/")
    filing.refresh_from_db()
    expect(page.locator("main")).to_contain_text(filing.entity.icp_number)
    assert re.fullmatch(r"浙ICP备\d{10}号", filing.entity.icp_number)
    expect(page.locator("main")).to_contain_text(filing.entity.icp_number + "-1")
    expect(page.locator("main")).to_contain_text("beian.miit.gov.cn")
    look_at(page, "journey-result")
    page.goto(f"/filings/{filing.code}/")
    expect(page.locator("#timeline")).to_be_visible()
    look_at(page, "journey-filing-timeline")
    page.goto("/")
    expect(page.locator("main")).to_contain_text(filing.entity.icp_number)
    look_at(page, "journey-dashboard")


def test_an_enterprise_filing_returned_with_two_reasons_is_fixed_and_resubmitted(
    english_page, live_server, celery_worker, sam, alice
):
    page = english_page
    alice.language = "en"  # login makes the account's language the page's
    alice.save(update_fields=["language"])
    login(page, live_server, "alice")
    number = credit_code("110000")
    service_numbers = prepare_outside_world(
        applicant=alice, domain="example-tech.cn", holder="北京示例科技有限公司", certificate_number=number
    )
    filing = step1(
        page,
        region="CN-BJ",
        nature="enterprise",
        certificate_type="business_licence",
        number=number,
        domain="example-tech.cn",
        shot="en-step1",
    )
    step2(page, service_numbers[0], shot="en-step2")
    head_mobile = mobile("CN-BJ")
    step3(
        page,
        entity_name="北京示例科技有限公司",
        address="北京市海淀区中关村大街1号",
        head={
            "name": "李雷",
            "certificate_number": resident_id("110108", "19850101"),
            "mobile": head_mobile,
            "emergency_phone": "010-65512345",
            "email": "lilei@example.com",
        },
        website_name="示例科技产品展示",
        shot="en-step3",
    )
    step4(page, filing, shot="en-step4")
    step5(page, shot="en-step5")
    look_at(page, "en-submitted")

    filing = review_services.review_claim(filing=Filing.objects.get(pk=filing.pk), by=sam)
    review_services.review_reject(
        filing=filing,
        by=sam,
        reasons=[
            {"code": "website_name_invalid", "field": "websites.0.name"},
            {"code": "phone_unreachable", "field": "entity.head.mobile"},
        ],
    )
    page.goto(f"/filings/{filing.code}/")
    expect(page.locator("#reasons-title")).to_be_visible()
    look_at(page, "returned-filing-en")

    # Each reason links straight to its field, where the reason is shown beside it.
    page.locator("#reason-0 a").click()
    expect(page).to_have_url(re.compile(r"/information/#id_websites-0-name$"))
    expect(page.locator("#id_websites-0-name-reason")).to_be_visible()
    look_at(page, "returned-information-en")
    page.fill("#id_websites-0-name", "示例科技新品展示")
    new_mobile = mobile("CN-BJ")
    page.fill("#id_entity-head-mobile", new_mobile)
    page.locator("button[name=save]").click()
    page.goto(f"/filings/{filing.code}/")
    page.locator("form[action$='/transitions/resubmit/'] button").click()
    expect(page.locator(".flash--success")).to_be_visible()
    filing.refresh_from_db()
    assert filing.state == "provider_review"
    filing.entity.head.refresh_from_db()
    assert filing.entity.head.mobile.endswith(new_mobile[-8:])
    assert filing.filing_websites.get().website.name == "示例科技新品展示"

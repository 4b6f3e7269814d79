"""What an applicant does on each page, as steps the journey tests share (Playwright, the real pages).

Set-up that stands for the outside world (the registrar knowing a domain, the applicant's cloud instance) goes
through the simulators and services, as a person would have it before they start; everything the applicant
does goes through the pages.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from filings.models import Filing
from instances.services import instance_create
from materials.models import DATED_KINDS, MaterialKind
from materials.requirements import face_checklist, materials_checklist
from materials.verification_form import verification_form_pdf
from simulators.registrar import stage_domain
from tests.browser.pages import look_at, screenshot_dir
from tests.material_files import photo, selfie

SLOW = 60_000  # a job of the real worker (processing, MIIT) may take a while on a busy CI machine


def prepare_outside_world(*, applicant, domain: str, holder: str, certificate_number: str) -> list[str]:
    """The registrar knows the domain (real-name verified, held by the entity); the applicant has an instance."""
    stage_domain(
        domain=domain,
        holder_name=holder,
        holder_certificate_number=certificate_number,
        real_name_verified_at=timezone.localdate() - dt.timedelta(days=30),
        expires_at=timezone.localdate() + dt.timedelta(days=730),
    )
    instance = instance_create(
        owner=applicant,
        instance_id=f"i-{domain.split('.')[0][:20]}",
        cloud_region="cn-hangzhou",
        public_ip="47.96.20.1",
        expires_at=timezone.now() + dt.timedelta(days=365),
    )
    return list(instance.service_numbers.values_list("code", flat=True))


def click_primary(page: Page) -> None:
    page.locator("main form .button-group button").first.click()
    page.wait_for_load_state()


def step1(
    page: Page, *, region: str, nature: str, certificate_type: str, number: str, domain: str, shot: str = ""
) -> Filing:
    page.goto("/")
    page.locator("a[href='/filings/new/']").first.click()
    page.select_option("#region", region)
    page.locator("#region ~ button, form[action='/filings/new/'] button").first.click()
    page.locator(f"a[href='/filings/new/start/?region={region}']").click()
    page.select_option("#id_entity-nature", nature)
    page.select_option("#id_entity-certificate_type", certificate_type)
    page.fill("#id_entity-certificate_number", number)
    page.fill("#id_websites-0-domain", domain)
    if shot:
        look_at(page, shot)
    click_primary(page)
    expect(page).to_have_url(re.compile(r"/filings/[0-9a-f-]+/instances/$"))
    return Filing.objects.get(filing_websites__website__domain__name=domain)


def step2(page: Page, service_number: str, shot: str = "") -> None:
    choice = page.locator(f"input[name='websites-0-service_number'][value='{service_number}']")
    if choice.count():
        choice.check()
    else:  # the page offers the numbers it can; a number can always be typed
        page.fill("#id_websites-0-typed_service_number", service_number)
    if shot:
        look_at(page, shot)
    page.locator("button[name=continue]").click()
    expect(page).to_have_url(re.compile(r"/information/$"))


def step3(
    page: Page, *, entity_name: str, address: str, head: dict[str, str], website_name: str, shot: str = ""
) -> None:
    page.fill("#id_entity-name", entity_name)
    page.fill("#id_entity-certificate_address", address)  # the street input (no division chosen)
    page.fill("#id_entity-mailing_address", address + "101室")
    for field, value in head.items():
        page.fill(f"#id_entity-head-{field}", value)
    page.fill("#id_websites-0-name", website_name)
    domain = page.locator("#id_websites-0-name").evaluate(
        "e => e.closest('fieldset').querySelector('legend').textContent"
    )
    page.fill("#id_websites-0-homepage_url", "https://" + domain.split()[-1].strip() + "/")
    page.select_option("#id_websites-0-content_type", "other")
    none_of_the_above = page.locator("input[name='websites-0-pre_approvals'][value='none']")
    if none_of_the_above.count():  # an individual's website is offered no pre-approval
        none_of_the_above.check()
    if shot:
        look_at(page, shot)
    page.locator("button[name=continue]").click()
    page.wait_for_load_state()
    refused = page.locator(".error-summary")
    if refused.count():
        page.screenshot(path=str(screenshot_dir() / "refused-step3.png"), full_page=True)
    assert not refused.count(), refused.inner_text()
    expect(page).to_have_url(re.compile(r"/materials/$"), timeout=SLOW)


def step4(page: Page, filing: Filing, shot: str = "") -> None:
    """Upload each material the checklist asks for, pass each face check, continue."""
    for item in materials_checklist(filing):
        requirement = item.requirement
        row = page.locator("#id_" + requirement.field.replace(".", "-"))
        if requirement.kind == MaterialKind.VERIFICATION_FORM:
            content, name, mime = (
                verification_form_pdf(filing, requirement.website),
                "signed.pdf",
                "application/pdf",
            )
        else:
            content, name, mime = photo(seed=len(requirement.field)), f"{requirement.kind}.jpg", "image/jpeg"
        row.locator("input[type=file]").set_input_files(
            files=[{"name": name, "mimeType": mime, "buffer": content}]
        )
        if requirement.kind in DATED_KINDS:
            row.locator("input[type=date]").fill(timezone.localdate().isoformat())
        row.locator("button[type=submit]").click()
        expect(page.locator("#id_" + requirement.field.replace(".", "-") + " .tag--done")).to_be_visible(
            timeout=SLOW
        )
    for face in face_checklist(filing):
        row = page.locator(f"#id_materials-face-{face.person.code}")
        row.locator("button[type=submit]").click()  # start the face verification
        row.locator("input[type=file]").set_input_files(
            files=[{"name": "selfie.jpg", "mimeType": "image/jpeg", "buffer": selfie()}]
        )
        row.locator("button[type=submit]").click()  # send the selfie
        expect(row.locator(".tag--done")).to_be_visible(timeout=SLOW)
    page.reload()
    if shot:
        look_at(page, shot)
    page.locator("form[action$='/materials/continue/'] button").click()
    page.wait_for_load_state()
    refused = page.locator(".error-summary")
    assert not refused.count(), refused.inner_text()
    expect(page).to_have_url(re.compile(r"/check/$"))


def step5(page: Page, shot: str = "") -> None:
    if shot:
        look_at(page, shot)
    page.locator("form[action$='/check/submit/'] button").click()
    expect(page).to_have_url(re.compile(r"/submitted/$"))

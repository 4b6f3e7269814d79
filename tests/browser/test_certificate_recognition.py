"""Certificate recognition in the browser (issue 16, acceptance 2), with the real OCR model on a real worker:
an applicant sends a photo of the business licence at step 1, uses what was read, and step 3 proposes the
entity's name and address from the same photo; the applicant's correction is what is stored. A photo of no
certificate says "nothing recognised" in words. Screenshots at 1280 and 390, in Chinese and English."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from entities.models import Entity, Region
from filings.models import Filing
from materials.models import MaterialKind
from materials.recognition.models import CertificateRecognition
from tests.browser.journey import click_primary, prepare_outside_world, step2
from tests.browser.pages import login, look_at
from tests.builders import mobile, resident_id
from tests.recognition.make_certificates import make_set

READ_WITHIN = 180_000  # ms: the worker loads the model on its first photo; CI machines are shared


def _licence_photo(province: str = "33"):
    """A generated licence photo registered in ``province`` (its region's rules apply), with a term."""
    for seed in range(7, 200):
        sample = make_set(licences=1, id_cards=0, seed=seed)[0]
        if sample.truth["credit_code"][2:4] == province and "valid_until" in sample.truth:
            return sample
    raise AssertionError("no licence drawn in that province")


def _as(page, english_page, user, language: str):
    user.language = "en" if language == "en" else "zh-hans"  # login makes the account's language the page's
    user.save(update_fields=["language"])
    return english_page if language == "en" else page


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_licence_photo_fills_step_1_and_step_3_proposes_the_name_and_address(
    page, english_page, live_server, celery_worker, alice, language
):
    page = _as(page, english_page, alice, language)
    licence = _licence_photo()
    truth = licence.truth
    domain = f"chenghe-{language}.cn"
    # The name as the registrar holds it: the applicant's correction of what the licence photo gives.
    corrected = truth["name"].replace("有限公司", "股份有限公司")
    service_numbers = prepare_outside_world(
        applicant=alice, domain=domain, holder=corrected, certificate_number=truth["credit_code"]
    )
    region = Region.objects.get(division=truth["credit_code"][2:4]).code
    login(page, live_server, "alice")

    # Step 1: the photo first; the domain typed before it is kept.
    page.goto(f"/filings/new/start/?region={region}")
    page.fill("#id_websites-0-domain", domain)
    page.set_input_files(
        "#id_entity-photo", files=[{"name": "licence.jpg", "mimeType": "image/jpeg", "buffer": licence.image}]
    )
    page.locator("button[name=recognise]").click()
    page.wait_for_load_state()
    expect(page.locator("#id_websites-0-domain")).to_have_value(domain)
    look_at(page, f"recognition-step1-reading-{language}")
    # htmx polls the panel; the worker reads the photo with the real model.
    accept = page.locator("#recognition-entity button[name=accept_recognition]")
    expect(accept).to_be_visible(timeout=READ_WITHIN)
    panel = page.locator("#recognition-entity")
    expect(panel).to_contain_text("%")  # each proposal with its confidence
    expect(panel).not_to_contain_text(truth["credit_code"])  # masked until used
    look_at(page, f"recognition-step1-proposed-{language}")
    assert not Filing.objects.exists()  # nothing saved by reading

    accept.click()
    page.wait_for_load_state()
    expect(page.locator("#id_entity-certificate_number")).to_have_value(truth["credit_code"])
    expect(page.locator("#id_entity-nature")).to_have_value("enterprise")
    expect(page.locator("#id_entity-certificate_type")).to_have_value("business_licence")
    expect(page.locator("#id_websites-0-domain")).to_have_value(domain)
    click_primary(page)
    expect(page).to_have_url(re.compile(r"/filings/[0-9a-f-]+/instances/$"))
    filing = Filing.objects.get(applicant=alice)
    recognition = CertificateRecognition.objects.get(filing=filing)
    # The same photo is the filing's certificate for step 4, processed by the materials pipeline.
    assert recognition.material.kind == MaterialKind.ENTITY_CERTIFICATE
    step2(page, service_numbers[0])

    # Step 3: the name and the address read on the licence, beside the entity's fields.
    proposed = recognition.proposal_values()
    entity_panel = page.locator("#recognition-entity")
    expect(entity_panel).to_contain_text(proposed["name"]["value"])
    expect(entity_panel).to_contain_text(proposed["address"]["value"])
    look_at(page, f"recognition-step3-proposed-{language}")
    entity_panel.locator("button[name=accept_recognition]").click()
    page.wait_for_load_state()
    expect(page.locator("#id_entity-name")).to_have_value(proposed["name"]["value"])
    street = page.locator("#id_entity-certificate_address")
    expect(street).not_to_have_value("")
    assert proposed["address"]["value"].endswith(street.input_value())

    # The applicant corrects the name and fills in the rest: theirs is stored, the address as proposed.
    page.fill("#id_entity-name", corrected)
    _fill_the_rest(page, domain)
    page.locator("button[name=continue]").click()
    page.wait_for_load_state()
    refused = page.locator(".error-summary")
    assert not refused.count(), refused.inner_text()
    expect(page).to_have_url(re.compile(r"/materials/$"))
    # Step 4: the licence is there already, the same photo, accepted by the materials pipeline.
    expect(page.locator("#id_materials-entity_certificate .tag--done")).to_be_visible(timeout=READ_WITHIN)
    look_at(page, f"recognition-step4-licence-there-{language}")
    entity = Entity.objects.get(pk=filing.entity_id)
    assert entity.name == corrected
    assert entity.certificate_address == proposed["address"]["value"]
    assert entity.certificate_number == truth["credit_code"]


def _fill_the_rest(page, domain: str) -> None:
    page.fill("#id_entity-mailing_address", "文三路90号3幢501室")
    head = {
        "name": "于明建",
        "certificate_number": resident_id("330106", "19850612"),
        "mobile": mobile("CN-ZJ"),
        "emergency_phone": "0571-88881234",
        "email": "yu@example.com",
    }
    for field, value in head.items():
        page.fill(f"#id_entity-head-{field}", value)
    page.check("#id_entity-head-is_legal_representative")
    page.fill("#id_websites-0-name", "成河文化传媒官网")
    page.fill("#id_websites-0-homepage_url", f"https://{domain}/")
    page.select_option("#id_websites-0-content_type", "company")
    page.check("input[name='websites-0-pre_approvals'][value='none']")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_photo_of_no_certificate_says_nothing_recognised(
    page, english_page, live_server, celery_worker, alice, language
):
    page = _as(page, english_page, alice, language)
    nothing = make_set(licences=0, id_cards=0, others=1, seed=3)[0]
    login(page, live_server, "alice")
    page.goto("/filings/new/start/?region=CN-BJ")
    page.set_input_files(
        "#id_entity-photo", files=[{"name": "cat.jpg", "mimeType": "image/jpeg", "buffer": nothing.image}]
    )
    page.locator("button[name=recognise]").click()
    page.wait_for_load_state()
    with translation.override("zh-hans" if language == "zh" else "en"):
        words = gettext("Nothing recognised")
    expect(page.locator("#recognition-entity")).to_contain_text(words, timeout=READ_WITHIN)
    look_at(page, f"recognition-step1-nothing-{language}")

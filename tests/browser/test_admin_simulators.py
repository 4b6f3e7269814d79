"""The simulated MIIT in the admin, in the browser: an operator stages a registry entity with a website at
another provider, then runs MIIT's review and the outcome job; 1280 and 390 wide, axe clean."""

from __future__ import annotations

from playwright.sync_api import expect

from simulators.models import MiitRegistryEntity
from tests.browser.pages import login, look_at
from tests.builders import resident_id


def test_an_operator_stages_a_registry_entity_and_runs_the_outcome_job(english_page, live_server, olga):
    page = english_page
    olga.language = "en"
    olga.save(update_fields=["language"])
    login(page, live_server, "olga")

    page.goto("/admin/simulators/miitregistryentity/add/")
    page.locator("#id_certificate_number").fill(resident_id("110101"))
    page.locator("#id_region_code").select_option("CN-BJ")
    page.locator("#id_nature").select_option("individual")
    page.locator("#id_name").fill("张三")
    page.locator("#id_websites").fill("elsewhere-demo.com 山水摄影集")
    look_at(page, "admin-simulators-registry-add")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    entity = MiitRegistryEntity.objects.get()
    expect(page.locator("#result_list")).to_contain_text(entity.icp_number)

    page.goto("/admin/simulators/miitsubmission/")
    look_at(page, "admin-simulators-submissions")
    page.get_by_role("button", name="Run MIIT's review and the outcome job now").click()
    expect(page.locator(".messagelist")).to_contain_text("MIIT decided 0 submissions")

"""The operator's admin of entities and websites: ICP numbers come from MIIT only, and nothing is deleted."""

from __future__ import annotations

import pytest

from tests.admin_assertions import assert_inlines_fixed, assert_not_deletable, change_form, editable_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def entity(build):
    filing = build.start()
    filing.entity.icp_number = "京ICP备2026000001号"
    filing.entity.save(update_fields=["icp_number"])
    website = filing.filing_websites.get().website
    website.website_number = "京ICP备2026000001号-1"
    website.save(update_fields=["website_number"])
    return filing.entity


def test_operator_cannot_delete_an_entity(client, olga, entity):
    client.force_login(olga)
    assert_not_deletable(client, entity)


def test_operator_cannot_delete_a_website(client, olga, entity):
    client.force_login(olga)
    assert_not_deletable(client, entity.websites.get())


def test_entity_icp_number_is_read_only(client, olga, entity):
    client.force_login(olga)
    response = change_form(client, entity)
    assert "icp_number" not in editable_fields(response)
    assert "京ICP备2026000001号" in response.content.decode()  # still shown


def test_website_number_is_read_only_and_its_domain_fixed(client, olga, entity):
    client.force_login(olga)
    response = change_form(client, entity.websites.get())
    assert "website_number" not in editable_fields(response)
    assert_inlines_fixed(response)


def test_region_rules_stay_editable(client, olga):
    # Regional rules are data the operator maintains: the no-delete rule is not a blanket read-only admin.
    from entities.models import Region

    client.force_login(olga)
    response = change_form(client, Region.objects.get(code="CN-BJ"))
    assert "sms_required" in editable_fields(response)

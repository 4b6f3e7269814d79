"""Instances and their service numbers in the admin: filings cite service numbers, none is deleted by hand."""

from __future__ import annotations

import pytest

from instances.models import ServiceNumber
from tests.admin_assertions import assert_inlines_fixed, assert_not_deletable, change_form, editable_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_number(build):
    filing = build.start()
    return ServiceNumber.objects.get(code=build.service_numbers(filing, 1)[0])


def test_operator_cannot_delete_an_instance(client, olga, service_number):
    client.force_login(olga)
    assert_not_deletable(client, service_number.instance)
    assert_inlines_fixed(change_form(client, service_number.instance))


def test_operator_cannot_delete_or_renumber_a_service_number(client, olga, service_number):
    client.force_login(olga)
    assert_not_deletable(client, service_number)
    assert "code" not in editable_fields(change_form(client, service_number))

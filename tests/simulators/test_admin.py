"""The simulators' admin: MIIT's records are kept as MIIT wrote them; operators stage the outside world."""

from __future__ import annotations

import pytest
from django.urls import reverse

from common.errors import ApplicationError
from filings import services
from simulators.miit import SimulatedMiitGateway
from simulators.models import MiitOpenOrder, MiitRegistryEntity, MiitSubmission, MiitSubmissionStatus
from tests.admin_assertions import assert_not_deletable, change_form, editable_fields
from tests.builders import resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission() -> MiitSubmission:
    return MiitSubmission.objects.create(
        idempotency_key="F-1:1",
        reference="MIIT-0000000000000001",
        provider_code="ALIYUN",
        filing_type="initial",
        region_code="CN-BJ",
        certificate_type="resident_id",
        certificate_hash="0" * 64,
        entity_nature="individual",
        entity_name="张三",
        status=MiitSubmissionStatus.APPROVED,
        entity_number="京ICP备2026000001号",
        website_numbers={"example.com": "京ICP备2026000001号-1"},
    )


def test_operator_cannot_delete_a_miit_submission(client, olga, submission):
    client.force_login(olga)
    assert_not_deletable(client, submission)


def test_miit_submission_numbers_and_status_are_read_only(client, olga, submission):
    client.force_login(olga)
    fields = editable_fields(change_form(client, submission))
    assert not fields & {"status", "entity_number", "website_numbers", "reference", "idempotency_key"}


def test_registry_icp_numbers_are_read_only(client, olga):
    from simulators.miit import stage_registry_entity

    entity = stage_registry_entity(
        certificate_type="resident_id",
        certificate_number="11010119900307123X",
        region_code="CN-BJ",
        nature="individual",
        name="张三",
        websites=[("staged.com", "山水", ["OTHERCLOUD"])],
    )
    client.force_login(olga)
    response = change_form(client, MiitRegistryEntity.objects.get(pk=entity.pk))
    assert "icp_number" not in editable_fields(response)
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            assert "website_number" not in form.fields


def test_operator_stages_an_open_order_in_the_admin(client, olga, build):
    certificate = resident_id("110101")
    client.force_login(olga)
    response = client.post(
        reverse("admin:simulators_miitopenorder_add"),
        {
            "certificate_type": "resident_id",
            "certificate_number": f" {certificate.lower()} ",
            "region_code": "CN-BJ",
            "provider_code": "OTHERCLOUD",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    order = MiitOpenOrder.objects.get()
    assert order.certificate_masked == certificate[:4] + "*" * 10 + certificate[-4:]
    assert (
        certificate not in client.get(reverse("admin:simulators_miitopenorder_changelist")).content.decode()
    )
    answer = SimulatedMiitGateway().registry_lookup(
        certificate_type="resident_id", certificate_number=certificate, domains=[]
    )
    assert answer.open_order

    filing = build.start(certificate_number=certificate)
    with pytest.raises(ApplicationError) as refused:
        services.filing_detect_type(filing=filing, by=filing.applicant)
    assert refused.value.code == "open_order_exists"


def test_admin_open_order_needs_a_certificate_and_a_known_region(client, olga):
    client.force_login(olga)
    response = client.post(
        reverse("admin:simulators_miitopenorder_add"),
        {"certificate_type": "resident_id", "certificate_number": "", "region_code": "CN-XX"},
    )
    assert response.status_code == 200
    assert {"certificate_number", "region_code"} <= set(response.context["adminform"].form.errors)
    assert not MiitOpenOrder.objects.exists()

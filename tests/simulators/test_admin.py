"""The simulators' admin: MIIT's records are kept as MIIT wrote them; operators stage the outside world."""

from __future__ import annotations

import pytest

from simulators.models import MiitRegistryEntity, MiitSubmission, MiitSubmissionStatus
from tests.admin_assertions import assert_not_deletable, change_form, editable_fields

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

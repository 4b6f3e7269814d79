"""The reason catalogue in the admin: past decisions cite reasons by code, so a reason is retired, not deleted."""

from __future__ import annotations

import pytest

from reviews.models import RejectionReason
from tests.admin_assertions import assert_not_deletable, change_form, editable_fields

pytestmark = pytest.mark.django_db


def test_operator_cannot_delete_a_rejection_reason(client, olga):
    client.force_login(olga)
    assert_not_deletable(client, RejectionReason.objects.first())


def test_a_reason_can_still_be_retired(client, olga):
    client.force_login(olga)
    assert "active" in editable_fields(change_form(client, RejectionReason.objects.first()))

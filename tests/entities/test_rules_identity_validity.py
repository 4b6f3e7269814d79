"""A certificate's validity: at least 3 months left (``entities.rules.identity.validity``)."""

from __future__ import annotations

import datetime

import pytest

from entities.rules.identity import check_certificate_valid_until
from tests.entities.rules_helpers import TODAY, found


@pytest.mark.parametrize(
    ("valid_until", "expected"),
    [
        (None, []),  # long-term (长期)
        ("2030-01-01", []),
        ("2025-09-16", []),  # exactly 3 months
        ("2025-09-15", [("entity.certificate_valid_until", "certificate_expires_soon")]),
        ("2025-06-16", [("entity.certificate_valid_until", "certificate_expires_soon")]),
        ("2025-06-15", [("entity.certificate_valid_until", "certificate_expired")]),
    ],
)
def test_certificate_valid_until(valid_until, expected):
    problems = check_certificate_valid_until(
        valid_until=datetime.date.fromisoformat(valid_until) if valid_until else None,
        today=TODAY,
        field="entity.certificate_valid_until",
    )
    assert found(problems) == expected

"""Certificate type per nature (``entities.rules.identity.certificate_types``)."""

from __future__ import annotations

import pytest

from entities.rules.identity import allowed_certificate_types, check_certificate_type
from tests.entities.rules_helpers import found


@pytest.mark.parametrize(
    ("nature", "certificate_type", "expected"),
    [
        ("individual", "resident_id", []),
        ("individual", "passport", []),
        ("individual", "hk_macau_permit", []),
        ("individual", "taiwan_permit", []),
        ("individual", "hmt_residence_permit", []),
        ("enterprise", "business_licence", []),
        ("government", "registration_certificate", []),
        ("public_institution", "registration_certificate", []),
        ("social_organisation", "registration_certificate", []),
        ("private_non_enterprise", "registration_certificate", []),
        ("foundation", "registration_certificate", []),
        ("defence", "registration_certificate", []),
        ("law_firm", "registration_certificate", []),
        ("individual", "business_licence", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("individual", "driving_licence", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("enterprise", "resident_id", [("entity.certificate_type", "certificate_type_not_allowed")]),
        (
            "enterprise",
            "registration_certificate",
            [("entity.certificate_type", "certificate_type_not_allowed")],
        ),
        ("government", "business_licence", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("law_firm", "passport", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("foundation", "resident_id", [("entity.certificate_type", "certificate_type_not_allowed")]),
        ("company", "business_licence", [("entity.nature", "nature_unknown")]),
    ],
)
def test_certificate_type_follows_nature(nature, certificate_type, expected):
    assert found(check_certificate_type(nature=nature, certificate_type=certificate_type)) == expected


def test_allowed_certificate_types():
    assert allowed_certificate_types("enterprise") == ("business_licence",)
    assert len(allowed_certificate_types("individual")) == 5
    assert allowed_certificate_types("unknown") == ()

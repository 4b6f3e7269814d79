from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from entities.models import Region
from filings import services
from icp_portal.management.commands.seed_demo import DEMO_PASSWORD, SCENARIOS

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_every_filing_type_is_reachable():
    call_command("seed_demo")
    call_command("seed_demo")
    users = get_user_model().objects.order_by("username")
    assert [(u.username, u.role) for u in users] == [
        ("applicant", "applicant"),
        ("operator", "operator"),
        ("specialist", "specialist"),
        ("specialist2", "specialist"),
    ]
    assert all(u.check_password(DEMO_PASSWORD) for u in users)
    applicant = users.get(username="applicant")
    assert applicant.instances.count() == 2

    for filing_type, nature, certificate_type, number, region, _websites, domain, _name in SCENARIOS:
        filing = services.filing_start(
            applicant=applicant,
            region=Region.objects.get(code=region),
            nature=nature,
            certificate_type=certificate_type,
            certificate_number=number,
            domains=[domain],
        )
        filing = services.filing_detect_type(filing=filing, by=applicant)
        assert filing.filing_type == filing_type
        services.filing_withdraw(filing=filing, by=applicant)


def test_the_demo_applicant_has_a_mobile_so_the_profile_saves(django_user_model):
    call_command("seed_demo", stdout=io.StringIO())
    assert django_user_model.objects.get(username="applicant").mobile

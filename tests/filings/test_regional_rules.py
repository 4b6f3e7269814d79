"""Every column of regions.csv is data: changing the Region row changes the outcome, with no code change.

(``head_must_be_legal_rep`` and the residence-permit side of ``individual_residency`` decide required
materials: their tests are in ``test_materials.py``.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from common.errors import ApplicationError
from entities.models import Region
from filings import services
from reviews import services as review_services
from simulators.registrar import stage_domain
from tests.builders import mobile, resident_id

pytestmark = pytest.mark.django_db


def _set(code: str, **values) -> None:
    Region.objects.filter(code=code).update(**values)


def _approve(build, filing, specialist):
    filing = build.to(filing, "provider_review")
    review_services.review_claim(filing=filing, by=specialist)
    return review_services.review_approve(filing=filing, by=specialist)


def test_sms_required(build, sam):
    filing = _approve(build, build.start(region="CN-BJ"), sam)
    assert services.filing_hand_to_miit(filing_id=filing.pk).state == "miit_review"
    _set("CN-BJ", sms_required=True)
    filing = _approve(build, build.start(region="CN-BJ"), sam)
    assert services.filing_hand_to_miit(filing_id=filing.pk).state == "sms_verification"


def test_individual_residency(build):
    beijing_id = resident_id("110101")
    with pytest.raises(ApplicationError) as refused:
        build.start(region="CN-SX", certificate_number=beijing_id)  # Shanxi: local_only
    assert "entity.region" in refused.value.fields or "entity.certificate_number" in refused.value.fields
    _set("CN-SX", individual_residency="residence_permit")
    assert build.start(region="CN-SX", certificate_number=beijing_id).state == "type_detection"


def test_local_phone_required(build, alice):
    filing = build.to(build.start(region="CN-BJ"), "information")
    info = build.information(filing)
    info["entity_head"]["mobile"] = mobile("CN-ZJ")
    with pytest.raises(ApplicationError) as refused:
        services.filing_save_information(filing=filing, by=alice, **info)
    assert "entity.head.mobile" in refused.value.fields
    _set("CN-BJ", local_phone_required=False)
    services.filing_save_information(filing=filing, by=alice, **info)


def test_domain_min_months(build, alice):
    filing = build.to(build.start(region="CN-BJ", domains=["expiring.com"]), "information")
    info = build.information(filing)
    services.filing_save_information(filing=filing, by=alice, **info)
    stage_domain(
        domain="expiring.com",
        holder_name=info["entity"]["name"],
        holder_certificate_number=filing.entity.certificate_number,
        real_name_verified_at=timezone.localdate() - dt.timedelta(days=30),
        expires_at=timezone.localdate() + dt.timedelta(days=60),
    )
    _set("CN-BJ", domain_min_months=3)
    with pytest.raises(ApplicationError) as refused:
        services.filing_enter_information(filing=filing, by=alice)
    assert "websites.0.domain" in refused.value.fields
    _set("CN-BJ", domain_min_months=0)
    assert services.filing_enter_information(filing=filing, by=alice).state == "materials"


def test_max_domains_per_order(build):
    with pytest.raises(ApplicationError) as refused:
        build.start(region="CN-HB", domains=["one.com", "two.com"])  # Hubei: 1 domain per order
    assert "websites" in refused.value.fields
    _set("CN-HB", max_domains_per_order=None)
    assert build.start(region="CN-HB", domains=["one.com", "two.com"]).filing_websites.count() == 2


def test_min_age(build):
    teenager = resident_id("150102", birth=f"{timezone.localdate().year - 17}0101")  # Inner Mongolia: 18
    with pytest.raises(ApplicationError) as refused:
        build.start(region="CN-NM", certificate_number=teenager)
    assert "entity.certificate_number" in refused.value.fields
    _set("CN-NM", min_age=None)
    assert build.start(region="CN-NM", certificate_number=teenager).state == "type_detection"


def test_mailing_rule(build, sam):
    assert _approve(build, build.start(region="CN-BJ"), sam).state == "miit_submission"
    _set("CN-BJ", mailing_rule="always")
    assert _approve(build, build.start(region="CN-BJ"), sam).state == "mailing"
    _set("CN-BJ", mailing_rule="individual>1;organization>31")
    assert _approve(build, build.start(region="CN-BJ", domains=["a1.com", "a2.com"]), sam).state == "mailing"


def test_individual_name_blacklist(build, alice):
    filing = build.to(build.start(region="CN-BJ"), "information")
    info = build.information(filing)
    info["websites"][0]["name"] = "山水评论集"  # 评论 is on Beijing's list only
    with pytest.raises(ApplicationError) as refused:
        services.filing_save_information(filing=filing, by=alice, **info)
    assert "websites.0.name" in refused.value.fields
    _set("CN-BJ", individual_name_blacklist="合伙 中心")
    services.filing_save_information(filing=filing, by=alice, **info)

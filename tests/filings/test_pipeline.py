"""End to end through a real Celery worker and the MIIT simulator: one filing of each type, with and without
SMS verification, and one through the mailing branch."""

from __future__ import annotations

import itertools
import re

import pytest
from django.conf import settings

from entities.models import EntityNature, Region
from filings import services
from filings.models import Filing
from filings.states import FilingType
from reviews import services as review_services
from simulators.miit import latest_code_sent_to, stage_registry_entity
from simulators.models import MiitRegistryEntity, MiitRegistryWebsite, MiitSubmission
from tests.builders import credit_code, resident_id
from tests.conftest import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

OTHER_PROVIDER = "OTHERCLOUD"


def _stage(region: str, certificate: str, nature: str, websites: list[tuple[str, list[str]]]) -> None:
    stage_registry_entity(
        certificate_type="resident_id" if nature == EntityNature.INDIVIDUAL else "business_licence",
        certificate_number=certificate,
        region_code=region,
        nature=nature,
        name="已备案主体",
        websites=[(domain, "已备案网站", providers) for domain, providers in websites],
    )


# (filing type, region, what MIIT already holds for the entity, the domains filed, the second filing's type)
CASES = [
    ("initial", "CN-BJ", None, ["first-bj.com"], FilingType.NEW_WEBSITE_ENTITY_HERE),
    ("initial", "CN-ZJ", None, ["first-zj.cn"], FilingType.NEW_WEBSITE_ENTITY_HERE),
    (
        "new_access",
        "CN-SC",
        [("moved.com", [OTHER_PROVIDER])],
        ["moved.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "new_access",
        "CN-JL",
        [("moved-jl.com", [OTHER_PROVIDER])],
        ["moved-jl.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "new_website_entity_here",
        "CN-GS",
        [("old.com", ["__here__"])],
        ["new.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "new_website_entity_here",
        "CN-SH",
        [("old-sh.com", ["__here__"])],
        ["new-sh.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "new_website_entity_elsewhere",
        "CN-TJ",
        [("there.com", [OTHER_PROVIDER])],
        ["here.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "new_website_entity_elsewhere",
        "CN-LN",
        [("there-ln.com", [OTHER_PROVIDER])],
        ["here-ln.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "new_website_entity_at_miit",
        "CN-HB",
        [("gone.com", [])],
        ["again.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
    (
        "new_website_entity_at_miit",
        "CN-JX",
        [("gone-jx.com", [])],
        ["again-jx.com"],
        FilingType.NEW_WEBSITE_ENTITY_HERE,
    ),
]


def _drive_to_approved(build, filing: Filing, specialist) -> Filing:
    """Approve as a specialist, mail if asked, answer MIIT's SMS if asked, and wait for the numbers."""
    if filing.state != "mailing":
        filing = build.to(filing, "provider_review")
        review_services.review_claim(filing=filing, by=specialist)
        filing = review_services.review_approve(filing=filing, by=specialist)
    if filing.state == "mailing":
        services.filing_enter_mailing(
            filing=filing, by=filing.applicant, courier="EMS", tracking_number="EMS123"
        )
        review_services.review_claim(filing=filing, by=specialist)
        review_services.review_confirm_mail(filing=filing, by=specialist)
    wait_until(
        lambda: Filing.objects.get(pk=filing.pk).state in ("sms_verification", "miit_review", "approved")
    )
    filing.refresh_from_db()
    if filing.state == "sms_verification":
        people = {p.mobile: p for p in filing.entity.people.all()}
        for verification in filing.sms_verifications.all():
            code = latest_code_sent_to(verification.mobile)
            tail = people[verification.mobile].certificate_number[-6:]
            services.filing_verify_sms_code(
                filing=filing,
                by=filing.applicant,
                mobile=verification.mobile,
                code=code,
                certificate_tail=tail,
            )
    wait_until(lambda: Filing.objects.get(pk=filing.pk).state == "approved")
    filing.refresh_from_db()
    return filing


def _expected_transitions(*, mailing: bool, sms: bool) -> list[str]:
    return [
        "detect_type",
        "verify_instance",
        "enter_information",
        "complete_materials",
        "submit",
        "approve",
        *(["confirm_mail_received"] if mailing else []),
        "hand_to_miit",
        *(["verify_sms"] if sms else []),
        "miit_approve",
    ]


@pytest.mark.parametrize(("filing_type", "region_code", "registry", "domains", "second_type"), CASES)
def test_each_filing_type_reaches_approved_with_numbers(
    celery_worker, build, sam, filing_type, region_code, registry, domains, second_type
):
    region = Region.objects.get(code=region_code)
    certificate = resident_id(f"{region.division}0101")
    if registry is not None:
        resolved = [(d, [settings.PROVIDER_CODE if p == "__here__" else p for p in ps]) for d, ps in registry]
        _stage(region_code, certificate, EntityNature.INDIVIDUAL, resolved)
    known_numbers = dict(MiitRegistryWebsite.objects.values_list("domain", "website_number"))

    filing = build.start(region=region_code, certificate_number=certificate, domains=domains)
    filing = build.to(filing, "instance_verification")
    assert filing.filing_type == filing_type

    filing = _drive_to_approved(build, filing, sam)

    # Numbers in the region's format: <prefix>ICP备<YYYY><6 digits>号 and <entity number>-<n>.
    entity_number = filing.entity.icp_number
    assert re.fullmatch(rf"{region.icp_prefix}ICP备\d{{4}}\d{{6}}号", entity_number)
    for item in filing.filing_websites.select_related("website__domain"):
        website = item.website
        assert re.fullmatch(rf"{re.escape(entity_number)}-\d+", website.website_number)
        if website.domain.ascii_name in known_numbers:  # new_access keeps the number the website had
            assert website.website_number == known_numbers[website.domain.ascii_name]
        assert item.service_number.consumed_at is not None

    # One event per transition, in order, each with its actor.
    events = list(filing.events.all())
    assert [e.transition for e in events] == _expected_transitions(mailing=False, sms=region.sms_required)
    assert [e.actor_role for e in events if e.transition in ("hand_to_miit", "miit_approve")] == [
        "system"
    ] * 2
    assert all(e.to_state == n.from_state for e, n in itertools.pairwise(events))

    # MIIT's registry now knows the entity and this provider as access provider of every filed domain.
    registry_entity = MiitRegistryEntity.objects.get(icp_number=entity_number)
    for domain in domains:
        assert settings.PROVIDER_CODE in registry_entity.websites.get(domain=domain).access_providers
    assert MiitSubmission.objects.filter(certificate_hash=registry_entity.certificate_hash).count() == 1

    # A second filing for the same entity is detected from what the registry learned.
    second = build.start(region=region_code, certificate_number=certificate, domains=["second-site.com"])
    second = services.filing_detect_type(filing=second, by=second.applicant)
    assert second.filing_type == second_type
    assert second.entity.icp_number == entity_number


def test_a_second_filing_for_a_domain_filed_elsewhere_is_new_access(celery_worker, build, sam):
    """The access side: an entity filed through another provider adds this one (new_access keeps numbers)."""
    certificate = credit_code("110000")
    _stage("CN-BJ", certificate, EntityNature.ENTERPRISE, [("corp.com", [OTHER_PROVIDER])])
    filing = build.to(
        build.start(nature=EntityNature.ENTERPRISE, certificate_number=certificate, domains=["corp.com"]),
        "instance_verification",
    )
    assert filing.filing_type == FilingType.NEW_ACCESS
    filing = _drive_to_approved(build, filing, sam)
    website = MiitRegistryWebsite.objects.get(domain="corp.com")
    assert website.access_providers == [OTHER_PROVIDER, settings.PROVIDER_CODE]
    assert filing.filing_websites.get().website.website_number == website.website_number

    refiled = build.start(
        nature=EntityNature.ENTERPRISE, certificate_number=certificate, domains=["corp.com"]
    )
    with pytest.raises(Exception) as refused:
        services.filing_detect_type(filing=refiled, by=refiled.applicant)
    assert refused.value.code == "already_filed_here"


def test_mailing_branch_in_guangdong(celery_worker, build, sam):
    """Guangdong: an individual who will hold more than 5 domains mails paper materials before MIIT."""
    domains = [f"gd-site-{n}.com" for n in range(6)]
    filing = build.start(region="CN-GD", domains=domains)
    filing = build.to(filing, "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    filing = review_services.review_approve(filing=filing, by=sam)
    assert filing.state == "mailing"

    filing = _drive_to_approved(build, filing, sam)
    assert [e.transition for e in filing.events.all()] == _expected_transitions(mailing=True, sms=False)
    assert filing.entity.icp_number.startswith("粤ICP备")
    numbers = sorted(i.website.website_number for i in filing.filing_websites.select_related("website"))
    assert numbers == sorted(f"{filing.entity.icp_number}-{n}" for n in range(1, 7))


def test_five_domains_in_guangdong_skip_mailing(build, sam, db):
    filing = build.to(
        build.start(region="CN-GD", domains=[f"gd5-{n}.com" for n in range(5)]), "provider_review"
    )
    review_services.review_claim(filing=filing, by=sam)
    assert review_services.review_approve(filing=filing, by=sam).state == "miit_submission"

"""Type detection through the MIIT gateway and the simulator's registry (the portal's side of the table)."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError
from entities.models import Entity, Region
from filings import services
from filings.models import Filing
from simulators.miit import stage_registry_entity
from tests.builders import credit_code, resident_id

pytestmark = pytest.mark.django_db


def test_initial_filing_stores_the_type_and_records_the_event(build, alice):
    filing = services.filing_detect_type(filing=build.start(), by=alice)
    assert filing.state == "instance_verification"
    assert filing.filing_type == "initial"
    event = filing.events.get()
    assert (event.actor, event.transition, event.from_state, event.to_state) == (
        alice,
        "detect_type",
        "type_detection",
        "instance_verification",
    )
    assert event.payload == {"filing_type": "initial"}


def test_an_open_filing_here_blocks_a_second_one_for_the_same_certificate(build, alice, bob):
    certificate = resident_id()
    build.to(build.start(certificate_number=certificate), "instance_verification")
    second = build.start(applicant=bob, certificate_number=certificate, domains=["other.com"])
    with pytest.raises(ApplicationError) as refused:
        services.filing_detect_type(filing=second, by=bob)
    assert refused.value.code == "open_order_exists"
    second.refresh_from_db()
    assert second.state == "type_detection"  # nothing changed, nothing recorded
    assert not second.events.exists()


def test_a_withdrawn_filing_does_not_count_as_open(build, alice):
    certificate = resident_id()
    first = build.to(build.start(certificate_number=certificate), "instance_verification")
    services.filing_withdraw(filing=first, by=alice)
    second = services.filing_detect_type(filing=build.start(certificate_number=certificate), by=alice)
    assert second.filing_type == "initial"


def test_a_domain_of_another_entity_is_a_conflict(build, alice):
    stage_registry_entity(
        certificate_type="resident_id",
        certificate_number=resident_id(),
        region_code="CN-BJ",
        nature="individual",
        name="李四",
        websites=[("taken.com", "李四的主页", ["OTHERCLOUD"])],
    )
    filing = build.start(domains=["TAKEN.com"])
    with pytest.raises(ApplicationError) as refused:
        services.filing_detect_type(filing=filing, by=alice)
    assert refused.value.code == "domain_conflict"
    assert list(refused.value.fields) == ["websites.0.domain"]


def test_the_region_rule_empty_entity_must_cancel_is_data(build, alice):
    certificate = resident_id()
    stage_registry_entity(
        certificate_type="resident_id",
        certificate_number=certificate,
        region_code="CN-BJ",
        nature="individual",
        name="张三",
        websites=[("old.com", "旧网站", [])],
    )
    filing = services.filing_detect_type(filing=build.start(certificate_number=certificate), by=alice)
    assert filing.filing_type == "new_website_entity_at_miit"
    services.filing_withdraw(filing=filing, by=alice)

    Region.objects.filter(code="CN-BJ").update(empty_entity_must_cancel=True)
    with pytest.raises(ApplicationError) as refused:
        services.filing_detect_type(filing=build.start(certificate_number=certificate), by=alice)
    assert refused.value.code == "empty_entity_must_cancel"


def test_start_refuses_bad_input_with_field_paths(alice):
    region = Region.objects.get(code="CN-BJ")
    cases = [
        ([], "websites"),
        (["a.com", "A.COM"], "websites.1.domain"),
        (["not a domain"], "websites.0.domain"),
        (["localhost"], "websites.0.domain"),
        ([f"s{n}.com" for n in range(11)], "websites"),
    ]
    for domains, field in cases:
        with pytest.raises(ApplicationError) as refused:
            services.filing_start(
                applicant=alice,
                region=region,
                nature="individual",
                certificate_type="resident_id",
                certificate_number=resident_id(),
                domains=domains,
            )
        assert field in refused.value.fields, domains
    assert not Filing.objects.exists()


def test_domains_are_normalised_and_idn_kept_in_both_forms(build):
    filing = build.start(domains=["WWW.Example.COM.", "例子.中国"])
    names = [(i.website.domain.name, i.website.domain.ascii_name) for i in filing.filing_websites.all()]
    assert names == [("www.example.com", "www.example.com"), ("例子.中国", "xn--fsqu00a.xn--fiqs8s")]


def _spellings(number: str) -> list[str]:
    """One certificate number as applicants write it: compact, grouped with hyphens or spaces, dashed."""
    return [
        number,
        f"{number[:4]}-{number[4:8]}-{number[8:]}",
        f"{number[:6]} {number[6:14]} {number[14:]}",
        f"{number[:8]}\u2013{number[8:]}",
    ]


def test_spellings_of_one_certificate_number_are_one_entity_stored_compact(build, alice):
    number = credit_code()
    filings = [
        build.start(nature="enterprise", certificate_number=spelling) for spelling in _spellings(number)
    ]

    assert len({filing.entity_id for filing in filings}) == 1
    entity = Entity.objects.get(owner=alice)
    assert (entity.certificate_number, entity.certificate_number_masked) == (
        number,
        f"{number[:4]}**********{number[-4:]}",
    )


def test_a_hyphenated_number_does_not_get_round_the_one_open_filing_rule(build, alice, bob):
    number = credit_code()
    build.to(build.start(nature="enterprise", certificate_number=number), "instance_verification")
    second = build.start(
        applicant=bob, nature="enterprise", certificate_number=_spellings(number)[1], domains=["other.com"]
    )

    with pytest.raises(ApplicationError) as refused:
        services.filing_detect_type(filing=second, by=bob)

    assert refused.value.code == "open_order_exists"


def test_a_hyphenated_number_is_found_in_the_miit_registry(build, alice):
    number = credit_code()
    stage_registry_entity(
        certificate_type="business_licence",
        certificate_number=number,
        region_code="CN-BJ",
        nature="enterprise",
        name="北京示例科技有限公司",
        websites=[("there.com", "示例科技产品展示", ["OTHERCLOUD"])],
    )
    filing = build.start(nature="enterprise", certificate_number=_spellings(number)[1], domains=["here.com"])

    filing = services.filing_detect_type(filing=filing, by=alice)

    assert filing.filing_type == "new_website_entity_elsewhere"


def test_a_number_in_other_scripts_digits_is_the_same_entity_stored_in_ascii(build, alice):
    number = resident_id()
    arabic_indic = number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    devanagari = number.translate(str.maketrans("0123456789", "०१२३४५६७८९"))

    filings = [build.start(certificate_number=spelling) for spelling in (number, arabic_indic, devanagari)]

    assert len({filing.entity_id for filing in filings}) == 1
    assert Entity.objects.get(owner=alice).certificate_number == number

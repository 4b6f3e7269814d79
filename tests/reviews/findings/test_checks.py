"""Each automated check: a filing built to trigger it gets the finding with its field and severity; a clean
filing gets none. The filings are built clean (as submit leaves them), then the world changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from entities.models import ApprovedTld, Person, Region, SensitiveWord
from instances.models import Instance
from materials.models import Material
from reviews.findings import findings_compute, run_findings
from simulators.registrar import stage_domain
from tests.builders import registry_entity, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(build):
    return build.to(build.start(), "provider_review")


def found(filing) -> dict[tuple[str, str], str]:
    """(code, field) → severity of every finding the checks give now."""
    return {(item.code, item.field): item.severity for item in run_findings(filing)}


def test_a_clean_filing_has_no_finding(in_review, build):
    assert run_findings(in_review) == []
    assert findings_compute(filing_id=in_review.pk, review_round=in_review.review_round) == []
    enterprise = build.to(build.start(nature="enterprise", region="CN-ZJ"), "provider_review")
    assert run_findings(enterprise) == []


def _domain(filing) -> str:
    return filing.filing_websites.get().website.domain.ascii_name


def test_a_certificate_number_that_no_longer_checks_out_is_blocking(in_review):
    entity = in_review.entity
    number = entity.certificate_number
    entity.set_certificate_number(number[:-1] + ("0" if number[-1] != "0" else "1"))  # the check digit
    entity.save()
    assert found(in_review)[("ric_checksum", "entity.certificate_number")] == "blocking"


def test_a_region_raising_its_minimum_age_makes_the_birth_date_a_finding(in_review):
    Region.objects.filter(pk=in_review.region_id).update(min_age=80)
    findings = found(in_review)
    assert findings and all(field.endswith("certificate_number") for _code, field in findings)
    assert set(findings.values()) == {"blocking"}


def test_registrar_holder_and_expiry_changed_since_submit(in_review):
    stage_domain(
        domain=_domain(in_review),
        holder_name="李四",
        holder_certificate_number=resident_id(),
        real_name_verified_at=timezone.localdate() - dt.timedelta(days=30),
        expires_at=timezone.localdate(),
    )
    findings = found(in_review)
    assert findings[("domain_holder_name_mismatch", "websites.0.domain")] == "blocking"
    assert findings[("domain_holder_certificate_mismatch", "websites.0.domain")] == "blocking"
    assert findings[("domain_expired", "websites.0.domain")] == "blocking"
    holder = next(item for item in run_findings(in_review) if item.code == "domain_holder_name_mismatch")
    assert holder.evidence == {"group": "registrar", "domain": _domain(in_review)}
    assert "李四" in holder.message and " / " in holder.message


def test_a_region_asking_more_months_before_expiry_and_a_withdrawn_verification(in_review):
    Region.objects.filter(pk=in_review.region_id).update(domain_min_months=36)
    entity = in_review.entity
    stage_domain(
        domain=_domain(in_review),
        holder_name=entity.name,
        holder_certificate_number=entity.certificate_number,
        real_name_verified_at=None,
        expires_at=timezone.localdate() + dt.timedelta(days=730),
    )
    assert found(in_review) == {
        ("domain_expires_too_soon", "websites.0.domain"): "blocking",
        ("domain_not_verified", "websites.0.domain"): "blocking",
    }


def test_a_domain_filed_at_miit_under_another_entity_since_step_1_is_blocking(in_review):
    registry_entity(resident_id(), [(_domain(in_review), "别人的网站", ["OTHERISP"])])
    item = next(item for item in run_findings(in_review) if item.field == "websites.0.domain")
    assert (item.code, item.severity) == ("domain_conflict", "blocking")
    zh, en = item.message.split(" / ")
    assert "another entity" in en and zh != en


def test_the_registry_giving_another_filing_type_now_is_blocking(in_review):
    registry_entity(in_review.entity.certificate_number, [("elsewhere.com", "别处", ["OTHERISP"])])
    assert found(in_review) == {("filing_type_changed", "filing_type"): "blocking"}
    (item,) = run_findings(in_review)
    assert item.evidence == {"group": "registry", "was": "initial", "now": "new_website_entity_elsewhere"}
    assert "Initial filing (首次备案)" in item.message.split(" / ")[1]


def test_a_sensitive_word_added_since_submit_is_a_name_finding(in_review):
    website = in_review.filing_websites.get().website
    SensitiveWord.objects.create(word=website.name[-2:])
    findings = found(in_review)
    assert [key for key in findings if key[1] == "websites.0.name"] and set(findings.values()) == {"blocking"}


def test_a_tld_withdrawn_since_submit_is_a_domain_finding(in_review):
    ApprovedTld.objects.filter(name="com").update(active=False)
    findings = found(in_review)
    assert [severity for (_code, field), severity in findings.items() if field == "websites.0.domain"] == [
        "blocking"
    ]


def test_a_mobile_another_entity_took_is_blocking_and_a_shared_email_advisory(in_review, build, bob):
    other = build.to(build.start(applicant=bob), "materials")
    head = in_review.entity.head
    Person.objects.filter(pk=other.entity.head_id).update(mobile=head.mobile, email=head.email.upper())
    findings = found(in_review)
    assert findings[("mobile_used_by_other_entity", "entity.head.mobile")] == "blocking"
    assert findings[("email_used_by_other_entity", "entity.head.email")] == "advisory"


def test_the_same_person_in_charge_of_two_entities_may_keep_one_email(in_review, build, bob):
    other = build.to(build.start(applicant=bob), "materials")
    head = in_review.entity.head
    Person.objects.filter(pk=other.entity.head_id).update(
        email=head.email, certificate_number_hash=head.certificate_number_hash
    )
    assert found(in_review) == {}


def test_image_checks_of_the_current_materials_become_advisory_rows(in_review):
    material = Material.objects.filter(filing=in_review, status="accepted", website__isnull=True).first()
    Material.objects.filter(pk=material.pk).update(
        findings=[
            {"code": "blurry", "severity": "advisory", "message": "模糊 / Blurry"},
            {"code": "duplicate_image", "severity": "advisory", "message": "重复 / Twin", "other": "x"},
        ]
    )
    rows = findings_compute(filing_id=in_review.pk, review_round=in_review.review_round)
    assert {(row.code, row.field, row.severity) for row in rows} == {
        ("blurry", f"materials.{material.kind}", "advisory"),
        ("duplicate_image", f"materials.{material.kind}", "advisory"),
    }
    twin = next(row for row in rows if row.code == "duplicate_image")
    assert twin.evidence == {"group": "materials", "material": str(material.code), "other": "x"}
    assert not any(row.is_open for row in rows)


def test_an_image_finding_of_a_replaced_or_rejected_upload_is_not_copied(in_review):
    Material.objects.filter(filing=in_review).exclude(status="accepted").update(
        findings=[{"code": "blurry", "severity": "advisory", "message": "模糊 / Blurry"}]
    )
    assert found(in_review) == {}


def test_an_instance_running_out_since_submit_is_blocking(in_review):
    instance = in_review.filing_websites.get().service_number.instance
    Instance.objects.filter(pk=instance.pk).update(expires_at=timezone.now() + dt.timedelta(days=10))
    assert found(in_review) == {("instance_expires_too_soon", "websites.0.service_number"): "blocking"}

"""The operators' reference data in the admin (issue 14): editable, and a bad value is refused with an error
beside its field (regions and their rules, approved TLDs, sensitive words, the reason catalogue, instances)."""

from __future__ import annotations

from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from entities.models import ApprovedTld, Region, SensitiveWord
from instances.models import Instance
from reviews.models import RejectionReason

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(client, olga):
    client.force_login(olga)
    return client


def form_data(obj: Any) -> dict[str, Any]:
    return {name: "" if value is None else value for name, value in model_to_dict(obj).items()}


def post_change(client, obj: Any, **changes: Any):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return client.post(url, {**form_data(obj), **changes})


def field_errors(response) -> dict[str, list[str]]:
    assert response.status_code == 200, "the form was accepted"
    return {name: list(errors) for name, errors in response.context["adminform"].form.errors.items()}


# --- Regions ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("code", "Beijing"),
        ("division", "1"),
        ("icp_prefix", "JB"),
        ("icp_prefix_alt", "京津"),
        ("psb_prefix", "京备"),
        ("mailing_rule", "individual>five"),
        ("mailing_rule", "individual>5;individual>6"),
        ("individual_name_forms", "的个人博客"),
        ("extra_pre_approval_categories", "education gambling"),
        ("individual_excluded_tlds", "org notatld"),
        ("min_age", "3"),
        ("review_workdays", "0"),
        ("max_domains_per_order", "0"),
    ],
)
def test_a_bad_regional_rule_is_refused_beside_its_field(operator, field, value):
    region = Region.objects.get(code="CN-BJ")
    errors = field_errors(post_change(operator, region, **{field: value}))
    assert list(errors) == [field]
    region.refresh_from_db()
    assert str(getattr(region, field) or "") != value


def test_good_regional_rules_are_saved_in_the_form_the_rules_read(operator):
    region = Region.objects.get(code="CN-ZJ")
    response = post_change(
        operator,
        region,
        mailing_rule=" individual > 5 ; organization>31",
        individual_name_blacklist="论坛  社区 论坛",
        individual_name_forms="某某的个人博客 某某的个人主页",
        extra_pre_approval_categories="education health_care",
        individual_excluded_tlds=".ORG",
        second_approval_required="on",
    )
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.mailing_rule == "individual>5;organization>31"
    assert region.individual_name_blacklist == "论坛 社区"
    assert region.individual_name_forms.split() == ["某某的个人博客", "某某的个人主页"]
    assert region.extra_pre_approval_categories == "education health_care"
    assert region.individual_excluded_tlds == "org"
    assert region.second_approval_required


# --- Approved TLDs and sensitive words -------------------------------------------------------------------
def test_an_approved_tld_is_stored_in_the_form_the_rules_compare(operator):
    response = operator.post(
        reverse("admin:entities_approvedtld_add"), {"name": ".XN--3DS443G", "active": "on"}
    )
    assert response.status_code == 302
    assert ApprovedTld.objects.filter(name="在线").exists()


@pytest.mark.parametrize("value", ["com", ".", "exa mple", "-bad-"])
def test_a_bad_or_duplicate_tld_is_refused(operator, value):
    response = operator.post(reverse("admin:entities_approvedtld_add"), {"name": value, "active": "on"})
    assert list(field_errors(response)) == ["name"]


def test_a_sensitive_word_is_one_word(operator):
    response = operator.post(reverse("admin:entities_sensitiveword_add"), {"word": "两个 词"})
    assert list(field_errors(response)) == ["word"]
    response = operator.post(reverse("admin:entities_sensitiveword_add"), {"word": " ＡＢＣ赌场 "})
    assert response.status_code == 302
    assert SensitiveWord.objects.filter(word="ABC赌场").exists()


# --- Rejection reasons ----------------------------------------------------------------------------------
GOOD_REASON = {
    "code": "domain_parked",
    "group": "domain",
    "applies_to": "website.domain",
    "text_zh": "域名处于停放状态",
    "text_en": "The domain is parked",
    "active": "on",
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("code", "Domain-Parked"),
        ("group", "misc"),
        ("applies_to", "the domain"),
        ("text_zh", "The domain is parked"),
        ("text_en", "域名处于停放状态"),
    ],
)
def test_a_bad_reason_is_refused_beside_its_field(operator, field, value):
    response = operator.post(reverse("admin:reviews_rejectionreason_add"), {**GOOD_REASON, field: value})
    assert list(field_errors(response)) == [field]


def test_a_reason_is_added_and_its_code_never_changes(operator):
    response = operator.post(reverse("admin:reviews_rejectionreason_add"), GOOD_REASON)
    assert response.status_code == 302
    reason = RejectionReason.objects.get(code="domain_parked")
    response = post_change(operator, reason, code="renamed", text_en="Parked domain", active="")
    assert response.status_code == 302
    reason.refresh_from_db()
    assert (reason.code, reason.text_en, reason.active) == ("domain_parked", "Parked domain", False)


# --- Instances ------------------------------------------------------------------------------------------
def instance_data(owner, **changes: Any) -> dict[str, Any]:
    return {
        "owner": owner.pk,
        "instance_id": "i-bp1adminadded01",
        "kind": "ecs",
        "cloud_region": "cn-hangzhou",
        "is_mainland": "on",
        "public_ip": "47.96.1.2",
        "billing": "subscription",
        "expires_at_0": "2030-01-01",
        "expires_at_1": "00:00:00",
        "service_numbers-TOTAL_FORMS": "0",
        "service_numbers-INITIAL_FORMS": "0",
        **changes,
    }


def test_an_instance_added_in_the_admin_gets_its_five_service_numbers(operator, alice):
    response = operator.post(reverse("admin:instances_instance_add"), instance_data(alice))
    assert response.status_code == 302
    instance = Instance.objects.get(instance_id="i-bp1adminadded01")
    assert instance.service_numbers.count() == 5


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("instance_id", {"instance_id": "my server"}),
        ("cloud_region", {"cloud_region": "Hangzhou"}),
        ("public_ip", {"public_ip": "192.168.1.10"}),
        ("is_mainland", {"cloud_region": "cn-hongkong"}),
        ("is_mainland", {"cloud_region": "ap-southeast-1"}),
        ("expires_at", {"expires_at_0": "", "expires_at_1": ""}),
    ],
)
def test_a_bad_instance_is_refused_beside_its_field(operator, alice, field, changes):
    response = operator.post(reverse("admin:instances_instance_add"), instance_data(alice, **changes))
    assert list(field_errors(response)) == [field]
    assert not Instance.objects.filter(instance_id="i-bp1adminadded01").exists()

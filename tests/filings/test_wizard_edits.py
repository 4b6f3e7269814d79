"""Editing earlier steps, withdrawing, and the provider's return-and-resubmit loop."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from filings import services
from filings.models import Filing
from reviews import services as review_services

pytestmark = pytest.mark.django_db


def test_changing_the_service_numbers_in_self_check_goes_back_to_step_2(build, alice):
    filing = build.to(build.start(), "self_check")
    new_numbers = build.service_numbers(filing, 1)
    services.filing_assign_service_numbers(filing=filing, by=alice, service_numbers=new_numbers)
    filing.refresh_from_db()
    assert filing.state == "instance_verification"
    event = filing.events.last()
    assert (event.transition, event.from_state, event.to_state, event.payload) == (
        "reopen",
        "self_check",
        "instance_verification",
        {"step": "instance_verification"},
    )
    assert filing.filing_websites.get().service_number.code == new_numbers[0]


def test_changing_information_in_materials_goes_back_to_step_3_and_keeps_the_data(build, alice):
    filing = build.to(build.start(), "materials")
    info = build.information(filing)
    info["entity"]["mailing_address"] = "北京市西城区金融大街2号"
    services.filing_save_information(filing=filing, by=alice, **info)
    filing.refresh_from_db()
    assert filing.state == "information"
    assert filing.entity.mailing_address == "北京市西城区金融大街2号"


def test_editing_the_current_step_does_not_move_the_filing(build, alice):
    filing = build.to(build.start(), "instance_verification")
    services.filing_assign_service_numbers(
        filing=filing, by=alice, service_numbers=build.service_numbers(filing, 1)
    )
    filing.refresh_from_db()
    assert filing.state == "instance_verification"
    assert filing.events.count() == 1


def test_a_later_step_cannot_be_edited_early_and_a_submitted_filing_not_at_all(build, alice):
    filing = build.to(build.start(), "instance_verification")
    with pytest.raises(TransitionConflict):
        services.filing_save_information(filing=filing, by=alice, **build.information(filing))
    submitted = build.to(build.start(), "provider_review")
    with pytest.raises(TransitionConflict):
        services.filing_assign_service_numbers(
            filing=submitted, by=alice, service_numbers=build.service_numbers(submitted, 1)
        )


def test_another_applicant_cannot_edit(build, bob):
    filing = build.to(build.start(), "instance_verification")
    with pytest.raises(NotPermitted):
        services.filing_assign_service_numbers(
            filing=filing, by=bob, service_numbers=build.service_numbers(filing, 1)
        )


def test_reopen_only_goes_back_and_never_to_type_detection(build, alice):
    filing = build.to(build.start(), "information")
    for step in ("type_detection", "information", "materials", "nonsense"):
        with pytest.raises(ApplicationError) as refused:
            services.filing_reopen(filing=filing, by=alice, step=step)
        assert "step" in refused.value.fields
    assert services.filing_reopen(filing=filing, by=alice, step="instance_verification").state == (
        "instance_verification"
    )


def test_service_number_rules(build, alice, bob):
    filing = build.to(build.start(domains=["a.com", "b.com"]), "instance_verification")
    numbers = build.service_numbers(filing, 2)
    cases = [
        ([numbers[0], numbers[0]], "websites.1.service_number"),  # one number per website
        ([numbers[0], "NO-SUCH-NUMBER"], "websites.1.service_number"),
        ([numbers[0]], "websites"),  # one per website
    ]
    for given, field in cases:
        with pytest.raises(ApplicationError) as refused:
            services.filing_assign_service_numbers(filing=filing, by=alice, service_numbers=given)
        assert field in refused.value.fields
    services.filing_assign_service_numbers(
        filing=filing, by=alice, service_numbers=[n.lower() for n in numbers]
    )

    other = build.to(build.start(applicant=bob), "instance_verification")
    with pytest.raises(ApplicationError) as refused:  # in use by a filing in progress
        services.filing_assign_service_numbers(filing=other, by=bob, service_numbers=[numbers[0]])
    assert "websites.0.service_number" in refused.value.fields


def test_pay_as_you_go_and_overseas_instances_do_not_qualify(build, alice):
    filing = build.to(build.start(), "instance_verification")
    number = build.service_numbers(filing, 1)[0]
    instance = filing.applicant.instances.get(service_numbers__code=number)
    instance.billing, instance.is_mainland = "pay_as_you_go", False
    instance.save()
    with pytest.raises(ApplicationError) as refused:
        services.filing_assign_service_numbers(filing=filing, by=alice, service_numbers=[number])
    messages = " ".join(refused.value.fields["websites.0.service_number"])
    assert "Pay-as-you-go" in messages and "Mainland" in messages


def test_withdraw_until_handed_to_miit(build, alice, bob):
    filing = build.to(build.start(), "self_check")
    with pytest.raises(NotPermitted):
        services.filing_withdraw(filing=filing, by=bob)
    assert services.filing_withdraw(filing=filing, by=alice, reason="changed my mind").state == "withdrawn"
    assert filing.events.last().payload == {"note": "changed my mind"}
    handed = build.to(build.start(), "miit_submission")
    with pytest.raises(TransitionConflict):
        services.filing_withdraw(filing=handed, by=alice)


def test_reject_needs_catalogue_reasons_tied_to_fields_then_resubmit(build, alice, sam):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    for reasons, field in (
        ([], "reasons"),
        ([{"code": "no_such_reason", "field": "entity.name"}], "reasons.0.code"),
        ([{"code": "photo_unclear", "field": ""}], "reasons.0.field"),
    ):
        with pytest.raises(ApplicationError) as refused:
            review_services.review_reject(filing=filing, by=sam, reasons=reasons)
        assert field in refused.value.fields
    filing = review_services.review_reject(
        filing=filing,
        by=sam,
        reasons=[{"code": "website_name_invalid", "field": "websites.0.name"}],
        message="请修改网站名称",
    )
    assert filing.state == "provider_rejected" and filing.claimed_by is None
    event = filing.events.last()
    assert event.reasons == [
        {
            "code": "website_name_invalid",
            "field": "websites.0.name",
            "message": "网站名称不符合要求 / The website name does not meet the naming rules",
        }
    ]
    assert (event.actor, event.payload) == (sam, {"message": "请修改网站名称"})

    info = build.information(filing)  # edited in place while returned: the state does not move
    info["websites"][0]["name"] = "张三的摄影作品集"
    services.filing_save_information(filing=filing, by=alice, **info)
    assert Filing.objects.get(pk=filing.pk).state == "provider_rejected"
    filing = services.filing_resubmit(filing=filing, by=alice)
    assert (filing.state, filing.review_round) == ("provider_review", 2)


def test_two_specialists_claiming_at_once_one_holds_it(build, sam, tina, alice):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    with pytest.raises(TransitionConflict):
        review_services.review_claim(filing=filing, by=tina)
    with pytest.raises(NotPermitted):  # tina does not hold it
        review_services.review_approve(filing=filing, by=tina)
    with pytest.raises(NotPermitted):
        review_services.review_claim(filing=filing, by=alice)
    with pytest.raises(TransitionConflict):
        review_services.review_release(filing=filing, by=tina)
    review_services.review_release(filing=filing, by=sam)
    assert review_services.review_claim(filing=filing, by=tina).claimed_by == tina


def test_a_draft_cannot_be_claimed(build, sam):
    with pytest.raises(TransitionConflict):
        review_services.review_claim(filing=build.start(), by=sam)


def test_mailing_needs_a_tracking_number_from_the_applicant(build, alice, sam):
    filing = build.to(build.start(region="CN-GD", domains=[f"m{n}.com" for n in range(6)]), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    filing = review_services.review_approve(filing=filing, by=sam)
    assert filing.state == "mailing"
    review_services.review_claim(filing=filing, by=sam)
    with pytest.raises(ApplicationError) as refused:
        review_services.review_confirm_mail(filing=filing, by=sam)
    assert "mailing.tracking_number" in refused.value.fields
    with pytest.raises(ApplicationError) as refused:
        services.filing_enter_mailing(filing=filing, by=alice, courier="", tracking_number=" ")
    assert set(refused.value.fields) == {"mailing.courier", "mailing.tracking_number"}
    services.filing_enter_mailing(filing=filing, by=alice, courier="顺丰", tracking_number="SF1234567890")
    assert review_services.review_confirm_mail(filing=filing, by=sam).state == "miit_submission"


def test_the_callers_object_follows_each_transition(build, alice):
    filing = build.start()
    services.filing_detect_type(filing=filing, by=alice)
    assert filing.state == "instance_verification"
    services.filing_assign_service_numbers(
        filing=filing, by=alice, service_numbers=build.service_numbers(filing, 1)
    )
    services.filing_verify_instance(filing=filing, by=alice)
    assert filing.state == "information"

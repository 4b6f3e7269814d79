"""MIIT's SMS verification: codes hashed and single use; 5 wrong codes or 24 hours return the filing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection

from common.errors import ApplicationError, TransitionConflict
from filings import services
from filings.tasks import sms_expiry_sweep_task
from gateways.miit import SmsCheck, miit_gateway
from reviews import services as review_services
from simulators.miit import latest_code_sent_to
from simulators.models import MiitSmsCode

pytestmark = pytest.mark.django_db

SMS_REGION = "CN-ZJ"  # sms_required = yes


@pytest.fixture
def sms_filing(build, sam):
    """An initial filing in an SMS region, handed to MIIT, whose website head differs from the entity head:
    MIIT sends two codes."""
    return build.with_two_sms_codes(region=SMS_REGION, domain="sms-test.com", specialist=sam)


def _people(filing):
    return {p.mobile: p for p in filing.entity.people.all()}


def _answer(filing, mobile_number, code=None, tail=None):
    person = _people(filing)[mobile_number]
    return services.filing_verify_sms_code(
        filing=filing,
        by=filing.applicant,
        mobile=mobile_number,
        code=code if code is not None else latest_code_sent_to(mobile_number),
        certificate_tail=tail if tail is not None else person.certificate_number[-6:],
    )


def test_one_code_per_person_and_the_filing_moves_on_when_all_are_verified(sms_filing):
    mobiles = list(sms_filing.sms_verifications.values_list("mobile", flat=True))
    assert len(mobiles) == 2
    _answer(sms_filing, mobiles[0])
    sms_filing.refresh_from_db()
    assert sms_filing.state == "sms_verification"
    _answer(sms_filing, mobiles[1])
    sms_filing.refresh_from_db()
    assert sms_filing.state == "miit_review"
    assert [e.transition for e in sms_filing.events.all()][-2:] == ["hand_to_miit", "verify_sms"]


def test_codes_are_stored_hashed(sms_filing):
    codes = [latest_code_sent_to(m) for m in sms_filing.sms_verifications.values_list("mobile", flat=True)]
    assert all(code and len(code) == 6 for code in codes)
    for row in MiitSmsCode.objects.all():
        assert row.code_hash not in codes and len(row.code_hash) == 64
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM simulators_miitsmscode")
        dumped = repr(cursor.fetchall())
    assert not any(code in dumped for code in codes)


def test_a_code_is_single_use(sms_filing):
    first = sms_filing.sms_verifications.first().mobile
    code = latest_code_sent_to(first)
    tail = _people(sms_filing)[first].certificate_number[-6:]
    _answer(sms_filing, first, code=code)
    again = miit_gateway().check_sms_code(
        reference=sms_filing.miit_reference, mobile=first, code=code, certificate_tail=tail
    )
    assert again == SmsCheck.UNKNOWN


def test_the_certificate_tail_must_match(sms_filing):
    first = sms_filing.sms_verifications.first().mobile
    with pytest.raises(ApplicationError) as refused:
        _answer(sms_filing, first, tail="000000")
    assert refused.value.code == "sms_code_wrong"
    assert "code" in refused.value.fields


def test_four_wrong_codes_leave_the_filing_and_the_fifth_returns_it(sms_filing):
    first = sms_filing.sms_verifications.first().mobile
    right = latest_code_sent_to(first)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for attempt in range(4):
        with pytest.raises(ApplicationError) as refused:
            _answer(sms_filing, first, code=wrong)
        assert refused.value.code == "sms_code_wrong"
        assert f"{4 - attempt} " in refused.value.fields["code"][0]
    sms_filing.refresh_from_db()
    assert sms_filing.state == "sms_verification"
    with pytest.raises(ApplicationError) as refused:
        _answer(sms_filing, first, code=wrong)
    assert refused.value.code == "sms_verification_failed"
    sms_filing.refresh_from_db()
    assert sms_filing.state == "miit_rejected"
    event = sms_filing.events.last()
    assert (event.transition, event.actor_role) == ("expire_sms", "system")
    assert event.reasons == [{"code": "sms_verification_failed", "field": "filing"}]
    with pytest.raises(TransitionConflict):  # the code no longer counts once the filing is returned
        _answer(sms_filing, first)


def test_wrong_attempts_are_counted_per_person(sms_filing):
    first, second = sms_filing.sms_verifications.values_list("mobile", flat=True)
    for number in (first, second):
        for _ in range(3):
            with pytest.raises(ApplicationError):
                _answer(
                    sms_filing, number, code="999999" if latest_code_sent_to(number) != "999999" else "111111"
                )
    sms_filing.refresh_from_db()
    assert sms_filing.state == "sms_verification"


def test_codes_expire_after_24_hours(sms_filing):
    with time_machine.travel(dt.timedelta(hours=23, minutes=59)):
        sms_expiry_sweep_task()
        sms_filing.refresh_from_db()
        assert sms_filing.state == "sms_verification"
    with time_machine.travel(dt.timedelta(hours=24, minutes=1)):
        sms_expiry_sweep_task()
    sms_filing.refresh_from_db()
    assert sms_filing.state == "miit_rejected"
    assert sms_filing.events.last().reasons == [{"code": "sms_verification_failed", "field": "filing"}]
    assert sms_filing.events.last().payload == {"cause": "timeout"}


def test_a_code_entered_after_24_hours_is_expired(sms_filing):
    first = sms_filing.sms_verifications.first().mobile
    with time_machine.travel(dt.timedelta(hours=24, seconds=1)), pytest.raises(ApplicationError) as refused:
        _answer(sms_filing, first)
    assert refused.value.code == "sms_verification_failed"
    sms_filing.refresh_from_db()
    assert sms_filing.state == "miit_rejected"


def test_a_returned_filing_goes_through_provider_review_again_and_gets_new_codes(sms_filing, sam):
    # A day later (the codes lapsed, and MIIT closed that order), the applicant resubmits and it is approved.
    with time_machine.travel(dt.timedelta(hours=25)):
        sms_expiry_sweep_task()
        sms_filing.refresh_from_db()
        filing = services.filing_resubmit(filing=sms_filing, by=sms_filing.applicant)
        assert filing.state == "provider_review" and filing.review_round == 2
        review_services.review_claim(filing=filing, by=sam)
        review_services.review_approve(filing=filing, by=sam)
        filing = services.filing_hand_to_miit(filing_id=filing.pk)
    assert filing.state == "sms_verification"
    assert filing.sms_verifications.filter(review_round=2).count() == 2


def test_only_the_applicant_answers(sms_filing, bob):
    first = sms_filing.sms_verifications.first().mobile
    with pytest.raises(ApplicationError) as refused:
        services.filing_verify_sms_code(
            filing=sms_filing,
            by=bob,
            mobile=first,
            code=latest_code_sent_to(first),
            certificate_tail="123456",
        )
    assert refused.value.status == 403


def test_a_number_miit_did_not_text_is_refused(sms_filing):
    with pytest.raises(ApplicationError) as refused:
        services.filing_verify_sms_code(
            filing=sms_filing,
            by=sms_filing.applicant,
            mobile="13000000000",
            code="123456",
            certificate_tail="1",
        )
    assert refused.value.code == "sms_unknown_mobile"


def test_miits_order_closes_when_its_codes_lapse(sms_filing):
    entity = sms_filing.entity
    lookup = {
        "certificate_type": entity.certificate_type,
        "certificate_number": entity.certificate_number,
        "domains": [],
    }
    assert miit_gateway().registry_lookup(**lookup).open_order  # waiting for the codes
    with time_machine.travel(dt.timedelta(hours=25)):
        assert not miit_gateway().registry_lookup(**lookup).open_order  # lapsed: MIIT closed it

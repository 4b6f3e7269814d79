"""MIIT's SMS verification page: one form per person MIIT texted, the simulated phone, resend, wrong codes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from common.identity import mask_mobile
from filings.models import Filing, SmsVerification
from simulators.miit import latest_code_sent_to

pytestmark = pytest.mark.django_db

SMS_REGION = "CN-ZJ"  # sms_required = yes


class GatewayWithoutInbox:
    """A MIIT gateway that, like the real one, shows no one the codes it sends."""


@pytest.fixture
def sms_filing(build, sam):
    """An initial filing in an SMS region whose website head differs from the entity head: two codes."""
    return build.with_two_sms_codes(region=SMS_REGION, domain="sms-page.com", specialist=sam)


def _url(filing, verification=None, action="") -> str:
    base = f"/filings/{filing.code}/sms/"
    return f"{base}{verification.pk}/{action}/" if verification else base


def _rows(filing):
    return list(SmsVerification.objects.filter(filing=filing).order_by("sent_at", "id"))


def _tail(filing, verification) -> str:
    return filing.entity.people.filter(mobile=verification.mobile).first().certificate_number[-6:]


def _verify(client, filing, verification, code=None, tail=None):
    prefix = f"sms-{verification.pk}"
    return client.post(
        _url(filing, verification, "verify"),
        {
            f"{prefix}-code": code if code is not None else latest_code_sent_to(verification.mobile),
            f"{prefix}-certificate_tail": tail if tail is not None else _tail(filing, verification),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_each_person_is_listed_with_the_mobile_masked_attempts_and_time_left(client, alice, sms_filing):
    client.force_login(alice)
    page = client.get(_url(sms_filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = _rows(sms_filing)
    assert len(rows) == 2
    for row in rows:
        assert mask_mobile(row.mobile) in page
        assert row.mobile not in page  # masked everywhere, the simulated phone included
        assert f'name="sms-{row.pk}-code"' in page
        assert f'name="sms-{row.pk}-certificate_tail"' in page
        assert f'action="/filings/{sms_filing.code}/sms/{row.pk}/resend/"' in page
    assert "5 attempts left" in page
    assert "Time left: 23" in page  # hours and minutes until sms_expires_at
    assert "李四" in page
    assert 'class="steps"' in page


def test_the_simulated_phone_shows_the_texts_with_the_codes(client, alice, sms_filing):
    client.force_login(alice)
    page = client.get(_url(sms_filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Simulated phone (demo only)" in page
    for row in _rows(sms_filing):
        assert latest_code_sent_to(row.mobile) in page


def test_without_the_simulator_there_is_no_simulated_phone(client, alice, sms_filing, settings):
    settings.MIIT_GATEWAY = "tests.filings.pages.test_sms.GatewayWithoutInbox"
    client.force_login(alice)
    page = client.get(_url(sms_filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Simulated phone" not in page
    assert latest_code_sent_to(_rows(sms_filing)[0].mobile) not in page


def test_right_codes_verify_each_person_and_the_filing_moves_on_when_all_are_verified(
    client, alice, sms_filing
):
    client.force_login(alice)
    first, second = _rows(sms_filing)
    response = _verify(client, sms_filing, first)
    assert response.status_code == 302
    assert Filing.objects.get(pk=sms_filing.pk).state == "sms_verification"
    page = client.get(_url(sms_filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Verified" in page
    assert f'name="sms-{first.pk}-code"' not in page
    assert f'name="sms-{second.pk}-code"' in page
    response = _verify(client, sms_filing, second)
    assert response.status_code == 302
    assert Filing.objects.get(pk=sms_filing.pk).state == "miit_review"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "SMS verification complete" in page
    assert "All codes are verified" in page


def test_a_wrong_code_is_named_beside_the_code_with_the_attempts_left_and_nothing_is_lost(
    client, alice, sms_filing
):
    client.force_login(alice)
    first = _rows(sms_filing)[0]
    right = latest_code_sent_to(first.mobile)
    wrong = "000000" if right != "000000" else "111111"
    tail = _tail(sms_filing, first)
    response = _verify(client, sms_filing, first, code=wrong)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_sms-{first.pk}-code-error"' in page
    assert "4 attempts left" in page
    assert f'href="#id_sms-{first.pk}-code"' in page  # in the error summary too
    assert f'value="{tail}"' in page  # the certificate digits typed are kept
    assert SmsVerification.objects.get(pk=first.pk).wrong_attempts == 1
    assert Filing.objects.get(pk=sms_filing.pk).state == "sms_verification"


def test_a_blank_code_is_named_beside_its_field_and_costs_no_attempt(client, alice, sms_filing):
    client.force_login(alice)
    first = _rows(sms_filing)[0]
    page = _verify(client, sms_filing, first, code="").content.decode()
    assert f'id="id_sms-{first.pk}-code-error"' in page
    assert SmsVerification.objects.get(pk=first.pk).wrong_attempts == 0


def test_the_last_wrong_code_returns_the_filing_and_says_so(client, alice, sms_filing):
    client.force_login(alice)
    first = _rows(sms_filing)[0]
    SmsVerification.objects.filter(pk=first.pk).update(wrong_attempts=4)
    response = _verify(client, sms_filing, first, code="999999", tail="000000")
    assert response.status_code == 302
    assert response["Location"] == f"/filings/{sms_filing.code}/"
    assert Filing.objects.get(pk=sms_filing.pk).state == "miit_rejected"
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Too many wrong codes" in page


def test_resend_sends_a_new_code_once_and_a_refusal_is_shown_in_words(client, alice, sms_filing):
    client.force_login(alice)
    first = _rows(sms_filing)[0]
    old = latest_code_sent_to(first.mobile)
    refused = client.post(_url(sms_filing, first, "resend"), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200  # MIIT sends a number at most one code a minute
    assert "Too many codes sent to this number" in refused.content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        response = client.post(_url(sms_filing, first, "resend"), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 302
        page = client.get(_url(sms_filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "MIIT sent the code again" in page
        new = latest_code_sent_to(first.mobile)
        assert new in page  # the simulated phone received it
        assert _verify(client, sms_filing, first, code=new).status_code == 302
        assert SmsVerification.objects.get(pk=first.pk).verified_at is not None
        second = _rows(sms_filing)[1]
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=4)):
        client.post(_url(sms_filing, second, "resend"))
        again = client.post(_url(sms_filing, second, "resend"), HTTP_ACCEPT_LANGUAGE="en")
        assert "MIIT resends a code once" in again.content.decode()
    assert old is not None


# --- Negatives ---------------------------------------------------------------------------------------------
def test_another_applicants_filing_is_not_found(client, bob, sms_filing):
    client.force_login(bob)
    first = _rows(sms_filing)[0]
    assert client.get(_url(sms_filing)).status_code == 404
    assert _verify(client, sms_filing, first).status_code == 404
    assert client.post(_url(sms_filing, first, "resend")).status_code == 404
    assert SmsVerification.objects.get(pk=first.pk).verified_at is None


def test_anonymous_is_sent_to_the_login_page(client, sms_filing):
    first = _rows(sms_filing)[0]
    for response in (client.get(_url(sms_filing)), client.post(_url(sms_filing, first, "verify"))):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_a_specialist_is_forbidden(client, sam, sms_filing):
    client.force_login(sam)
    first = _rows(sms_filing)[0]
    assert client.get(_url(sms_filing)).status_code == 403
    assert _verify(client, sms_filing, first).status_code == 403


def test_a_person_not_texted_for_this_filing_is_refused_in_words(client, alice, sms_filing):
    client.force_login(alice)
    response = client.post(
        _url(sms_filing) + "999999/verify/", {"sms-999999-code": "123456"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "MIIT sent no code to this number" in page


def test_verify_is_post_only(client, alice, sms_filing):
    client.force_login(alice)
    assert client.get(_url(sms_filing, _rows(sms_filing)[0], "verify")).status_code == 405


def test_outside_sms_verification_the_page_says_where_the_filing_is(client, alice, sms_filing, build):
    other = build.to(build.start(), "miit_submission")  # Beijing: no SMS
    client.force_login(alice)
    page = client.get(_url(other), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not waiting for SMS codes" in page
    assert f'href="/filings/{other.code}/"' in page
    # A post naming a verification of another filing, or to a filing no longer waiting: a message, no 500.
    first = _rows(sms_filing)[0]
    response = client.post(
        f"/filings/{other.code}/sms/{first.pk}/verify/", {f"sms-{first.pk}-code": "123456"}
    )
    assert response.status_code == 302
    followed = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not waiting for SMS codes" in followed
    Filing.objects.filter(pk=sms_filing.pk).update(state="miit_review")
    response = _verify(client, sms_filing, first)
    assert response.status_code == 302
    assert (
        "not waiting for SMS codes"
        in client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert client.post(_url(sms_filing, first, "resend")).status_code == 302

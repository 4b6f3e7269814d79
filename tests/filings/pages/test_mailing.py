"""The mailing page: what to mail and where, the courier and tracking number, errors beside their fields."""

from __future__ import annotations

import pytest
from django.test import override_settings

from entities.models import Region
from filings.models import Filing
from filings.pages.mailing import mailing_rule_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def mailing_filing(build):
    Region.objects.filter(code="CN-BJ").update(mailing_rule="always")
    return build.to(build.start(domains=["mail-me.cn"]), "mailing")


def _url(filing) -> str:
    return f"/filings/{filing.code}/mailing/"


def _post(client, filing, courier="SF Express", tracking_number="SF1234567890"):
    return client.post(
        _url(filing),
        {"mailing-courier": courier, "mailing-tracking_number": tracking_number},
        HTTP_ACCEPT_LANGUAGE="en",
    )


@override_settings(PROVIDER_MAILING_ADDRESS="1 Test Road, Hangzhou 310000")
def test_the_page_says_what_to_mail_where_and_why(client, alice, mailing_filing):
    client.force_login(alice)
    page = client.get(_url(mailing_filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    website = mailing_filing.filing_websites.get().website
    assert "Beijing asks every filing for signed paper materials" in page
    assert "verification form (核验单) of mail-me.cn" in page
    assert f"/filings/{mailing_filing.code}/verification-form/{website.code}.pdf" in page
    assert "A copy of the entity&#x27;s certificate" in page
    assert "1 Test Road, Hangzhou 310000" in page
    assert 'name="mailing-tracking_number"' in page
    assert 'class="steps"' in page  # the step indicator
    assert f'href="/filings/{mailing_filing.code}/"' in page  # back to the filing


def test_entering_the_tracking_number_stores_it_and_says_the_specialist_confirms_receipt(
    client, alice, mailing_filing
):
    client.force_login(alice)
    response = _post(client, mailing_filing)
    assert response.status_code == 302
    assert response["Location"] == _url(mailing_filing)
    filing = Filing.objects.get(pk=mailing_filing.pk)
    assert (filing.mailing_courier, filing.mailing_tracking_number) == ("SF Express", "SF1234567890")
    assert filing.state == "mailing"  # the specialist's confirm_mail_received moves it on
    page = client.get(_url(mailing_filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "SF1234567890" in page
    assert "confirms receipt" in page
    assert 'name="mailing-tracking_number"' not in page  # shown, with a change link
    changing = client.get(_url(mailing_filing) + "?change=1", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'value="SF1234567890"' in changing


def test_a_blank_tracking_number_is_named_beside_its_field_and_the_courier_is_kept(
    client, alice, mailing_filing
):
    client.force_login(alice)
    response = _post(client, mailing_filing, courier="EMS", tracking_number="   ")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_mailing-tracking_number-error"' in page
    assert 'href="#id_mailing-tracking_number"' in page  # the error summary links to it
    assert 'value="EMS"' in page
    assert Filing.objects.get(pk=mailing_filing.pk).mailing_tracking_number == ""


def test_a_tracking_number_longer_than_stored_is_refused_beside_its_field(client, alice, mailing_filing):
    client.force_login(alice)
    page = _post(client, mailing_filing, tracking_number="9" * 65).content.decode()
    assert 'id="id_mailing-tracking_number-error"' in page


def test_the_region_rule_in_words():
    region = Region(
        code="CN-GD", name_zh="广东", name_en="Guangdong", mailing_rule="individual>5;organization>31"
    )
    from django.utils import translation

    with translation.override("en"):
        words = mailing_rule_words(region)
    assert "more than 5 domains" in words and "more than 31 domains" in words


# --- Negatives ---------------------------------------------------------------------------------------------
def test_another_applicants_filing_is_not_found(client, bob, mailing_filing):
    client.force_login(bob)
    assert client.get(_url(mailing_filing)).status_code == 404
    assert _post(client, mailing_filing).status_code == 404
    assert Filing.objects.get(pk=mailing_filing.pk).mailing_tracking_number == ""


def test_anonymous_is_sent_to_the_login_page(client, mailing_filing):
    response = client.get(_url(mailing_filing))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_specialist_is_forbidden(client, sam, mailing_filing):
    client.force_login(sam)
    assert client.get(_url(mailing_filing)).status_code == 403
    assert _post(client, mailing_filing).status_code == 403


def test_outside_mailing_the_page_says_where_the_filing_is_and_a_post_changes_nothing(client, alice, build):
    filing = build.to(build.start(), "provider_review")
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not waiting for mailed materials" in page
    assert f'href="/filings/{filing.code}/"' in page
    response = _post(client, filing)
    assert response.status_code == 302
    followed = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not waiting for mailed materials" in followed
    assert Filing.objects.get(pk=filing.pk).mailing_tracking_number == ""

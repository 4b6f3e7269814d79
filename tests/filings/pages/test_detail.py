"""The filing page and the transitions posted from it: timeline, next step, reasons, resubmit, withdraw."""

from __future__ import annotations

import pytest

from filings import services
from reviews import services as review_services

pytestmark = pytest.mark.django_db


def _returned(build, sam):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    return review_services.review_reject(
        filing=filing,
        by=sam,
        reasons=[
            {"code": "website_name_invalid", "field": "websites.0.name"},
            {"code": "domain_not_real_name", "field": "websites.0.domain"},
        ],
    )


def test_the_page_shows_state_next_step_steps_and_timeline(client, alice, build):
    filing = build.to(build.start(), "information")
    client.force_login(alice)
    page = client.get(f"/filings/{filing.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Step 3: information" in page
    assert "Fill in the entity" in page  # what to do next
    assert f'href="/filings/{filing.code}/information/"' in page
    assert "Instances verified" in page and "Filing type detected" in page  # the timeline
    assert 'aria-current="step"' in page


def test_a_returned_filing_lists_each_reason_with_a_link_to_its_field(client, alice, build, sam):
    filing = _returned(build, sam)
    client.force_login(alice)
    page = client.get(f"/filings/{filing.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The website name does not meet the naming rules" in page
    assert f"/filings/{filing.code}/information/#id_websites-0-name" in page
    assert "Returned by the provider" in page
    zh = client.get(f"/filings/{filing.code}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "网站名称不符合要求" in zh
    assert "The website name does not meet" not in zh


def test_resubmitting_unchanged_fields_is_refused_in_words_and_nothing_moves(client, alice, build, sam):
    filing = _returned(build, sam)
    client.force_login(alice)
    response = client.post(
        f"/filings/{filing.code}/transitions/resubmit/", HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    filing.refresh_from_db()
    assert filing.state == "provider_rejected"
    assert response.status_code == 200
    assert 'class="flash flash--error"' in response.content.decode()


def test_explanations_answer_the_reasons_and_the_filing_goes_back_to_review(client, alice, build, sam):
    filing = _returned(build, sam)
    client.force_login(alice)
    client.post(
        f"/filings/{filing.code}/transitions/resubmit/",
        {"explanation-0": "The name is the brand's registered name.", "explanation-1": "Verified on 1 May."},
    )
    filing.refresh_from_db()
    assert filing.state == "provider_review"
    event = filing.events.get(transition="resubmit")
    assert event.payload["explanations"]["0"].startswith("The name")


def test_withdraw_asks_first_then_withdraws_with_the_reason(client, alice, build):
    filing = build.to(build.start(), "materials")
    client.force_login(alice)
    confirm = client.get(f"/filings/{filing.code}/withdraw/").content.decode()
    assert f"/filings/{filing.code}/transitions/withdraw/" in confirm
    client.post(f"/filings/{filing.code}/transitions/withdraw/", {"reason": "Changed my mind"})
    filing.refresh_from_db()
    assert filing.state == "withdrawn"
    assert filing.events.get(transition="withdraw").payload == {"note": "Changed my mind"}


def test_reopen_goes_back_to_the_step_page(client, alice, build):
    filing = build.to(build.start(), "self_check")
    client.force_login(alice)
    response = client.post(f"/filings/{filing.code}/transitions/reopen/", {"step": "information"})
    filing.refresh_from_db()
    assert filing.state == "information"
    assert response["Location"] == f"/filings/{filing.code}/information/"


def test_a_transition_not_available_now_is_a_message_not_an_error_page(client, alice, build):
    filing = build.start()
    services.filing_withdraw(filing=filing, by=alice)
    client.force_login(alice)
    response = client.post(f"/filings/{filing.code}/transitions/withdraw/", follow=True)
    assert response.status_code == 200
    assert 'class="flash flash--error"' in response.content.decode()
    assert filing.events.filter(transition="withdraw").count() == 1
    assert (
        client.post(f"/filings/{filing.code}/transitions/approve/").status_code == 404
    )  # not the applicant's


def test_others_anonymous_and_specialists_cannot_use_the_page(client, alice, bob, sam, build):
    filing = build.to(build.start(), "materials")
    client.force_login(bob)
    assert client.get(f"/filings/{filing.code}/").status_code == 404
    assert client.post(f"/filings/{filing.code}/transitions/withdraw/").status_code == 404
    assert client.get(f"/filings/{filing.code}/withdraw/").status_code == 404
    client.force_login(sam)
    assert client.get(f"/filings/{filing.code}/").status_code == 403
    assert client.post(f"/filings/{filing.code}/transitions/withdraw/").status_code == 403
    client.logout()
    response = client.get(f"/filings/{filing.code}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    filing.refresh_from_db()
    assert filing.state == "materials"


def test_signed_in_pages_are_not_stored_by_caches(client, alice, build):
    filing = build.start()
    client.force_login(alice)
    response = client.get(f"/filings/{filing.code}/")
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get("/").headers["Cache-Control"]


def test_the_dashboard_links_each_filing_with_its_next_step(client, alice, bob, build):
    mine = build.to(build.start(domains=["mine-one.cn"]), "information")
    theirs = build.start(applicant=bob, domains=["theirs.cn"])
    client.force_login(alice)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/filings/{mine.code}/"' in page
    assert "mine-one.cn" in page and "theirs.cn" not in page
    assert str(theirs.code) not in page
    assert "Fill in the entity" in page
    assert 'href="/filings/new/"' in page


def test_reopening_a_step_that_is_not_earlier_is_refused_in_words(client, alice, build):
    filing = build.to(build.start(), "information")
    client.force_login(alice)
    for step in ("type_detection", "materials", "nonsense", ""):
        response = client.post(f"/filings/{filing.code}/transitions/reopen/", {"step": step}, follow=True)
        assert response.status_code == 200
        assert 'class="flash flash--error"' in response.content.decode()
    filing.refresh_from_db()
    assert filing.state == "information"


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_dashboards_queries_do_not_grow_with_the_filings(client, alice, build):
    build.to(build.start(), "information")
    client.force_login(alice)
    one = _queries(client, "/")
    for _ in range(4):
        build.to(build.start(domains=[f"more{_}.cn", f"more{_}.com"]), "instance_verification")
    assert _queries(client, "/") == one


def test_the_filing_pages_queries_do_not_grow_with_websites_or_events(client, alice, build):
    small = build.to(build.start(), "information")
    large = build.to(build.start(domains=["a1.cn", "a2.cn", "a3.cn", "a4.cn"]), "self_check")
    client.force_login(alice)
    assert _queries(client, f"/filings/{large.code}/") == _queries(client, f"/filings/{small.code}/")

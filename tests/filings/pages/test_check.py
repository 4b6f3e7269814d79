"""Step 5 in the browser's HTTP: check your answers (masked identity numbers, change links), submit, the
confirmation page, a refusal linking to the page and field it names, and the negatives."""

from __future__ import annotations

import pytest

from filings.models import Filing
from materials.models import Material

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def at_check(build):
    return build.to(build.start(), "self_check")


def _url(filing: Filing, tail: str = "check/") -> str:
    return f"/filings/{filing.code}/{tail}"


def test_the_whole_filing_is_on_one_page_with_masked_numbers_and_change_links(client, alice, at_check):
    entity, website = at_check.entity, at_check.filing_websites.get()
    client.force_login(alice)
    response = client.get(_url(at_check), **EN)
    page = response.content.decode()
    assert response.status_code == 200 and "Step 5 of 5" in page
    assert entity.certificate_number not in page and entity.head.certificate_number not in page
    assert entity.certificate_number_masked in page
    assert entity.name in page and entity.head.name in page and entity.head.mobile in page
    assert website.website.domain.name in page and website.service_number.code in page
    for step in ("instances", "information", "materials"):
        assert f'href="/filings/{at_check.code}/{step}/' in page
    assert "Change" in page and "Submit the filing" in page
    accepted = Material.objects.filter(filing=at_check, status="accepted").first()
    assert f"/files/{accepted.code}/thumbnail" in page
    assert "Passed" in page


def test_the_websites_content_type_and_languages_read_as_words(client, alice, at_check):
    website = at_check.filing_websites.get().website
    website.languages = "zh-hans,en"
    website.save(update_fields=["languages"])
    client.force_login(alice)
    page = client.get(_url(at_check), **EN).content.decode()
    assert "Chinese, simplified, English" in page
    assert "zh-hans" not in page.split("<main", 1)[1]
    assert "Other (其他)" in page


def test_submit_sends_the_filing_to_review_and_confirms_what_happens_next(client, alice, at_check):
    client.force_login(alice)
    response = client.post(_url(at_check, "check/submit/"))
    assert response.status_code == 302 and response["Location"] == _url(at_check, "submitted/")
    at_check.refresh_from_db()
    assert at_check.state == "provider_review"
    page = client.get(_url(at_check, "submitted/"), **EN).content.decode()
    assert "Filing submitted" in page and "within one working day" in page
    assert f"{at_check.region.review_workdays} working days" in page
    assert f'href="/filings/{at_check.code}/"' in page
    # After submission the check page is read-only: no change links, no button.
    page = client.get(_url(at_check), **EN).content.decode()
    assert "Submit the filing" not in page and f"/filings/{at_check.code}/information/" not in page


def test_an_sms_region_says_miit_will_text(client, alice, build):
    filing = build.to(build.start(region="CN-ZJ"), "provider_review")
    client.force_login(alice)
    page = client.get(_url(filing, "submitted/"), **EN).content.decode()
    assert filing.region.sms_required and "SMS" in page


def test_a_refusal_links_each_message_to_the_page_and_field_it_names(client, alice, at_check):
    head = at_check.entity.head
    head.name = ""
    head.save()
    client.force_login(alice)
    response = client.post(_url(at_check, "check/submit/"), **EN)
    page = response.content.decode()
    assert response.status_code == 200 and "error-summary" in page
    assert f'href="/filings/{at_check.code}/information/#id_entity-head-name"' in page
    at_check.refresh_from_db()
    assert at_check.state == "self_check"


def test_the_confirmation_page_of_a_filing_not_submitted_goes_back_to_the_check(client, alice, at_check):
    client.force_login(alice)
    assert client.get(_url(at_check, "submitted/"))["Location"] == _url(at_check)


def test_before_step_5_the_page_says_it_is_not_open_yet(client, alice, build):
    filing = build.to(build.start(), "materials")
    client.force_login(alice)
    page = client.get(_url(filing), **EN).content.decode()
    assert "opens once the materials" in page and "Submit the filing" not in page
    response = client.post(_url(filing, "check/submit/"), **EN)
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    filing.refresh_from_db()
    assert filing.state == "materials"


# --- Negatives ----------------------------------------------------------------------------------------------
def _urls(filing):
    return [
        ("get", _url(filing)),
        ("post", _url(filing, "check/submit/")),
        ("get", _url(filing, "submitted/")),
    ]


def test_another_applicants_filing_is_not_found(client, bob, at_check):
    client.force_login(bob)
    for method, url in _urls(at_check):
        assert getattr(client, method)(url).status_code == 404, url
    at_check.refresh_from_db()
    assert at_check.state == "self_check"


def test_anonymous_is_sent_to_log_in_and_a_specialist_is_forbidden(client, sam, at_check):
    for method, url in _urls(at_check):
        assert getattr(client, method)(url)["Location"].startswith("/accounts/login/"), url
    client.force_login(sam)
    for method, url in _urls(at_check):
        assert getattr(client, method)(url).status_code == 403, url


def test_the_wrong_method_is_refused(client, alice, at_check):
    client.force_login(alice)
    assert client.get(_url(at_check, "check/submit/")).status_code == 405
    assert client.post(_url(at_check)).status_code == 405


def test_the_query_count_does_not_grow_with_the_websites(client, alice, build):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.builders import resident_id

    counts = []
    for domains in (["one.cn"], ["two-a.cn", "two-b.cn", "two-c.cn"]):
        filing = build.to(
            build.start(domains=domains, certificate_number=resident_id(birth="19850101")), "self_check"
        )
        client.force_login(alice)
        for url in (_url(filing), f"/filings/{filing.code}/materials/"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        build.to(filing, "provider_review")
    assert counts[:2] == counts[2:], counts

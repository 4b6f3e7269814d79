"""Step 2 in the browser's HTTP: a service number per website, errors beside the website's field."""

from __future__ import annotations

import pytest

from filings.models import FilingWebsite

pytestmark = pytest.mark.django_db


def _url(filing) -> str:
    return f"/filings/{filing.code}/instances/"


def _post(numbers: list[str], *, typed: list[str] | None = None, button: str = "continue") -> dict:
    data = {button: "1"}
    for index, number in enumerate(numbers):
        data[f"websites-{index}-service_number"] = number
        data[f"websites-{index}-typed_service_number"] = (typed or [""] * len(numbers))[index]
    return data


def test_the_page_offers_the_applicants_instances_and_explains_the_numbers(client, alice, build):
    filing = build.to(build.start(), "instance_verification")
    number = min(build.service_numbers(filing, 5))  # the instance's first free number is offered
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Step 2 of 5" in page
    assert "备案服务号" in page
    assert f'value="{number}"' in page
    assert f'href="/filings/{filing.code}/"' in page  # back to the filing


def test_save_and_continue_assigns_the_numbers_and_moves_to_step_3(client, alice, build):
    filing = build.to(build.start(domains=["one.cn", "two.cn"]), "instance_verification")
    chosen = build.service_numbers(filing, 2)
    client.force_login(alice)
    response = client.post(_url(filing), _post([chosen[0], ""], typed=["", chosen[1]]))
    assert response.status_code == 302
    assert response["Location"] == f"/filings/{filing.code}/information/"
    filing.refresh_from_db()
    assert filing.state == "information"
    stored = FilingWebsite.objects.filter(filing=filing).order_by("position")
    assert [item.service_number.code for item in stored] == chosen


def test_a_used_number_is_named_beside_its_website_and_the_other_values_stay(client, alice, build):
    other = build.to(build.start(), "information")
    used = other.filing_websites.get().service_number.code
    filing = build.to(build.start(domains=["one.cn", "two.cn"]), "instance_verification")
    good = build.service_numbers(filing, 1)[0]
    client.force_login(alice)
    response = client.post(_url(filing), _post(["", ""], typed=[good, used]), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_websites-1-service_number-error"' in page
    assert 'id="id_websites-0-service_number-error"' not in page
    assert "used by another filing in progress" in page
    assert f'value="{good}"' in page and f'value="{used}"' in page
    filing.refresh_from_db()
    assert filing.state == "instance_verification"
    assert not FilingWebsite.objects.filter(filing=filing, service_number__isnull=False).exists()


def test_an_unknown_number_is_refused_beside_its_field(client, alice, build):
    filing = build.to(build.start(), "instance_verification")
    client.force_login(alice)
    response = client.post(_url(filing), _post([""], typed=["NOT-A-NUMBER"]), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert 'id="id_websites-0-service_number-error"' in page
    assert 'value="NOT-A-NUMBER"' in page


def test_save_and_come_back_later_keeps_the_state(client, alice, build):
    filing = build.to(build.start(), "instance_verification")
    number = build.service_numbers(filing, 1)[0]
    client.force_login(alice)
    response = client.post(_url(filing), _post([number], button="later"))
    assert response["Location"] == f"/filings/{filing.code}/"
    filing.refresh_from_db()
    assert filing.state == "instance_verification"
    assert filing.filing_websites.get().service_number.code == number


def test_changing_the_number_later_reopens_step_2(client, alice, build):
    filing = build.to(build.start(), "information")
    number = build.service_numbers(filing, 1)[0]
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Changing this takes the filing back to step 2" in page
    client.post(_url(filing), _post([number], button="later"))
    filing.refresh_from_db()
    assert filing.state == "instance_verification"


def test_a_filing_in_review_shows_its_numbers_read_only_and_refuses_a_post(client, alice, build):
    filing = build.to(build.start(), "provider_review")
    number = filing.filing_websites.get().service_number.code
    client.force_login(alice)
    page = client.get(_url(filing)).content.decode()
    assert number in page
    assert '<form method="post" novalidate>' not in page
    response = client.post(_url(filing), _post(["X"]))
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.state == "provider_review"


def test_another_applicants_filing_is_not_found(client, bob, build):
    filing = build.to(build.start(), "instance_verification")
    client.force_login(bob)
    assert client.get(_url(filing)).status_code == 404
    assert client.post(_url(filing), _post(["X"])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, build):
    filing = build.start()
    response = client.get(_url(filing))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_specialist_is_refused(client, sam, build):
    filing = build.start()
    client.force_login(sam)
    assert client.get(_url(filing)).status_code == 403

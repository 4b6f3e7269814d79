"""Step 3 in the browser's HTTP: every field of the service, errors beside their fields with every typed
value kept, masked certificate numbers, a returned filing's reasons, the address pickers."""

from __future__ import annotations

import pytest

from common.errors import ServiceUnavailable
from filings.pages.divisions import compose_address, split_address
from reviews import services as review_services

pytestmark = pytest.mark.django_db


def _url(filing, tail: str = "") -> str:
    return f"/filings/{filing.code}/information/{tail}"


def _address(prefix: str, address: str) -> dict:
    return {f"{prefix}_{index}": part for index, part in enumerate(split_address(address))}


def _person(prefix: str, person: dict) -> dict:
    data = {f"{prefix}-{key}": value for key, value in person.items() if key != "is_legal_representative"}
    if person.get("is_legal_representative"):
        data[f"{prefix}-is_legal_representative"] = "on"
    return data


def _post(info: dict, button: str = "continue") -> dict:
    """The page's form as a person fills it in, from the builder's valid data."""
    entity = info["entity"]
    data = {button: "1", "entity-name": entity["name"], "entity-certificate_valid_until": ""}
    data |= _address("entity-certificate_address", entity["certificate_address"])
    data |= _address("entity-mailing_address", entity["mailing_address"])
    data |= _person("entity-head", info["entity_head"])
    for index, website in enumerate(info["websites"]):
        prefix = f"websites-{index}"
        data |= {
            f"{prefix}-name": website["name"],
            f"{prefix}-homepage_url": website["homepage_url"],
            f"{prefix}-content_type": website["content_type"],
            f"{prefix}-languages": "zh-hans",
            f"{prefix}-pre_approvals": "none",
        }
    return data


def test_the_address_parts_come_back_as_they_were_stored():
    for address in (
        "北京市朝阳区建国路1号",
        "广东省广州市天河区体育西路101号",
        "河南省济源市示例路1号",
        "示例路1号",
    ):
        assert compose_address(*split_address(address)) == address
    assert split_address("浙江省杭州市西湖区文三路90号")[3] == "文三路90号"


def test_save_and_continue_stores_everything_and_moves_to_materials(client, alice, build):
    filing = build.to(build.start(nature="enterprise", domains=["one.cn"]), "information")
    info = build.information(filing)
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Step 3 of 5" in page
    response = client.post(_url(filing), _post(info))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == f"/filings/{filing.code}/materials/"
    filing.refresh_from_db()
    assert filing.state == "materials"
    entity = filing.entity
    assert entity.name == info["entity"]["name"]
    assert entity.mailing_address == info["entity"]["mailing_address"]
    assert entity.head.certificate_number == info["entity_head"]["certificate_number"]
    website = filing.filing_websites.get().website
    assert (website.name, website.languages, website.pre_approvals) == (
        info["websites"][0]["name"],
        "zh-hans",
        [],
    )


def test_saved_values_come_back_and_the_certificate_number_is_masked(client, alice, build):
    filing = build.to(build.start(), "materials")
    head = filing.entity.head
    entity = filing.entity
    entity.mailing_address = "北京市朝阳区建国路1号101室"
    entity.save()
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert head.certificate_number not in page
    assert head.certificate_number_masked in page
    assert f'value="{head.mobile}"' in page
    assert "Changing this takes the filing back to step 3" in page
    # The stored address's divisions are chosen, the rest is the street.
    assert '<option value="110105" selected>朝阳区</option>' in page
    assert 'value="建国路1号101室"' in page


def test_a_blank_certificate_number_keeps_the_stored_one(client, alice, build):
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    stored = info["entity_head"]["certificate_number"]
    client.force_login(alice)
    client.post(_url(filing), _post(info, button="later"))
    info["entity_head"]["certificate_number"] = ""
    info["entity"]["name"] = "张三"
    response = client.post(_url(filing), _post(info, button="later"))
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.state == "information"  # saved only
    assert filing.entity.head.certificate_number == stored


def test_an_invalid_mobile_and_a_missing_door_number_stay_beside_their_fields(client, alice, build):
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    client.force_login(alice)
    client.post(_url(filing), _post(info, button="later"))
    saved_mobile = info["entity_head"]["mobile"]
    info["entity_head"]["mobile"] = "1380013800x"
    info["entity_head"]["email"] = "kept@example.com"
    info["entity"]["mailing_address"] = "北京市朝阳区建国路"
    info["websites"][0]["homepage_url"] = info["websites"][0]["homepage_url"] + "kept"
    response = client.post(_url(filing), _post(info), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_entity-head-mobile-error"' in page
    assert 'id="id_entity-mailing_address-error"' in page
    assert 'href="#id_entity-head-mobile"' in page  # the error summary links to the field
    for kept in ("1380013800x", "kept@example.com", "建国路", info["websites"][0]["homepage_url"]):
        assert kept in page
    filing.refresh_from_db()
    assert filing.state == "information"
    assert filing.entity.head.mobile == saved_mobile
    assert filing.entity.mailing_address == build.information(filing)["entity"]["mailing_address"]


def test_a_registrar_out_of_reach_keeps_the_data_and_says_so(client, alice, build, monkeypatch):
    filing = build.to(build.start(), "information")
    info = build.information(filing)

    def unavailable(**_kwargs):
        raise ServiceUnavailable("down")

    monkeypatch.setattr("filings.services.filing_enter_information", unavailable)
    client.force_login(alice)
    response = client.post(_url(filing), _post(info), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "cannot be reached" in response.content.decode()
    filing.refresh_from_db()
    assert filing.entity.name == info["entity"]["name"]


def test_a_returned_filing_shows_the_reason_beside_its_field_and_goes_back_to_the_filing(
    client, alice, sam, build
):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    reasons = [{"code": "address_incomplete", "field": "entity.mailing_address"}]
    filing = review_services.review_reject(filing=filing, by=sam, reasons=reasons)
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="id_entity-mailing_address-reason"' in page
    info = build.information(filing)
    info["entity"]["mailing_address"] = "北京市示例路2号101室"
    response = client.post(_url(filing), _post(info, button="save"))
    assert response["Location"] == f"/filings/{filing.code}/"
    filing.refresh_from_db()
    assert filing.state == "provider_rejected"
    assert filing.entity.mailing_address == "北京市示例路2号101室"


def test_the_division_picker_loads_the_cities_of_a_province(client, alice, build):
    filing = build.to(build.start(), "information")
    client.force_login(alice)
    response = client.get(
        _url(filing, "divisions/"),
        {"field": "entity-mailing_address", "entity-mailing_address_0": "440000"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "广州市" in response.content.decode()
    assert client.get(_url(filing, "divisions/"), {"field": "other"}).status_code == 404


def test_without_javascript_the_city_list_is_refreshed_without_saving(client, alice, build):
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    data = _post(info) | {"refresh_divisions": "1", "entity-mailing_address_0": "440000"}
    client.force_login(alice)
    response = client.post(_url(filing), data)
    assert response.status_code == 200
    assert "广州市" in response.content.decode()
    filing.refresh_from_db()
    assert filing.entity.name == ""


def test_a_filing_in_review_is_read_only_and_a_post_is_refused(client, alice, build):
    filing = build.to(build.start(), "provider_review")
    client.force_login(alice)
    page = client.get(_url(filing)).content.decode()
    assert filing.entity.name in page
    assert 'name="entity-name"' not in page
    response = client.post(_url(filing), _post(build.information(filing)))
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.state == "provider_review"


def test_another_applicants_filing_is_not_found(client, bob, build):
    filing = build.to(build.start(), "information")
    client.force_login(bob)
    assert client.get(_url(filing)).status_code == 404
    assert client.post(_url(filing), {}).status_code == 404
    assert client.get(_url(filing, "divisions/"), {"field": "entity-mailing_address"}).status_code == 404


def test_anonymous_is_sent_to_log_in(client, build):
    filing = build.start()
    response = client.get(_url(filing))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_specialist_is_refused(client, sam, build):
    filing = build.start()
    client.force_login(sam)
    assert client.get(_url(filing)).status_code == 403


def test_a_new_website_shows_the_entity_read_only_and_edits_only_the_websites(client, alice, build):
    filing = build.to(build.start(), "materials")
    type(filing).objects.filter(pk=filing.pk).update(filing_type="new_website_entity_here")
    info = build.information(filing)
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="entity-name"' not in page
    assert filing.entity.name in page and "MIIT's registry data of the entity" in page
    assert 'name="websites-0-name"' in page
    data = {key: value for key, value in _post(info).items() if not key.startswith("entity")}
    data["websites-0-name"] = info["websites"][0]["name"]
    response = client.post(_url(filing), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    filing.refresh_from_db()
    assert filing.state == "materials"

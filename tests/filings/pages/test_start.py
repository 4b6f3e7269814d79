"""Before step 1 and step 1 in the browser's HTTP: the region's rules, the detection, errors beside fields."""

from __future__ import annotations

import pytest
from django.conf import settings

from entities.models import Region
from filings.models import Filing
from filings.pages.start import DETECTION_ADVICE
from tests.builders import registry_entity, resident_id

pytestmark = pytest.mark.django_db


def _step1(
    region: str = "CN-BJ", number: str | None = None, domains: tuple[str, ...] = ("mysite.cn",)
) -> dict:
    data = {
        "entity-region": region,
        "entity-nature": "individual",
        "entity-certificate_type": "resident_id",
        "entity-certificate_number": number if number is not None else resident_id("1101010101"[:6]),
        "websites-TOTAL_FORMS": str(len(domains)),
        "websites-INITIAL_FORMS": "0",
        "websites-MIN_NUM_FORMS": "1",
        "websites-MAX_NUM_FORMS": "10",
    }
    data |= {f"websites-{index}-domain": domain for index, domain in enumerate(domains)}
    return data


def test_the_preparation_page_shows_the_chosen_regions_rules(client, alice):
    client.force_login(alice)
    page = client.get("/filings/new/?region=CN-ZJ", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Zhejiang" in page
    assert "SMS" in page  # Zhejiang asks MIIT's SMS verification
    assert "/filings/new/start/?region=CN-ZJ" in page


def test_step_1_starts_the_filing_and_detects_its_type(client, alice):
    client.force_login(alice)
    response = client.post("/filings/new/start/", _step1())
    filing = Filing.objects.get(applicant=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/filings/{filing.code}/instances/"
    assert filing.state == "instance_verification"
    assert filing.filing_type == "initial"


def test_a_wrong_certificate_number_is_named_beside_its_field_and_nothing_typed_is_lost(client, alice):
    client.force_login(alice)
    response = client.post(
        "/filings/new/start/", _step1(number="110101199003070000", domains=("keep-me.cn",))
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Filing.objects.exists()
    assert 'id="id_entity-certificate_number-error"' in page
    assert 'aria-invalid="true"' in page
    assert 'value="keep-me.cn"' in page
    assert 'href="#id_entity-certificate_number"' in page  # the error summary links to the field


def _conflict(build, number):
    registry_entity(resident_id(birth="19800101"), [("taken.cn", "李四的主页", ["OTHERCLOUD"])])
    return ("taken.cn",), "websites-0-domain", "注销网站"


def _open_order(build, number):
    build.to(build.start(certificate_number=number), "instance_verification")
    return ("second.cn",), "entity-certificate_number", "withdraw"


def _filed_here(build, number):
    registry_entity(number, [("mine.cn", "我的主页", [settings.PROVIDER_CODE])])
    return ("mine.cn",), "websites-0-domain", "变更备案"


def _mixed(build, number):
    registry_entity(number, [("old.cn", "旧网站", ["OTHERCLOUD"])])
    return ("old.cn", "brand-new.cn"), "websites-1-domain", "second filing"


def _empty_entity(build, number):
    registry_entity(number, [("old.cn", "旧网站", [])])
    Region.objects.filter(code="CN-BJ").update(empty_entity_must_cancel=True)
    return ("brand-new.cn",), "entity-certificate_number", "注销主体"


@pytest.mark.parametrize(
    ("code", "arrange"),
    [
        ("domain_conflict", _conflict),
        ("open_order_exists", _open_order),
        ("already_filed_here", _filed_here),
        ("mixed_filing_types", _mixed),
        ("empty_entity_must_cancel", _empty_entity),
    ],
)
def test_each_detection_refusal_is_explained_beside_its_field_with_what_to_do(
    client, alice, build, code, arrange
):
    number = resident_id()
    domains, field, advice = arrange(build, number)
    before = set(Filing.objects.values_list("pk", flat=True))
    client.force_login(alice)
    response = client.post(
        "/filings/new/start/", _step1(number=number, domains=domains), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode()
    assert response.status_code == 200
    error = text.split(f'id="id_{field}-error"', 1)[1].split("</p>", 1)[0]
    assert str(DETECTION_ADVICE[code]).split(" ")[3] in error
    assert advice in error
    assert set(Filing.objects.values_list("pk", flat=True)) == before  # no stuck draft is left behind


def test_adding_a_domain_row_keeps_what_was_typed(client, alice):
    client.force_login(alice)
    data = _step1(domains=("first.cn",)) | {"add_domain": "1"}
    page = client.post("/filings/new/start/", data).content.decode()
    assert 'value="first.cn"' in page
    assert 'name="websites-1-domain"' in page
    assert not Filing.objects.exists()


def test_only_applicants_use_the_wizard(client, sam):
    client.force_login(sam)
    assert client.get("/filings/new/start/").status_code == 403
    assert client.post("/filings/new/start/", _step1()).status_code == 403
    assert not Filing.objects.exists()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/filings/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

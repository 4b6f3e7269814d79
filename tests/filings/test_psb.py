"""The PSB filing number: its form (the region's prefix, 14 digits, 号), the service that records it, and the
result page's form (issue 13)."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from entities.models import Region
from entities.rules.psb import check_psb_number
from filings import services
from tests.filings.test_reminders import approve

pytestmark = pytest.mark.django_db

GOOD = "京公网安备11010102000001号"
FIELD = "websites.0.psb_number"


@pytest.fixture
def beijing():
    return Region.objects.get(code="CN-BJ")


def test_the_regions_psb_prefix_comes_from_the_icp_prefix(beijing):
    assert beijing.psb_number_prefix == "京公网安备"
    assert Region.objects.get(code="CN-ZJ").psb_number_prefix == "浙公网安备"


def test_a_good_number_has_no_problem(beijing):
    assert check_psb_number(GOOD, region=beijing, field=FIELD) == []


def test_another_regions_prefix_is_refused(beijing):
    [found] = check_psb_number("浙公网安备33010602000001号", region=beijing, field=FIELD)
    assert (found.field, found.code) == (FIELD, "psb_prefix")
    assert "京公网安备" in found.message


@pytest.mark.parametrize(
    "number",
    [
        "京公网安备1101010200001号",
        "京公网安备110101020000011号",
        "京公网安备1101010200000A号",
        "京公网安备11010102000001",
    ],
)
def test_the_digits_must_be_fourteen_then_hao(beijing, number):
    [found] = check_psb_number(number, region=beijing, field=FIELD)
    assert (found.field, found.code) == (FIELD, "psb_format")


def test_an_edited_region_prefix_is_the_one_checked(beijing):
    beijing.psb_prefix = "京公安备"
    assert check_psb_number("京公安备11010102000001号", region=beijing, field=FIELD) == []


@pytest.fixture
def approved(build):
    return approve(build, build.start(domains=["psb-one.cn", "psb-two.cn"]))


def _numbers(filing):
    items = filing.filing_websites.select_related("website").order_by("position")
    return [item.website.psb_number for item in items]


def test_the_owner_records_the_numbers_only_when_approved(build, alice, bob, approved):
    with pytest.raises(NotPermitted):
        services.filing_record_psb_numbers(filing=approved, by=bob, numbers=[GOOD, ""])
    with pytest.raises(ApplicationError) as refused:
        services.filing_record_psb_numbers(filing=approved, by=alice, numbers=[GOOD, "京公网安备123号"])
    assert list(refused.value.fields) == ["websites.1.psb_number"]
    assert _numbers(approved) == ["", ""]  # nothing stored
    services.filing_record_psb_numbers(filing=approved, by=alice, numbers=[GOOD, ""])
    assert _numbers(approved) == [GOOD, ""]
    draft = build.start(domains=["psb-draft.cn"])
    with pytest.raises(TransitionConflict):
        services.filing_record_psb_numbers(filing=draft, by=alice, numbers=[GOOD])


def _url(filing) -> str:
    return f"/filings/{filing.code}/result/"


def test_the_result_page_records_the_numbers(client, alice, approved):
    client.force_login(alice)
    page = client.get(_url(approved), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="websites-0-psb_number"' in page and 'name="websites-1-psb_number"' in page
    second = "京公网安备11010102000002号"
    answer = client.post(
        _url(approved),
        {"websites-0-psb_number": GOOD, "websites-1-psb_number": second},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 302
    assert _numbers(approved) == [GOOD, second]
    page = client.get(_url(approved), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'value="{GOOD}"' in page


def test_a_wrong_number_is_refused_beside_its_field(client, alice, approved):
    client.force_login(alice)
    answer = client.post(
        _url(approved),
        {"websites-0-psb_number": GOOD, "websites-1-psb_number": "沪公网安备31010102000001号"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 200
    page = answer.content.decode()
    error = page.index('id="id_websites-1-psb_number-error"')
    assert "starts with “京公网安备”" in page[error : error + 400]
    assert 'id="id_websites-0-psb_number-error"' not in page
    assert _numbers(approved) == ["", ""]


def test_another_applicant_gets_a_404(client, bob, approved):
    client.force_login(bob)
    assert client.get(_url(approved)).status_code == 404
    answer = client.post(_url(approved), {"websites-0-psb_number": GOOD, "websites-1-psb_number": ""})
    assert answer.status_code == 404
    assert _numbers(approved) == ["", ""]

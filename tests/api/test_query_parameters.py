"""Every API answer is JSON, and a query parameter with a wrong value is a 400 naming it (never silently
ignored): the filters, the page size and the cursor of every list that takes them."""

from __future__ import annotations

import pytest

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db

# Each paginated list, with the persona allowed to read it.
LISTS = [
    ("/api/v1/filings/", "alice"),
    ("/api/v1/review/queue/", "sam"),
    ("/api/v1/review/inbox/", "sam"),
    ("/api/v1/review/archive/", "sam"),
    ("/api/v1/instances/", "alice"),
    ("/api/v1/notifications/", "alice"),
    ("/api/v1/simulators/sms/inbox/", "olga"),
]


def _get(api, request, url: str, persona: str, params: dict):
    return api(request.getfixturevalue(persona)).get(url, params)


def _assert_refused(response, parameter: str, code: str = "invalid") -> None:
    assert response.status_code == 400, response.content
    error = error_of(response)
    assert error["code"] == code
    assert set(error["fields"]) == {parameter}


@pytest.mark.parametrize(("url", "persona"), LISTS)
@pytest.mark.parametrize("value", ["null", "0", "-3", "1.5", "ten"])
def test_a_wrong_page_size_is_a_400_naming_it(api, request, url, persona, value):
    _assert_refused(_get(api, request, url, persona, {"page_size": value}), "page_size")


@pytest.mark.parametrize(("url", "persona"), LISTS)
def test_a_wrong_cursor_is_a_400_naming_it(api, request, url, persona):
    _assert_refused(_get(api, request, url, persona, {"cursor": "garbage"}), "cursor")


@pytest.mark.parametrize(("url", "persona"), LISTS)
def test_a_good_page_size_pages(api, request, url, persona):
    """The negative: 1 to 100 is a page size (more is capped at 100, DRF's documented behaviour)."""
    for value in ("1", "100", "500"):
        response = _get(api, request, url, persona, {"page_size": value})
        assert response.status_code == 200, response.content
        assert "results" in response.json()


@pytest.mark.parametrize(
    ("url", "persona", "parameter", "value", "code"),
    [
        ("/api/v1/filings/", "alice", "state", "banana", "invalid_choice"),
        ("/api/v1/filings/", "alice", "filing_type", "banana", "invalid_choice"),
        ("/api/v1/review/queue/", "sam", "resubmission", "banana", "invalid"),
        ("/api/v1/review/queue/", "sam", "resubmission", "null", "invalid"),
        ("/api/v1/review/inbox/", "sam", "resubmission", "yes please", "invalid"),
        ("/api/v1/review/archive/", "sam", "resubmission", "2", "invalid"),
        ("/api/v1/review/queue/", "sam", "nature", "alien", "invalid_choice"),
        ("/api/v1/review/archive/", "sam", "state", "banana", "invalid_choice"),
    ],
)
def test_a_wrong_filter_value_is_a_400_naming_it(api, request, url, persona, parameter, value, code):
    _assert_refused(_get(api, request, url, persona, {parameter: value}), parameter, code)


@pytest.mark.parametrize("value", ["true", "false", "True", "False", "1", "0", ""])
def test_resubmission_takes_true_or_false(api, sam, value):
    response = api(sam).get("/api/v1/review/queue/", {"resubmission": value})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/filings/abc%0A/",
        "/api/v1/filings/%0A",
        "/api/v1/%0A%0D%09/",
        "/api/v1/nothing/here%0Aand%0Athere",
    ],
)
def test_any_unknown_api_path_is_a_json_404_even_with_a_newline(api, alice, path):
    for client in (api(alice), api()):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert error_of(response)["code"] == "not_found"

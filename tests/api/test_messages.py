"""The framework's messages as the API sends them: the portal's catalogue (``locale/zh_Hans``) corrects the
Chinese the framework gets wrong, and a client asking for English gets English."""

from __future__ import annotations

import pytest

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_information(build):
    return build.to(build.start(), "information")


def _patch_entity(api, alice, filing, entity: dict, language: str | None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = api(alice).patch(
        f"/api/v1/filings/{filing.code}/", {"entity": entity}, format="json", **headers
    )
    assert response.status_code == 400, response.json()
    return error_of(response)


@pytest.mark.parametrize("language", ["zh-hans", None])  # Chinese is the default
def test_a_nul_character_is_refused_in_chinese_that_says_so(api, alice, in_information, language):
    error = _patch_entity(api, alice, in_information, {"name": "北京\x00公司"}, language)
    assert error["code"] == "null_characters_not_allowed"
    # Django's own zh_Hans text, "不允许是用空字符串", says "empty strings are not allowed".
    assert error["fields"] == {"entity.name": ["不允许包含空字符（NUL）。"]}


def test_a_nul_character_is_refused_in_english_to_an_english_client(api, alice, in_information):
    error = _patch_entity(api, alice, in_information, {"name": "北京\x00公司"}, "en")
    assert error["code"] == "null_characters_not_allowed"
    assert error["fields"] == {"entity.name": ["Null characters are not allowed."]}


@pytest.mark.parametrize("language", ["zh-hans", None])
def test_a_wrong_date_format_is_explained_in_chinese_and_english(api, alice, in_information, language):
    """The portal's messages are "中文 / English"; the framework's Chinese date message had no English."""
    error = _patch_entity(api, alice, in_information, {"certificate_valid_until": "31/12/2030"}, language)
    assert error["code"] == "invalid"
    assert error["fields"] == {
        "entity.certificate_valid_until": [
            "日期格式错误，请使用以下格式：YYYY-MM-DD / "
            "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
        ]
    }


def test_a_wrong_date_format_is_english_only_to_an_english_client(api, alice, in_information):
    error = _patch_entity(api, alice, in_information, {"certificate_valid_until": "31/12/2030"}, "en")
    assert error["fields"] == {
        "entity.certificate_valid_until": [
            "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
        ]
    }


def test_a_valid_date_is_no_error_in_either_language(api, alice, in_information):
    """The negative: the catalogue changes words, not what is accepted."""
    for language in ("zh-hans", "en"):
        response = api(alice).patch(
            f"/api/v1/filings/{in_information.code}/",
            {"entity": {"certificate_valid_until": "2030-12-31", "name": "x" * 129}},
            format="json",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert response.status_code == 400
        assert set(error_of(response)["fields"]) == {"entity.name"}

"""The Problem helpers every rule module shares (``entities.rules``, from ``common.problems``)."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError
from entities.rules import Problem, problems_to_fields, raise_for_problems


def test_problems_to_fields_groups_messages_by_field_once_each():
    problems = [
        Problem("entity.head.mobile", "mobile_invalid", "手机 / Mobile"),
        Problem("websites.0.name", "name_required", "名称 / Name"),
        Problem("entity.head.mobile", "mobile_not_local", "本地 / Local"),
        Problem("entity.head.mobile", "mobile_invalid", "手机 / Mobile"),
    ]
    assert problems_to_fields(problems) == {
        "entity.head.mobile": ["手机 / Mobile", "本地 / Local"],
        "websites.0.name": ["名称 / Name"],
    }
    assert problems_to_fields([]) == {}


def test_raise_for_problems():
    raise_for_problems([])
    with pytest.raises(ApplicationError) as one:
        raise_for_problems([Problem("entity.region", "cross_province_filing", "跨省 / Cross")])
    assert one.value.code == "cross_province_filing"
    assert one.value.fields == {"entity.region": ["跨省 / Cross"]}
    with pytest.raises(ApplicationError) as many:
        raise_for_problems([Problem("a", "x", "甲 / A"), Problem("b", "y", "乙 / B")])
    assert many.value.code == "validation_failed"
    assert set(many.value.fields) == {"a", "b"}

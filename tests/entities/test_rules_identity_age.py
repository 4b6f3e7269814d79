"""Age: full years on a day, and the region's minimum age (``entities.rules.identity.age``)."""

from __future__ import annotations

import datetime

import pytest

from entities.rules.identity import age_on, check_min_age
from tests.entities.rules_helpers import NUMBER, TODAY, found, make_ric, region


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        ("2007-06-16", "2025-06-16", 18),
        ("2007-06-17", "2025-06-16", 17),
        ("2008-02-29", "2026-02-28", 17),
        ("2008-02-29", "2026-03-01", 18),
        ("1990-12-31", "2025-01-01", 34),
    ],
)
def test_age_on(born, today, age):
    assert age_on(datetime.date.fromisoformat(born), datetime.date.fromisoformat(today)) == age


# Minimum age (Inner Mongolia and Hunan 18, Jiangsu 16, Beijing none).


@pytest.mark.parametrize(
    ("region_code", "certificate_type", "number", "today", "expected"),
    [
        ("CN-NM", "resident_id", make_ric("15010220070616123"), "2025-06-16", []),  # 18 today
        ("CN-NM", "resident_id", make_ric("15010220070617123"), "2025-06-16", [(NUMBER, "below_min_age")]),
        ("CN-NM", "resident_id", make_ric("15010220080229123"), "2026-02-28", [(NUMBER, "below_min_age")]),
        ("CN-NM", "resident_id", make_ric("15010220080229123"), "2026-03-01", []),
        ("CN-JS", "resident_id", make_ric("32010220090616123"), "2025-06-16", []),  # 16 today
        ("CN-JS", "resident_id", make_ric("32010220100101123"), "2025-06-16", [(NUMBER, "below_min_age")]),
        ("CN-BJ", "resident_id", make_ric("11010120150101123"), "2025-06-16", []),  # no minimum
        (
            "CN-HN",
            "hmt_residence_permit",
            make_ric("81000020100101123"),
            "2025-06-16",
            [(NUMBER, "below_min_age")],
        ),
        ("CN-HN", "passport", "E12345678", "2025-06-16", []),  # no birth date in the number
    ],
)
def test_min_age(region_code, certificate_type, number, today, expected):
    problems = check_min_age(
        certificate_type=certificate_type,
        certificate_number=number,
        region=region(region_code),
        today=datetime.date.fromisoformat(today),
    )
    assert found(problems) == expected


def test_min_age_comes_from_the_region_data():
    young = make_ric("11010120100101123")
    assert (
        check_min_age(
            certificate_type="resident_id", certificate_number=young, region=region("CN-BJ"), today=TODAY
        )
        == []
    )
    problems = check_min_age(
        certificate_type="resident_id",
        certificate_number=young,
        region=region("CN-BJ", min_age=21),
        today=TODAY,
    )
    assert found(problems) == [(NUMBER, "below_min_age")]
    assert "21" in problems[0].message

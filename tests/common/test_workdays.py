"""Working days: the State Council's holidays and in-lieu weekend days, and the Monday–Friday fallback."""

from __future__ import annotations

import datetime

import pytest

from common.workdays import add_workdays, is_workday, workdays_between


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-06-16", True),  # an ordinary Monday
        ("2025-06-14", False),  # an ordinary Saturday
        ("2025-05-30", True),  # Friday before the Dragon Boat Festival
        ("2025-05-31", False),  # Dragon Boat Festival (Saturday)
        ("2025-06-02", False),  # Dragon Boat Festival holiday on a Monday
        ("2025-09-28", True),  # Sunday worked in lieu of National Day
        ("2025-10-01", False),  # National Day
        ("2025-10-08", False),  # last day of the Golden Week, a Wednesday
        ("2025-10-11", True),  # Saturday worked in lieu
        ("2026-02-28", True),  # Saturday worked in lieu of the Spring Festival
        ("2026-10-01", False),  # National Day 2026
        # Outside the calendar's years: Monday–Friday.
        ("2040-01-02", True),  # Monday
        ("2040-01-07", False),  # Sunday
        ("2027-01-01", True),  # Friday: New Year, but 2027 is not in the calendar yet
        ("2000-01-01", False),  # Saturday, before 2004
    ],
)
def test_is_workday(day, expected):
    assert is_workday(d(day)) is expected


def test_is_workday_accepts_a_datetime():
    assert is_workday(datetime.datetime(2025, 10, 1, 9, 30)) is False


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        ("2025-06-13", 0, "2025-06-13"),
        ("2025-06-14", 0, "2025-06-14"),  # 0 working days after a Saturday is the Saturday
        ("2025-06-13", 1, "2025-06-16"),  # Friday + 1 → Monday
        ("2025-06-13", 3, "2025-06-18"),
        ("2025-06-14", 1, "2025-06-16"),  # from a Saturday
        ("2025-05-29", 2, "2025-06-03"),  # over the Dragon Boat Festival
        ("2025-09-26", 1, "2025-09-28"),  # to the Sunday worked in lieu
        ("2025-09-30", 1, "2025-10-09"),  # over the Golden Week
        ("2025-06-16", 20, "2025-07-14"),  # the usual MIIT review period
        ("2025-06-16", -1, "2025-06-13"),
        ("2025-10-09", -1, "2025-09-30"),
        ("2025-06-03", -2, "2025-05-29"),
        ("2026-12-31", 1, "2027-01-01"),  # into a year the calendar does not know: Monday–Friday
        ("2040-01-06", 1, "2040-01-09"),  # Friday + 1 → Monday, fallback
    ],
)
def test_add_workdays(start, count, expected):
    assert add_workdays(d(start), count) == d(expected)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-06-16", "2025-06-16", 0),
        ("2025-06-13", "2025-06-16", 1),
        ("2025-06-11", "2025-06-16", 3),
        ("2025-06-14", "2025-06-15", 0),  # a weekend
        ("2025-05-30", "2025-06-04", 2),  # the Dragon Boat Festival does not count
        ("2025-09-30", "2025-10-09", 1),  # nor does the Golden Week
        ("2025-06-16", "2025-06-13", -1),  # backwards
        ("2040-01-06", "2040-01-13", 5),  # fallback
    ],
)
def test_workdays_between(start, end, expected):
    assert workdays_between(d(start), d(end)) == expected


@pytest.mark.parametrize("start", ["2025-05-29", "2025-09-26", "2025-12-30", "2026-12-28"])
@pytest.mark.parametrize("count", [1, 3, 10])
def test_add_workdays_and_workdays_between_agree(start, count):
    due = add_workdays(d(start), count)
    assert workdays_between(d(start), due) == count
    assert workdays_between(d(start), due - datetime.timedelta(days=1)) == count - 1

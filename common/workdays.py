"""Working days of the Mainland calendar (public holidays and the weekend days worked in lieu), for deadlines.

``chinese_calendar`` knows the State Council's holiday arrangements for a range of years only (2004 to the
year after its release) and raises ``NotImplementedError`` outside it. There we fall back to Monday–Friday: a
deadline computed years ahead is an estimate anyway, and a missing calendar must not break a filing. Update
the ``chinesecalendar`` pin every December, when the next year's arrangement is published.
"""

from __future__ import annotations

import datetime

import chinese_calendar

_ONE_DAY = datetime.timedelta(days=1)


def is_workday(day: datetime.date) -> bool:
    """Whether ``day`` is a working day; Monday–Friday outside the years ``chinese_calendar`` covers."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_workdays(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``day`` (before it when ``count`` is negative); ``day`` for 0.

    ``day`` itself does not count, whether or not it is a working day: a letter received on Friday with
    3 working days to answer is due on Wednesday.
    """
    step = _ONE_DAY if count >= 0 else -_ONE_DAY
    remaining = abs(count)
    current = day
    while remaining:
        current += step
        if is_workday(current):
            remaining -= 1
    return current


def workdays_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is before ``start``.

    The inverse of ``add_workdays``: for n ≥ 1, ``add_workdays(start, n) <= end`` exactly when
    ``workdays_between(start, end) >= n``.
    """
    if end < start:
        return -workdays_between(end, start)
    count = 0
    current = start
    while current < end:
        current += _ONE_DAY
        if is_workday(current):
            count += 1
    return count

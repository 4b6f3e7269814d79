"""A rule's answer: the problems found, each with the field path, a stable code and a bilingual message.

Shared by every app's rules (``entities/rules/``, ``instances/services.py``) and mapped to
``ApplicationError`` in one place.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from common.errors import ApplicationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field, in the words an applicant can act on."""

    field: str  # a path such as "entity.certificate_number", "entity.head.mobile", "websites.0.domain"
    code: str  # stable snake_case, for the API and the tests: "ric_checksum"
    message: str  # bilingual, Chinese then English, naming the value or the limit


def problem(field: str, code: str, zh: str, en: str) -> Problem:
    """A ``Problem`` whose message is ``"<Chinese> / <English>"``."""
    return Problem(field=field, code=code, message=f"{zh} / {en}")


def problems_to_fields(problems: Iterable[Problem]) -> dict[str, list[str]]:
    """Field → messages, in order, each message once: the shape of ``ApplicationError(fields=...)``."""
    fields: dict[str, list[str]] = {}
    for item in problems:
        messages = fields.setdefault(item.field, [])
        if item.message not in messages:
            messages.append(item.message)
    return fields


def raise_for_problems(problems: Iterable[Problem]) -> None:
    """Raise one ``ApplicationError`` with every problem; its code is the problem's when there is one kind."""
    found = list(problems)
    if not found:
        return
    codes = {item.code for item in found}
    code = found[0].code if len(codes) == 1 else "validation_failed"
    message = found[0].message if len(found) == 1 else "请更正标出的字段 / Please correct the fields marked."
    raise ApplicationError(message, code=code, fields=problems_to_fields(found))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months, clamped to the month's end (31 January + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))

"""The holder's age: full years on a day, and the region's ``min_age`` where the number gives a birth date.

Passports and travel permits carry no birth date: ``min_age`` is checked where the number gives one
(resident ID, HMT residence permit); otherwise the specialist checks the scan.
"""

from __future__ import annotations

import datetime

from entities.models import Region
from entities.rules import Problem, problem
from entities.rules.identity.numbers import birth_date_from_certificate


def age_on(birth_date: datetime.date, today: datetime.date) -> int:
    """Full years of age on ``today`` (someone born on 29 February turns a year older on 1 March)."""
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def check_min_age(
    *,
    certificate_type: str,
    certificate_number: str,
    region: Region,
    today: datetime.date,
    field: str = "entity.certificate_number",
) -> list[Problem]:
    """The region's ``min_age`` on ``today``, where the number gives a birth date (see module docstring)."""
    if region.min_age is None:
        return []
    birth_date = birth_date_from_certificate(certificate_type, certificate_number)
    if birth_date is None:
        return []
    age = age_on(birth_date, today)
    if age >= region.min_age:
        return []
    return [
        problem(
            field,
            "below_min_age",
            f"{region.name_zh}要求年满{region.min_age}周岁；证件出生日期为{birth_date:%Y-%m-%d}，"
            f"至{today:%Y-%m-%d}为{age}周岁",
            f"{region.name_en} requires an age of at least {region.min_age}; born {birth_date:%Y-%m-%d}, "
            f"the holder is {age} on {today:%Y-%m-%d}.",
        )
    ]

"""A certificate's validity: expired, or too little time left (at least 3 months by default)."""

from __future__ import annotations

import datetime

from entities.rules import Problem, add_months, problem


def check_certificate_valid_until(
    *, valid_until: datetime.date | None, today: datetime.date, field: str, min_months: int = 3
) -> list[Problem]:
    """At least ``min_months`` of validity left; ``None`` means a long-term (长期) certificate."""
    if valid_until is None:
        return []
    if valid_until < today:
        return [
            problem(
                field,
                "certificate_expired",
                f"证件已于{valid_until:%Y-%m-%d}过期",
                f"The certificate expired on {valid_until:%Y-%m-%d}.",
            )
        ]
    needed = add_months(today, min_months)
    if valid_until < needed:
        return [
            problem(
                field,
                "certificate_expires_soon",
                f"证件有效期至{valid_until:%Y-%m-%d}，须至少还有{min_months}个月（至{needed:%Y-%m-%d}）",
                f"The certificate is valid until {valid_until:%Y-%m-%d}; at least {min_months} months are "
                f"needed (until {needed:%Y-%m-%d}).",
            )
        ]
    return []

"""The public-security (PSB) filing number a website records after its ICP approval (公安联网备案号).

Its form: the region's PSB prefix (``Region.psb_number_prefix``, e.g. 京公网安备), 14 digits, then 号:
京公网安备11010102000001号.
"""

from __future__ import annotations

import re
from typing import Any

from common.problems import Problem, problem

PSB_DIGITS = 14


def check_psb_number(value: str, *, region: Any, field: str) -> list[Problem]:
    """The problems of one PSB number (blank is the caller's business: "not recorded yet")."""
    number = (value or "").strip()
    prefix = region.psb_number_prefix
    example = f"{prefix}{'1' * 4}{'0' * (PSB_DIGITS - 5)}1号"
    if not number.startswith(prefix):
        return [
            problem(
                field,
                "psb_prefix",
                f"公安备案号应以“{prefix}”开头，例如 {example}",
                f"A PSB number of this region starts with “{prefix}”, e.g. {example}",
            )
        ]
    if not re.fullmatch(rf"[0-9]{{{PSB_DIGITS}}}号", number.removeprefix(prefix)):
        return [
            problem(
                field,
                "psb_format",
                f"“{prefix}”之后应为 {PSB_DIGITS} 位数字和“号”，例如 {example}",
                f"After “{prefix}” come {PSB_DIGITS} digits and 号, e.g. {example}",
            )
        ]
    return []

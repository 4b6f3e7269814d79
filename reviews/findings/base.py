"""What every check shares: the finding a check returns, and the context the checks read (the filing and,
computed once, every rule of ``filings.validation`` run again on what is stored)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from common.problems import Problem
from filings.models import Filing
from filings.validation import filing_problems

BLOCKING, ADVISORY = "blocking", "advisory"


@dataclass(frozen=True)
class Found:
    """One finding as a check returns it (``reviews.models.Finding`` stores it)."""

    code: str  # the check's code: "domain_holder_name_mismatch"
    field: str  # the field path: "websites.0.domain"
    severity: str  # BLOCKING or ADVISORY
    message: str  # bilingual: "中文 / English"
    evidence: dict[str, Any] = field(default_factory=dict)


def from_problem(item: Problem, *, severity: str = BLOCKING, group: str, **evidence: Any) -> Found:
    """A rule's problem as a finding: the rule's code, field and words, and the group that found it."""
    return Found(
        code=item.code,
        field=item.field,
        severity=severity,
        message=item.message,
        evidence={"group": group, **evidence},
    )


class Context:
    """The filing under review, and the stored filing's problems under today's rules (read once)."""

    def __init__(self, filing: Filing) -> None:
        self.filing = filing

    @functools.cached_property
    def problems(self) -> list[Problem]:
        """Every rule the submit checked (steps 1 to 3, service numbers), without the registrar, whose facts
        ``registrar.py`` asks for itself."""
        return filing_problems(self.filing, with_registrar=False)

    def problems_where(self, predicate: Any) -> list[Problem]:
        return [item for item in self.problems if predicate(item)]


def leaf(path: str) -> str:
    """The last part of a field path: "certificate_number" of "websites.0.head.certificate_number"."""
    return path.rsplit(".", 1)[-1]

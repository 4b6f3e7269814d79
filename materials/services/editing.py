"""How the materials services change a filing they do not know: the filings app hands in its rules.

The materials app sits below ``filings`` and never imports it, yet an upload or a face check changes a
filing: only its owner may make one, only while the filing's state lets step 4 change, a change made in
self-check moves the filing back to step 4, and a returned filing also takes the materials a reviewer asked
for. ``FilingsConfig.ready()`` registers those rules here once (``use_filing_rules``); the services ask for
them with ``filing_rules()``.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured

from common.errors import ApplicationError


class ProviderUnavailable(ApplicationError):
    status = 503


class FilingRules(Protocol):
    def require_owner(self, filing: Any, by: Any) -> None:
        """Refuse (403) anyone but the filing's applicant."""

    def require_editable(self, filing: Any) -> None:
        """Refuse (409) while the filing's state does not let step 4's data change."""

    def reopen(self, filing: Any, *, by: Any) -> None:
        """A change made after step 4 (in self-check) moves the filing back to step 4; in place otherwise."""

    def is_returned(self, filing: Any) -> bool:
        """Whether a reviewer or MIIT returned the filing (it then takes on-request materials)."""


_rules: FilingRules | None = None


def use_filing_rules(rules: FilingRules) -> None:
    global _rules
    _rules = rules


def filing_rules() -> FilingRules:
    if _rules is None:
        raise ImproperlyConfigured(
            "The filings app registers its rules for materials in FilingsConfig.ready()."
        )
    return _rules

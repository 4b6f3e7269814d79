"""The hook ``ReviewsConfig.ready()`` registers with ``filings.services.transitions.on_entering``."""

from __future__ import annotations

from common.jobs import dispatch_on_commit


def dispatch_findings(filing) -> None:
    """A filing entered provider review: compute the round's findings once the transaction has committed."""
    dispatch_on_commit("reviews.tasks.review_findings_task", filing.pk, filing.review_round)

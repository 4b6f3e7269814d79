from __future__ import annotations

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self) -> None:
        # The automated findings are computed when a filing enters provider review (filings does not import
        # reviews: it calls what is registered here).
        from filings.services.transitions import on_entering
        from filings.states import FilingState
        from reviews.findings.dispatch import dispatch_findings

        on_entering(FilingState.PROVIDER_REVIEW, dispatch_findings)

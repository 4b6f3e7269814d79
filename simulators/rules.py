"""The simulated MIIT's operator-set rules (``MiitReviewRules``): its delay and the returns it gives on demand."""

from __future__ import annotations

from django.conf import settings

from simulators.models import MiitReviewRules, MiitSubmission


def current_rules() -> MiitReviewRules | None:
    return MiitReviewRules.objects.order_by("pk").first()


def review_delay_seconds() -> float:
    """Seconds from a complete submission to MIIT's decision: the operator's value, else the setting."""
    rules = current_rules()
    if rules is not None and rules.review_delay_seconds is not None:
        return max(rules.review_delay_seconds, 0.0)
    return settings.SIMULATOR_MIIT_REVIEW_DELAY_SECONDS


def ruled_returns(submission: MiitSubmission) -> list[list[str]]:
    """[code, message] reasons the operator's rules give this submission (none without rules)."""
    rules = current_rules()
    if rules is None:
        return []
    words = rules.returned_domain_words.split()
    domains = [website["domain"] for website in submission.websites]
    if rules.return_every_submission or any(word in domain for word in words for domain in domains):
        return [[rules.return_code, rules.return_message]]
    return []

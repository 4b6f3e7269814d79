"""``manage.py demo_review``: the demo's stand-in for the review pages, through the review services."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_approve_claims_and_approves_as_the_specialist(build, sam, capsys):
    filing = build.to(build.start(), "provider_review")
    call_command("demo_review", "approve", str(filing.code)[:8], "--as", "sam")
    filing.refresh_from_db()
    assert filing.state in ("miit_submission", "mailing", "miit_review", "approved")
    assert filing.events.filter(transition="approve", actor=sam).exists()
    assert str(filing.code) in capsys.readouterr().out


def test_reject_stores_the_catalogues_words_with_each_reason(build, sam):
    filing = build.to(build.start(), "provider_review")
    call_command(
        "demo_review",
        "reject",
        str(filing.code),
        "--as",
        "sam",
        "--reason",
        "website_name_invalid:websites.0.name",
    )
    filing.refresh_from_db()
    assert filing.state == "provider_rejected"
    (reason,) = filing.events.get(transition="reject").reasons
    assert reason["field"] == "websites.0.name"
    assert " / " in reason["message"]  # Chinese / English, from the catalogue


def test_refusals_are_command_errors_not_tracebacks(build, sam, alice):
    draft = build.start()
    with pytest.raises(CommandError):
        call_command("demo_review", "approve", str(draft.code), "--as", "sam")  # not in review
    with pytest.raises(CommandError):
        call_command("demo_review", "approve", str(draft.code), "--as", "alice")  # not a specialist
    with pytest.raises(CommandError):
        call_command("demo_review", "approve", "zzzz", "--as", "sam")  # no such filing

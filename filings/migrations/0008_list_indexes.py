"""Indexes for the lists that grow with the provider (issue 15, P2 with 100,000 filings).

Plain SQL (valid for PostgreSQL and SQLite), not ``Meta.indexes``: ``filings/models.py`` stays within its
400 lines and the model holds the process, not its access paths. Each index names the list it serves:

- an applicant's filings, newest change first (the dashboard, ``GET /api/v1/filings/``);
- the review queue: in review, held by nobody, by deadline (partial: a few thousand of 100,000 rows; the
  states are ``filings.models.REVIEW_STATES`` today — if they change, the planner simply stops using it);
- a specialist's inbox, by deadline (partial: held filings only);
- every filing, newest change first (operators' lists).
"""

from django.db import migrations

INDEXES = [
    ("filing_applicant_updated_idx", "filings_filing (applicant_id, updated_at DESC)"),
    (
        "filing_queue_idx",
        "filings_filing (review_due_on, id) "
        "WHERE state IN ('provider_review', 'mailing') AND claimed_by_id IS NULL",
    ),
    ("filing_inbox_idx", "filings_filing (claimed_by_id, review_due_on, id) WHERE claimed_by_id IS NOT NULL"),
    ("filing_updated_idx", "filings_filing (updated_at DESC)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0007_event_kind_interventions"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {table}", f"DROP INDEX IF EXISTS {name}")
        for name, table in INDEXES
    ]

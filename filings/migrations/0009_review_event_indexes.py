"""Indexes on the filings' events for the review lists (issue 15, P2 with 100,000 filings: 670,000 events).

Plain SQL like ``0008_list_indexes`` (valid for PostgreSQL and SQLite); each partial index holds the few
events one question of ``reviews.selectors`` reads, so that it stops reading every event of a filing or of a
specialist:

- the start of a filing's current review round, the latest first (the "days in review" filter and counts:
  one index entry a filing instead of its 7 or so events);
- a specialist's first approvals (four eyes: the queue leaves out the filings whose first approval this
  specialist gave; a handful of rows instead of the specialist's 11,000 events);
- a specialist's decisions (the archive lists the filings a specialist decided).
"""

from django.db import migrations

INDEXES = [
    (
        "filingevent_round_start_idx",
        "filings_filingevent (filing_id, created_at DESC, id DESC) "
        "WHERE to_state = 'provider_review' AND from_state <> 'provider_review'",
    ),
    (
        "filingevent_first_approval_idx",
        "filings_filingevent (actor_id, filing_id, id) WHERE transition = 'approve_first'",
    ),
    (
        "filingevent_decision_idx",
        "filings_filingevent (actor_id, filing_id) WHERE actor_role = 'specialist' "
        "AND transition IN ('approve', 'approve_first', 'reject', 'confirm_mail_received')",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0008_list_indexes"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} ON {table}", f"DROP INDEX IF EXISTS {name}")
        for name, table in INDEXES
    ]

"""The large tables' paginator (common/admin.py): exact counts up to a cap, PostgreSQL's estimate beyond, and
no changelist of a large table counting the whole table."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common import admin as common_admin
from common.admin import EstimatedCountPaginator
from entities.models import SensitiveWord

pytestmark = pytest.mark.django_db


def test_a_count_under_the_cap_is_exact(monkeypatch):
    monkeypatch.setattr(common_admin, "EXACT_COUNT_UP_TO", 10_000)
    queryset = SensitiveWord.objects.order_by("word")
    assert EstimatedCountPaginator(queryset, 20).count == queryset.count()


def test_beyond_the_cap_postgresql_estimates_and_other_databases_count(monkeypatch):
    SensitiveWord.objects.bulk_create(SensitiveWord(word=f"词{n}") for n in range(30))
    monkeypatch.setattr(common_admin, "EXACT_COUNT_UP_TO", 5)
    queryset = SensitiveWord.objects.order_by("word")
    exact = queryset.count()
    with CaptureQueriesContext(connection) as queries:
        count = EstimatedCountPaginator(queryset, 20).count
    sql = " ".join(query["sql"] for query in queries)
    if connection.vendor == "postgresql":
        assert "EXPLAIN" in sql
        assert count >= 6  # the planner's figure, never below what was counted
    else:
        assert count == exact
    assert EstimatedCountPaginator(list(range(7)), 5).count == 7


LARGE_TABLES = {
    "notifications_notification": "admin:notifications_notification_changelist",
    "filings_material": "admin:materials_material_changelist",
    "reviews_finding": "admin:reviews_finding_changelist",
    "reviews_identityaccesslog": "admin:reviews_identityaccesslog_changelist",
    "filings_materialdownload": "admin:materials_materialdownload_changelist",
}


@pytest.mark.parametrize(("table", "url_name"), sorted(LARGE_TABLES.items()))
def test_a_large_tables_list_never_counts_the_whole_table(client, olga, table, url_name):
    client.force_login(olga)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(url_name)).status_code == 200
    counts = [
        query["sql"]
        for query in queries
        if re.search(r"COUNT\(", query["sql"], re.IGNORECASE)
        and f'"{table}"' in query["sql"]
        # The header's unread count (one account's inbox, on its index) is not the list's.
        and '"recipient_id" = ' not in query["sql"]
    ]
    assert counts, "the paginator counts (bounded)"
    for sql in counts:
        assert "LIMIT" in sql.upper(), f"an unbounded count: {sql}"


def test_a_large_tables_row_checkbox_is_djangos(build):
    """``LargeTableAdminMixin.action_checkbox`` writes out the HTML Django's widget renders."""
    from django.contrib import admin

    from filings.models import Filing

    filing = build.start(domains=["checkbox-one.com"])
    model_admin = admin.site._registry[Filing]
    assert isinstance(model_admin, common_admin.LargeTableAdminMixin)
    assert model_admin.action_checkbox(filing) == admin.ModelAdmin.action_checkbox(model_admin, filing)

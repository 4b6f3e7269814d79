"""Admin building blocks shared by the apps (imported by their ``admin.py``; registers nothing itself)."""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any

from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext as _


class NoDeleteAdminMixin:
    """No delete view (403) and no bulk delete action, for records the process and its audit depend on.

    A filing, its events, an entity or an issued number removed by hand would erase what happened and break
    the one-open-filing and duplicate checks; a record goes away only through a service, if ever. Django drops
    the ``delete_selected`` action by itself once the permission is refused.
    """

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class FixedInlineMixin(NoDeleteAdminMixin):
    """An inline of rows that services write: shown, never added or removed by hand."""

    can_delete = False
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdminMixin(NoDeleteAdminMixin):
    """Rows written by services and jobs only; operators read them and run the actions."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- Large tables -------------------------------------------------------------------------------------------
# A changelist counts its rows twice by default: the filtered list (for the paginator) and the whole table
# (for "N of M"). At 100,000 filings the events, materials, findings and notifications tables hold millions of
# rows, and PostgreSQL's COUNT(*) reads them all. These two pieces keep a list page's cost independent of the
# table's size.

# Below this many rows an exact count is cheap and nobody should see an estimate.
EXACT_COUNT_UP_TO = 10_000


def _planner_estimate(queryset: QuerySet) -> int | None:
    """PostgreSQL's planner estimate of the rows ``queryset`` returns (``EXPLAIN``, nothing is read)."""
    sql, params = queryset.order_by().query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):  # psycopg returns the JSON parsed, other drivers may not
        plan = json.loads(plan)
    try:
        return int(plan[0]["Plan"]["Plan Rows"])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


class EstimatedCountPaginator(Paginator):
    """Exact counts up to ``EXACT_COUNT_UP_TO`` rows, PostgreSQL's estimate beyond.

    1. Count at most ``EXACT_COUNT_UP_TO + 1`` rows (``SELECT COUNT(*) FROM (… LIMIT n)``): bounded work,
       exact for every list an operator pages through by hand.
    2. When the cap is reached on PostgreSQL, ask the planner (``EXPLAIN``) instead of counting: the last
       pages of a million-row list are approximate, which nobody notices, while every page stays fast.
    Other databases (SQLite in development and tests) count exactly beyond the cap.
    """

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if not isinstance(object_list, QuerySet):
            return len(object_list)
        capped = object_list.order_by()[: EXACT_COUNT_UP_TO + 1].count()
        if capped <= EXACT_COUNT_UP_TO:
            return capped
        if connections[object_list.db].vendor == "postgresql":
            estimate = _planner_estimate(object_list)
            if estimate is not None:
                return max(estimate, capped)
        return object_list.count()


class LargeTableAdminMixin:
    """For the tables that grow with the filings (events, materials, findings, notifications, entities,
    accounts…): no full-table count ("N of M" becomes "show all"), the estimating paginator, and no ``date_hierarchy``
    (its year links run ``SELECT DISTINCT`` over the whole table; filter on the date instead)."""

    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50

    def action_checkbox(self, obj: Any) -> str:
        """Django's checkbox of a row, the same HTML written out: Django renders a widget's templates for each
        of the page's 50 rows."""
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )

"""The filing list as CSV: the selected filings (an action) or the whole filtered list (a link keeping the
changelist's filters). Streamed row by row, read in chunks, so a list of 100,000 filings costs the server
one chunk of memory; identity numbers only masked; cells a spreadsheet would run as formulas defused."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from filings.models import Filing, FilingWebsite

CHUNK = 1000
HEADER = (
    "code",
    "state",
    "filing_type",
    "region",
    "entity_name",
    "entity_nature",
    "certificate_type",
    "certificate_number_masked",
    "domains",
    "applicant",
    "claimed_by",
    "review_round",
    "review_due_on",
    "miit_reference",
    "icp_number",
    "created_at",
    "updated_at",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file that hands back what is written: the csv writer's output becomes the stream's next piece."""

    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # An entity name like "=HYPERLINK(...)" would run in the operator's spreadsheet: shown as text instead.
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _stamp(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


# The columns as the database gives them (``values_list``: no model built per row), in HEADER's order.
_COLUMNS = (
    "code",
    "state",
    "filing_type",
    "region__code",
    "entity__name",
    "entity__nature",
    "entity__certificate_type",
    "entity__certificate_number_masked",
    None,  # the domains, read per chunk
    "applicant__username",
    "claimed_by__username",
    "review_round",
    "review_due_on",
    "miit_reference",
    "entity__icp_number",
    "created_at",
    "updated_at",
)
_DOMAINS = _COLUMNS.index(None)


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_rows(queryset: QuerySet[Filing]) -> Iterator[list[str]]:
    """The rows of ``queryset`` in primary-key order: one query for the filings (read by the server-side cursor
    in chunks) and one per chunk for their domains."""
    fields = [column for column in _COLUMNS if column]
    rows = queryset.order_by("pk").values_list("pk", *fields).iterator(chunk_size=CHUNK)
    for chunk in _chunks(rows, CHUNK):
        domains: dict[int, list[str]] = {}
        for filing_id, domain in (
            FilingWebsite.objects.filter(filing_id__in=[row[0] for row in chunk])
            .order_by("filing_id", "position")
            .values_list("filing_id", "website__domain__name")
        ):
            domains.setdefault(filing_id, []).append(domain or "")
        for pk, *values in chunk:
            values.insert(_DOMAINS, " ".join(domains.get(pk, [])))
            values[-2:] = [_stamp(values[-2]), _stamp(values[-1])]
            yield [_cell(value) for value in values]


def _lines(rows: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte-order mark, so that spreadsheet programs read the Chinese names as UTF-8
    yield writer.writerow(HEADER)
    for row in rows:
        yield writer.writerow(row)


def filings_csv_response(queryset: QuerySet[Filing]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_lines(export_rows(queryset)), content_type="text/csv; charset=utf-8")
    name = f"filings-{timezone.localtime():%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response

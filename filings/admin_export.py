"""The filing list as CSV: the selected filings (an action) or the whole filtered list (a link keeping the
changelist's filters). Streamed row by row, read in chunks, so a list of 100,000 filings costs the server
one chunk of memory; identity numbers only masked; cells a spreadsheet would run as formulas defused."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
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


def export_rows(queryset: QuerySet[Filing]) -> Iterator[list[str]]:
    websites = Prefetch(
        "filing_websites",
        queryset=FilingWebsite.objects.select_related("website__domain").order_by("position"),
    )
    rows = (
        queryset.select_related("entity", "region", "applicant", "claimed_by")
        .prefetch_related(websites)
        .order_by("pk")
        .iterator(chunk_size=CHUNK)
    )
    for filing in rows:
        entity = filing.entity
        yield [
            _cell(value)
            for value in (
                filing.code,
                filing.state,
                filing.filing_type,
                filing.region.code,
                entity.name,
                entity.nature,
                entity.certificate_type,
                entity.certificate_number_masked,
                " ".join(item.website.domain.name for item in filing.filing_websites.all()),
                filing.applicant.username,
                filing.claimed_by.username if filing.claimed_by_id else "",
                filing.review_round,
                filing.review_due_on or "",
                filing.miit_reference,
                entity.icp_number,
                _stamp(filing.created_at),
                _stamp(filing.updated_at),
            )
        ]


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

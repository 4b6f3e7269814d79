"""The filing changelist and change page run the same number of queries with 10 and with 200 filings (quality
P1), and the change page the same with one or many events, uploads and notices: nothing is read per row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from filings.models import Filing, FilingEvent
from filings.states import FilingState
from materials.models import Material, MaterialKind, MaterialStatus
from notifications.models import Notification

pytestmark = pytest.mark.django_db
S = FilingState
CHANGELIST = reverse("admin:filings_filing_changelist")


def top_up(template: Filing, total: int, *, claimed_by=None) -> None:
    """Copies of ``template`` (its entity, region, applicant) up to ``total`` filings, in varied states."""
    missing = total - Filing.objects.count()
    states = [S.PROVIDER_REVIEW, S.MIIT_REVIEW, S.INFORMATION, S.APPROVED]
    Filing.objects.bulk_create(
        Filing(
            applicant_id=template.applicant_id,
            region_id=template.region_id,
            entity_id=template.entity_id,
            filing_type=template.filing_type,
            state=states[index % len(states)],
            claimed_by=claimed_by if index % 2 else None,
            review_due_on=timezone.localdate() - dt.timedelta(days=index % 3),
        )
        for index in range(missing)
    )


def queries(client, url: str) -> int:
    client.get(url)  # the first request of a session fills caches (permissions, content types) once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "query", ["", "?state=provider_review", "?overdue=yes", "?q=site", "?entity__nature=individual&o=2"]
)
def test_the_changelist_costs_the_same_with_10_and_200_filings(operator_client, in_review, sam, query):
    top_up(in_review, 10, claimed_by=sam)
    few = queries(operator_client, CHANGELIST + query)
    top_up(in_review, 200, claimed_by=sam)
    many = queries(operator_client, CHANGELIST + query)
    assert few == many
    assert many <= 12


def test_the_changelist_never_counts_the_whole_table(operator_client, in_review):
    top_up(in_review, 30)
    with CaptureQueriesContext(connection) as captured:
        response = operator_client.get(CHANGELIST + "?state=approved")
    assert response.context["cl"].show_full_result_count is False
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() or "WHERE" in sql.upper() for sql in counts)


def _grow(filing: Filing, times: int, *, batch: str) -> None:
    """Many events, uploads and notices on one filing."""
    FilingEvent.objects.bulk_create(
        FilingEvent(
            filing=filing,
            actor=filing.applicant,
            actor_role="operator",
            kind="intervention",
            transition="retry_miit",
            from_state=filing.state,
            to_state="",
            payload={"reason": f"try {index}"},
        )
        for index in range(times)
    )
    Material.objects.bulk_create(
        Material(filing=filing, kind=MaterialKind.ID_FRONT, status=MaterialStatus.PROCESSING)
        for _ in range(times)
    )
    Notification.objects.bulk_create(
        Notification(
            filing=filing,
            recipient=filing.applicant,
            channel="email",
            email="alice@example.com",
            kind="filing_submitted",
            dedupe_key=f"grow:{batch}:{filing.pk}:{index}",
            failed_at=timezone.now(),
        )
        for index in range(times)
    )


def test_the_change_page_costs_the_same_with_10_and_200_filings(operator_client, held):
    url = reverse("admin:filings_filing_change", args=[held.pk])
    top_up(held, 10)
    few = queries(operator_client, url)
    top_up(held, 200)
    assert queries(operator_client, url) == few


def test_the_change_page_costs_the_same_with_many_events_uploads_and_notices(operator_client, held):
    url = reverse("admin:filings_filing_change", args=[held.pk])
    _grow(held, 1, batch="few")
    few = queries(operator_client, url)
    _grow(held, 40, batch="many")
    page = operator_client.get(url).content.decode()
    assert page.count("try ") >= 41
    assert queries(operator_client, url) == few


def test_the_event_list_filters_without_reading_the_table(operator_client, held):
    url = reverse("admin:filings_filingevent_changelist")
    with CaptureQueriesContext(connection) as captured:
        response = operator_client.get(url + "?transition=submit&actor_role=applicant&kind=transition")
    assert response.status_code == 200
    assert [event.transition for event in response.context["cl"].result_list] == ["submit"]
    assert not [q for q in captured if "DISTINCT" in q["sql"].upper()]

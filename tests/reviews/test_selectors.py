"""The review lists' counts (``reviews.selectors.facet_counts``): one grouped query gives, for every facet
value, the number of filings its own filter would show with the other filters in force."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entities.models import Entity, EntityNature, Region
from filings.deadlines import DeadlineState
from filings.models import Filing, FilingEvent
from filings.states import FilingState
from reviews.models import Finding
from reviews.selectors import (
    AGES,
    QUEUE,
    YES_NO,
    ReviewFilters,
    facet_counts,
    filter_reviews,
    review_list,
    with_review_facts,
)

pytestmark = pytest.mark.django_db
S = FilingState


@pytest.fixture
def varied(build, bob) -> list[Filing]:
    """Filings in review that differ in every facet: region, type, nature, age, deadline, round, findings."""
    first = build.to(build.start(domains=["facets-one.com"]), S.PROVIDER_REVIEW)
    now, today = timezone.now(), timezone.localdate()
    regions = list(Region.objects.order_by("code")[:3])
    other_entity = Entity.objects.get(pk=first.entity_id)
    other_entity.pk, other_entity.code, other_entity.owner = None, uuid.uuid4(), bob
    other_entity.nature = EntityNature.GOVERNMENT
    other_entity.save()
    made = []
    states = [S.PROVIDER_REVIEW, S.MAILING]
    dues = [today - dt.timedelta(days=2), today, today + dt.timedelta(days=3), None]
    starts = [None, now - dt.timedelta(hours=2), now - dt.timedelta(days=2), now - dt.timedelta(days=9)]
    for index, (state, due, start) in enumerate(itertools.product(states, dues, starts)):
        filing = Filing.objects.create(
            applicant=first.applicant,
            region=regions[index % 3],
            entity=other_entity if index % 2 else first.entity,
            filing_type=first.filing_type if index % 5 else "",
            state=state,
            review_round=1 + index % 3,
            review_due_on=due,
        )
        if start is not None:
            event = FilingEvent.objects.create(
                filing=filing,
                actor_role="applicant",
                transition="submit",
                from_state=S.SELF_CHECK,
                to_state=S.PROVIDER_REVIEW,
            )
            FilingEvent.objects.filter(pk=event.pk).update(created_at=start)
        if index % 4 == 1:  # a finding of this round, or (every other time) of the round before only
            Finding.objects.create(
                filing=filing,
                review_round=filing.review_round - (index % 8 == 5),
                code="x",
                field="entity.name",
                severity="blocking",
                message="m",
            )
        made.append(filing)
    return [first, *made]


def _one_by_one(base, filters: ReviewFilters, now: dt.datetime) -> dict[str, dict[str, int]]:
    """What each value's own filter shows, one count query per value (the definition of the counts)."""
    values = {
        "region": list(Region.objects.values_list("code", flat=True)),
        "filing_type": list(Filing.objects.values_list("filing_type", flat=True).distinct()),
        "nature": list(EntityNature.values),
        "age": [key for key, *_days in AGES],
        "deadline": list(DeadlineState.values),
        "resubmission": [key for key, _label in YES_NO],
        "findings": [key for key, _label in YES_NO],
    }
    counts: dict[str, dict[str, int]] = {}
    for facet in ReviewFilters.FACETS:
        other = filters.without(facet)
        counted = {
            value: filter_reviews(base, ReviewFilters(**{**other.__dict__, facet: value}), now=now).count()
            for value in values[facet]
            if value
        }
        if "" in values[facet]:  # a filing whose type is not known yet: no filter picks it, it is counted
            counted[""] = filter_reviews(base, other, now=now).filter(filing_type="").count()
        # The grouped facets name the values found; the others name every value.
        counts[facet] = (
            {value: n for value, n in counted.items() if n}
            if facet in ("region", "filing_type", "nature")
            else counted
        )
    return counts


@pytest.mark.parametrize(
    "filters",
    [
        ReviewFilters(),
        ReviewFilters(deadline="overdue"),
        ReviewFilters(age="days", findings="no"),
        ReviewFilters(resubmission="yes", nature="government", region="CN-AH"),
        ReviewFilters(findings="yes", deadline="due_today", age="old", filing_type=""),
        ReviewFilters(age="new", deadline="on_time", resubmission="no", findings="yes"),
    ],
)
def test_each_count_is_what_the_values_own_filter_shows(varied, olga, filters):
    now = timezone.now()
    queue = with_review_facts(review_list(olga, QUEUE))
    assert queue.count() == 33
    assert facet_counts(queue, filters, now=now) == _one_by_one(queue, filters, now)


def test_every_facet_is_counted_in_one_query(varied, olga):
    filters = ReviewFilters(deadline="overdue", findings="yes")
    with CaptureQueriesContext(connection) as queries:
        facet_counts(with_review_facts(review_list(olga, QUEUE)), filters)
    assert len(queries) == 1

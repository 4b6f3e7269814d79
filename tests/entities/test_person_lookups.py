"""The portal-wide look-ups of people by their contacts (a mobile belongs to one entity, at every full check;
an email another entity's person uses, in the findings) use an index, not a scan of every person."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models.functions import Lower

from entities.models import Person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans"),
]


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the plan a large table gets, on a small one
        return queryset.explain()


def test_people_are_found_by_mobile_through_an_index():
    plan = _plan(Person.objects.filter(mobile__in=["13900090236"]).values_list("mobile", flat=True))
    assert "entities_person_mobile" in plan


def test_people_are_found_by_email_in_any_case_through_an_index():
    people = Person.objects.annotate(email_folded=Lower("email")).filter(email_folded__in=["a@example.com"])
    assert "entities_person_email_folded" in _plan(people.values_list("email_folded", flat=True))

"""``common.compiled.CompiledQuery``: the queryset's answer, compiled once, run with new values each time."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from common.compiled import CompiledQuery, marker_integer, marker_text, marker_uuid
from filings.models import Filing, FilingWebsite

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_the_same_instances_as_the_queryset_for_each_value(alice, bob, build):
    mine = [build.start(domains=[f"compiled-{n}.cn", f"compiled-{n}b.cn"]) for n in range(2)]
    theirs = build.start(applicant=bob, domains=["compiled-bob.cn"])

    def websites(filing_id):
        return (
            FilingWebsite.objects.select_related("website__domain", "service_number")
            .filter(filing_id=filing_id)
            .order_by("-position")
        )

    compiled = CompiledQuery(websites, filing_id=marker_integer())
    for filing in [*mine, theirs]:
        expected = list(websites(filing.pk))
        got = compiled.objects(filing_id=filing.pk)
        assert [_fields(item) for item in got] == [_fields(item) for item in expected]
        assert [item.website.domain.name for item in got] == [item.website.domain.name for item in expected]
        assert [item.position for item in got] == list(range(len(got)))[::-1] and got  # the queryset's order
    assert compiled.objects(filing_id=0) == []


def test_values_of_every_kind_and_one_counted_query_per_run(alice, build):
    filing = build.start(domains=["compiled-kinds.cn"])
    compiled = CompiledQuery(
        lambda code, state, applicant: Filing.objects.filter(code=code, state=state, applicant_id=applicant),
        code=marker_uuid(),
        state=marker_text(),
        applicant=marker_integer(),
    )
    compiled.objects(code=filing.code, state=filing.state, applicant=alice.pk)  # compiled (and prepared)
    with CaptureQueriesContext(connection) as queries:
        found = compiled.objects(code=str(filing.code), state=filing.state, applicant=alice.pk)
    assert [item.pk for item in found] == [filing.pk] and len(queries) == 1
    assert compiled.objects(code=uuid.uuid4(), state=filing.state, applicant=alice.pk) == []
    assert compiled.objects(code=filing.code, state="approved", applicant=alice.pk) == []


def test_a_value_that_does_not_reach_the_sql_is_refused_unless_optional(alice):
    everything = CompiledQuery(lambda user_id: Filing.objects.all(), user_id=marker_integer())
    with pytest.raises(ValueError, match="user_id"):
        everything.objects(user_id=alice.pk)
    optional = CompiledQuery(
        lambda user_id: Filing.objects.all(), optional=("user_id",), user_id=marker_integer()
    )
    assert optional.objects(user_id=alice.pk) == []


def test_a_queryset_that_matches_nothing_runs_no_query(alice):
    compiled = CompiledQuery(lambda user_id: Filing.objects.none(), user_id=marker_integer())
    with CaptureQueriesContext(connection) as queries:
        assert compiled.objects(user_id=alice.pk) == []
    assert len(queries) == 0


@pytest.mark.django_db(transaction=True)
def test_it_survives_a_rolled_back_transaction_and_a_new_connection(alice, build):
    """PostgreSQL keeps the prepared statement through a rollback and loses it with the connection."""
    filing = build.start(domains=["compiled-rollback.cn"])
    compiled = CompiledQuery(lambda pk: Filing.objects.filter(pk=pk), pk=marker_integer())
    with pytest.raises(RuntimeError), transaction.atomic():
        assert [item.pk for item in compiled.objects(pk=filing.pk)] == [filing.pk]
        raise RuntimeError("rolled back")
    assert [item.pk for item in compiled.objects(pk=filing.pk)] == [filing.pk]
    connection.close()
    assert [item.pk for item in compiled.objects(pk=filing.pk)] == [filing.pk]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'compiled_query_%%'")
            assert cursor.fetchone()[0] >= 1

"""The operator's admin of filings: it shows the record and runs the jobs, it never destroys or rewrites it."""

from __future__ import annotations

import pytest

from filings.models import FilingEvent, FilingWebsite
from filings.states import FilingState
from tests.admin_assertions import (
    admin_url,
    assert_not_deletable,
    change_form,
    editable_fields,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing(build):
    return build.to(build.start(), FilingState.INSTANCE_VERIFICATION)


def test_operator_cannot_delete_a_filing(client, olga, filing):
    client.force_login(olga)
    assert_not_deletable(client, filing)


def test_operator_cannot_delete_a_filing_event(client, olga, filing):
    client.force_login(olga)
    assert_not_deletable(client, FilingEvent.objects.filter(filing=filing).first())


def test_filing_state_and_review_round_are_read_only(client, olga, filing):
    client.force_login(olga)
    fields = editable_fields(change_form(client, filing))
    assert not fields & {"state", "review_round", "code", "entity"}


def test_filed_websites_cannot_be_added_or_removed_by_hand(client, olga, filing):
    """The websites are shown in their own section, never as a formset; the page accepts no save."""
    client.force_login(olga)
    assert not change_form(client, filing).context["inline_admin_formsets"]
    data = {
        "filing_websites-TOTAL_FORMS": "2",
        "filing_websites-INITIAL_FORMS": "1",
        "filing_websites-0-id": str(filing.filing_websites.get().pk),
        "filing_websites-0-filing": str(filing.pk),
        "filing_websites-0-DELETE": "on",
        "filing_websites-1-filing": str(filing.pk),
        "filing_websites-1-position": "2",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    assert client.post(admin_url(filing, "change", filing.pk), data).status_code == 403
    assert FilingWebsite.objects.filter(filing=filing).count() == 1


def test_applicant_cannot_reach_the_filing_admin(client, alice, filing):
    client.force_login(alice)
    response = client.get(admin_url(filing, "delete", filing.pk))
    assert response.status_code == 302

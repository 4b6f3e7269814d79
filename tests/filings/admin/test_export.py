"""The filing list as CSV: the selected filings or the filtered list, streamed, identity numbers masked."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.admin import helpers
from django.http import StreamingHttpResponse
from django.urls import reverse

from entities.models import Entity
from filings.admin_export import HEADER
from filings.states import FilingState

pytestmark = pytest.mark.django_db
S = FilingState
EXPORT = reverse("admin:filings_filing_export")


def _rows(response) -> list[dict[str, str]]:
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="filings-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_filtered_list_is_exported_with_masked_numbers(operator_client, in_review, build):
    other = build.to(build.start(domains=["other-site.com"]), S.INFORMATION)
    rows = _rows(operator_client.get(EXPORT + "?state=provider_review"))
    assert [row["code"] for row in rows] == [str(in_review.code)]
    row = rows[0]
    number = in_review.entity.certificate_number
    assert row["certificate_number_masked"] == in_review.entity.certificate_number_masked
    assert "*" in row["certificate_number_masked"] and row["certificate_number_masked"] != number
    assert row["state"] == "provider_review" and row["region"] == "CN-BJ"
    assert row["domains"] == " ".join(i.website.domain.name for i in in_review.filing_websites.all())
    every = _rows(operator_client.get(EXPORT))
    assert {row["code"] for row in every} == {str(in_review.code), str(other.code)}
    assert list(every[0]) == list(HEADER)


def test_no_clear_identity_number_anywhere_in_the_file(operator_client, in_review):
    text = b"".join(operator_client.get(EXPORT).streaming_content).decode()
    people = [in_review.entity, *in_review.entity.people.all()]
    for holder in people:
        assert holder.certificate_number not in text


def test_the_search_is_kept(operator_client, in_review, build):
    build.to(build.start(domains=["another.com"]), S.INFORMATION)
    domain = in_review.filing_websites.first().website.domain.name
    rows = _rows(operator_client.get(EXPORT, {"q": domain}))
    assert [row["code"] for row in rows] == [str(in_review.code)]


def test_the_export_action_streams_the_selected_filings(operator_client, in_review, build):
    build.to(build.start(domains=["not-selected.com"]), S.INFORMATION)
    response = operator_client.post(
        reverse("admin:filings_filing_changelist"),
        {"action": "export_selected", "index": "0", helpers.ACTION_CHECKBOX_NAME: [str(in_review.pk)]},
    )
    assert [row["code"] for row in _rows(response)] == [str(in_review.code)]


def test_a_formula_in_an_entity_name_is_shown_as_text(operator_client, in_review):
    Entity.objects.filter(pk=in_review.entity_id).update(name='=HYPERLINK("http://evil")')
    row = _rows(operator_client.get(EXPORT))[0]
    assert row["entity_name"] == '\'=HYPERLINK("http://evil")'


def test_the_changelist_links_to_the_export_with_its_filters(operator_client, in_review):
    page = operator_client.get(reverse("admin:filings_filing_changelist") + "?state=provider_review")
    assert f'href="{EXPORT}?state=provider_review"' in page.content.decode()


@pytest.mark.parametrize("persona", ["alice", "sam"])
def test_only_operators_export(client, in_review, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(EXPORT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

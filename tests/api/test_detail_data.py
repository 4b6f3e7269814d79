"""``filing_detail_data`` gives the same JSON as ``FilingSerializer`` (the schema's description of the answer)
for filings in each kind of state and for each viewer: the fast path of the API detail cannot drift from it
(issue 15, P3)."""

from __future__ import annotations

import json

import pytest
from django.http import Http404
from rest_framework.renderers import JSONRenderer

from filings.api.detail import FilingSerializer
from filings.api.detail_data import filing_detail_data
from filings.api.queries import visible_filing, with_detail
from filings.api.serializers import Viewer
from filings.models import Filing
from reviews import services as review_services
from tests.filings.test_reminders import approve

pytestmark = pytest.mark.django_db


def _both(filing: Filing, user) -> tuple[dict, dict]:
    """The serializer over the ORM's ``with_detail``; the fast path over the API's own loading (compiled
    queries, ``visible_filing``) when ``user`` may see the filing."""
    loaded = with_detail(Filing.objects.filter(pk=filing.pk)).get()
    viewer = Viewer.of(user, loaded)
    slow = FilingSerializer(loaded, context={"viewer": viewer}).data
    try:
        fast_loaded = visible_filing(user, filing.code, detail=True)
    except Http404:
        fast_loaded = loaded
    fast = filing_detail_data(fast_loaded, viewer)
    render = JSONRenderer().render
    return json.loads(render(slow)), json.loads(render(fast))


def test_the_same_answer_in_every_kind_of_state(alice, sam, olga, bob, build, drive):
    draft = build.start(domains=["parity-draft.cn", "parity-draft2.cn"])
    materials = drive(build.start(domains=["parity-materials.cn"]), "materials")
    in_review = drive(build.start(domains=["parity-review.cn"]), "provider_review")
    review_services.review_claim(filing=in_review, by=sam)
    returned = drive(build.start(domains=["parity-returned.cn"]), "provider_review")
    review_services.review_claim(filing=returned, by=sam)
    review_services.review_reject(
        filing=returned,
        by=sam,
        reasons=[{"code": "address_incomplete", "field": "entity.mailing_address"}],
        message="请补全",
    )
    approved = approve(build, build.start(domains=["parity-approved.cn", "parity-approved2.cn"]))
    cases = [
        (draft, alice),
        (materials, alice),
        (in_review, sam),  # the holder: identity revealed, findings
        (in_review, olga),
        (returned, alice),
        (returned, sam),
        (approved, alice),
        (approved, olga),
    ]
    for filing, user in cases:
        slow, fast = _both(filing, user)
        assert fast == slow, (filing.state, user.username)
    assert _both(returned, alice)[1]["reasons"] and _both(materials, alice)[1]["required_materials"]


def test_a_filing_miit_texted_shows_its_people(alice, sam, build):
    texted = build.with_two_sms_codes(region="CN-TJ", domain="parity-sms.com", specialist=sam)
    slow, fast = _both(texted, alice)
    assert fast == slow
    assert len(fast["sms"]["people"]) == 2 and fast["sms"]["required"]


def test_another_viewer_sees_masked_numbers(alice, bob, build):
    filing = build.start(domains=["parity-masked.cn"])
    slow, fast = _both(filing, bob)
    assert fast == slow
    assert fast["available_transitions"] == []


def test_the_list_rows_are_the_per_field_serializer_s(alice, sam, olga, build, drive, rf):
    from filings.api.queries import with_summary
    from filings.api.serializers import FilingSummarySerializer

    build.start(domains=["parity-list.cn", "parity-list2.cn"])
    held = drive(build.start(domains=["parity-list-held.cn"]), "provider_review")
    review_services.review_claim(filing=held, by=sam)
    render = JSONRenderer().render
    for user in (alice, sam, olga):
        request = rf.get("/api/v1/filings/")
        request.user = user
        filings = list(with_summary(Filing.objects.order_by("id")))
        fast = json.loads(
            render(FilingSummarySerializer(filings, many=True, context={"request": request}).data)
        )
        slow = [
            json.loads(render(FilingSummarySerializer(filing, context={"request": request}).data))
            for filing in filings
        ]
        assert fast == slow, user.username
    assert any(row["claimed_by"] == "sam" for row in fast)

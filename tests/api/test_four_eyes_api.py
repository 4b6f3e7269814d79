"""Four eyes over the review API: ``POST …/approve/`` gives the approval that is due (the first of two keeps the
filing in review, unclaimed), refuses the second by the same specialist (409
``second_approval_same_specialist``), and the filing's ``available_transitions`` offer each specialist only the
approval due from them."""

from __future__ import annotations

import pytest

from entities.models import Region
from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


def _action(filing, name: str) -> str:
    return f"/api/v1/review/filings/{filing.code}/{name}/"


def _detail(client, filing) -> dict:
    response = client.get(f"/api/v1/filings/{filing.code}/")
    assert response.status_code == 200, response.json()
    return response.json()


@pytest.fixture
def in_review(drive, build):
    filing = drive(build.start(), "provider_review")
    Region.objects.filter(code=filing.region.code).update(second_approval_required=True)
    return filing


def test_two_specialists_approve_and_the_same_one_cannot_give_both(api, sam, tina, in_review):
    client = api(sam)
    response = client.post(_action(in_review, "claim"))
    assert response.status_code == 200, response.json()
    assert sorted(response.json()["available_transitions"]) == ["approve_first", "reject"]

    response = client.post(_action(in_review, "approve"), {"note": "first look"}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["state"], body["available_transitions"]) == ("provider_review", [])
    in_review.refresh_from_db()
    assert in_review.claimed_by_id is None
    event = in_review.events.order_by("-id").first()
    assert (event.transition, event.actor, event.payload) == ("approve_first", sam, {"note": "first look"})
    # Back in the queue for the second review.
    queue = api(tina).get("/api/v1/review/queue/").json()["results"]
    assert [item["id"] for item in queue] == [str(in_review.code)]

    # The same specialist claims it again: no approval offered, and one attempted is refused.
    assert client.post(_action(in_review, "claim")).status_code == 200
    assert _detail(client, in_review)["available_transitions"] == ["reject"]
    response = client.post(_action(in_review, "approve"), {}, format="json")
    assert response.status_code == 409, response.json()
    error = error_of(response)
    assert error["code"] == "second_approval_same_specialist"
    assert error["message"]
    assert client.post(_action(in_review, "release")).status_code == 200

    # A different specialist gives the second approval: the filing leaves provider review.
    other = api(tina)
    response = other.post(_action(in_review, "claim"))
    assert sorted(response.json()["available_transitions"]) == ["approve", "reject"]
    response = other.post(_action(in_review, "approve"), {"note": "second look"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "miit_submission"
    approvals = in_review.events.filter(transition__in=["approve_first", "approve"]).order_by("id")
    assert [(e.transition, e.actor.username) for e in approvals] == [
        ("approve_first", "sam"),
        ("approve", "tina"),
    ]


def test_without_four_eyes_one_approval_leaves_review(api, sam, drive, build):
    filing = drive(build.start(), "provider_review")
    client = api(sam)
    assert client.post(_action(filing, "claim")).json()["available_transitions"] == ["approve", "reject"]
    response = client.post(_action(filing, "approve"), {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "miit_submission"
    assert not filing.events.filter(transition="approve_first").exists()


def test_only_the_holder_approves_under_four_eyes(api, alice, sam, tina, in_review):
    assert api(sam).post(_action(in_review, "approve"), {}, format="json").status_code == 403  # not claimed
    api(sam).post(_action(in_review, "claim"))
    assert api(tina).post(_action(in_review, "approve"), {}, format="json").status_code == 403
    assert api(alice).post(_action(in_review, "approve"), {}, format="json").status_code in (403, 404)
    assert api(tina).get(f"/api/v1/filings/{in_review.code}/").json()["available_transitions"] == []
    assert not in_review.events.filter(transition="approve_first").exists()


def test_a_bad_body_is_still_a_400_before_any_approval(api, sam, in_review):
    api(sam).post(_action(in_review, "claim"))
    response = api(sam).post(_action(in_review, "approve"), {"overrides": "not a list"}, format="json")
    assert response.status_code == 400, response.json()
    assert not in_review.events.filter(transition="approve_first").exists()

"""Four eyes (review.md): where a region asks for it, or the setting does for a resubmission after an MIIT
rejection, the first approval (``approve_first``) keeps the filing in provider review for a different
specialist, whose ``approve`` lets it leave; the specialist who gave the first cannot give the second."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from entities.models import Region
from filings import services
from filings.api.detail import available_transitions
from filings.models import Filing
from filings.services import run_transition
from reviews import services as review_services
from simulators.miit import mark_certificate_abnormal, review_submission
from simulators.models import MiitAbnormalCertificate, MiitSubmission

pytestmark = pytest.mark.django_db


def four_eyes(region: str = "CN-BJ", on: bool = True) -> None:
    Region.objects.filter(code=region).update(second_approval_required=on)


@pytest.fixture
def in_review(build) -> Filing:
    """A Beijing filing (no mailing, no SMS) in provider review, four eyes on for Beijing."""
    filing = build.to(build.start(), "provider_review")
    four_eyes()
    return filing


def _claim_and_approve(filing: Filing, specialist, **options) -> Filing:
    review_services.review_claim(filing=filing, by=specialist)
    return review_services.review_approve(filing=filing, by=specialist, **options)


def _transitions(filing: Filing) -> list[str]:
    return [event.transition for event in filing.events.order_by("created_at", "id")]


# --- Four eyes on for the region --------------------------------------------------------------------------
def test_the_first_approval_keeps_the_filing_in_review_unclaimed(in_review, sam):
    review_services.review_claim(filing=in_review, by=sam)
    assert set(available_transitions(in_review, sam)) == {"approve_first", "reject"}
    filing = review_services.review_approve(filing=in_review, by=sam, note="看过了")
    assert (filing.state, filing.claimed_by_id) == ("provider_review", None)
    event = filing.events.order_by("-id").first()
    assert (event.transition, event.actor, event.actor_role) == ("approve_first", sam, "specialist")
    assert (event.from_state, event.to_state, event.payload) == (
        "provider_review",
        "provider_review",
        {"note": "看过了"},
    )
    assert available_transitions(filing, sam) == []  # nobody holds it: back in the queue
    with pytest.raises(NotPermitted):
        services.approval_transition(filing, by=sam)


def test_the_same_specialist_cannot_give_the_second_approval(in_review, sam):
    _claim_and_approve(in_review, sam)
    filing = review_services.review_claim(filing=in_review, by=sam)
    assert available_transitions(filing, sam) == ["reject"]  # the page offers no approval
    events = filing.events.count()
    with pytest.raises(TransitionConflict) as refused:
        review_services.review_approve(filing=filing, by=sam)
    assert refused.value.code == "second_approval_same_specialist"
    filing.refresh_from_db()
    assert (filing.state, filing.claimed_by_id, filing.events.count()) == ("provider_review", sam.pk, events)


def test_the_state_machine_itself_refuses_the_same_specialists_second_approval(in_review, sam):
    """Not only the service: ``approve`` run directly (the actor handed in as the service does) fails its
    condition, and so does a second ``approve_first``."""
    _claim_and_approve(in_review, sam)
    filing = review_services.review_claim(filing=in_review, by=sam)
    with pytest.raises(ApplicationError) as refused:
        run_transition(filing, "approve", by=sam, prepare=lambda locked: setattr(locked, "acting_user", sam))
    assert refused.value.code == "conditions_not_met" and set(refused.value.fields) == {"filing"}
    with pytest.raises(ApplicationError) as again:
        run_transition(filing, "approve_first", by=sam)
    assert again.value.code == "conditions_not_met"
    with pytest.raises(ApplicationError):  # no actor handed in: four eyes cannot be checked, so refused
        run_transition(filing, "approve", by=sam)
    assert Filing.objects.get(pk=filing.pk).state == "provider_review"


def test_a_different_specialist_gives_the_second_approval_and_the_filing_leaves_review(in_review, sam, tina):
    _claim_and_approve(in_review, sam, note="first")
    review_services.review_claim(filing=in_review, by=tina)
    assert set(available_transitions(in_review, tina)) == {"approve", "reject"}
    assert services.approval_transition(in_review, by=tina) == "approve"
    filing = review_services.review_approve(filing=in_review, by=tina, note="second")
    assert filing.state == "miit_submission"  # Beijing: no mailing
    first, second = filing.events.filter(transition__in=["approve_first", "approve"]).order_by("id")
    assert (first.transition, first.actor, first.payload) == ("approve_first", sam, {"note": "first"})
    assert (second.transition, second.actor, second.payload) == ("approve", tina, {"note": "second"})
    assert (second.from_state, second.to_state) == ("provider_review", "miit_submission")


def test_the_second_approval_leads_to_mailing_where_the_region_asks_for_paper(build, sam, tina):
    filing = build.to(build.start(), "provider_review")
    Region.objects.filter(code="CN-BJ").update(second_approval_required=True, mailing_rule="always")
    _claim_and_approve(filing, sam)
    assert Filing.objects.get(pk=filing.pk).state == "provider_review"
    assert _claim_and_approve(filing, tina).state == "mailing"


def test_the_first_approval_keeps_its_overrides(in_review, sam):
    review_services.review_claim(filing=in_review, by=sam)
    overrides = [{"finding": "image_blurry", "note": "readable enough"}]
    services.filing_approve(filing=in_review, by=sam, note="ok", overrides=overrides)
    event = in_review.events.order_by("-id").first()
    assert event.transition == "approve_first"
    assert event.payload == {"note": "ok", "overrides": overrides}


def test_a_specialist_who_does_not_hold_the_filing_cannot_approve_either_way(in_review, sam, tina, alice):
    review_services.review_claim(filing=in_review, by=sam)
    for actor in (tina, alice):
        with pytest.raises(NotPermitted):
            review_services.review_approve(filing=in_review, by=actor)
    review_services.review_approve(filing=in_review, by=sam)
    with pytest.raises(NotPermitted):  # unclaimed now: tina must claim first, sam too
        review_services.review_approve(filing=in_review, by=tina)
    assert _transitions(in_review).count("approve_first") == 1


def test_approval_out_of_review_is_a_conflict(build, sam):
    four_eyes()
    filing = build.start()
    with pytest.raises(TransitionConflict) as refused:
        review_services.review_approve(filing=filing, by=sam)
    assert refused.value.code == "wrong_state"


def test_a_new_round_needs_a_new_first_approval(in_review, sam, tina, alice):
    """A rejection after the first approval ends the round; the resubmission starts over with two."""
    _claim_and_approve(in_review, sam)
    review_services.review_claim(filing=in_review, by=tina)
    reasons = [{"code": "address_incomplete", "field": "entity.mailing_address"}]
    review_services.review_reject(filing=in_review, by=tina, reasons=reasons)
    services.filing_resubmit(filing=in_review, by=alice, explanations={"0": "地址无误"})
    filing = review_services.review_claim(filing=in_review, by=tina)
    assert set(available_transitions(filing, tina)) == {"approve_first", "reject"}
    assert review_services.review_approve(filing=filing, by=tina).state == "provider_review"
    assert _claim_and_approve(filing, sam).state == "miit_submission"  # sam's earlier round does not count


# --- Four eyes off ----------------------------------------------------------------------------------------
def test_without_four_eyes_one_approval_is_enough(build, sam):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    assert set(available_transitions(filing, sam)) == {"approve", "reject"}
    assert services.approval_transition(filing, by=sam) == "approve"
    assert review_services.review_approve(filing=filing, by=sam).state == "miit_submission"
    assert "approve_first" not in _transitions(filing)
    with pytest.raises(TransitionConflict):
        run_transition(filing, "approve_first", by=sam)  # out of review now


def test_approve_first_is_refused_where_one_approval_is_enough(build, sam):
    filing = review_services.review_claim(filing=build.to(build.start(), "provider_review"), by=sam)
    with pytest.raises(ApplicationError) as refused:
        run_transition(filing, "approve_first", by=sam)
    assert refused.value.code == "conditions_not_met"
    assert Filing.objects.get(pk=filing.pk).claimed_by_id == sam.pk


def test_four_eyes_in_another_region_does_not_apply_here(build, sam):
    four_eyes("CN-SH")
    filing = build.to(build.start(), "provider_review")
    assert _claim_and_approve(filing, sam).state == "miit_submission"


# --- The setting: resubmissions after an MIIT rejection ---------------------------------------------------
def _rejected_by_miit(build, filing: Filing) -> Filing:
    """Handed to MIIT, whose simulator rejects an abnormal certificate (each job's body run here)."""
    filing = build.to(filing, "miit_submission")
    filing = services.filing_hand_to_miit(filing_id=filing.pk)
    mark_certificate_abnormal(filing.entity.certificate_number, note="test")
    review_submission(MiitSubmission.objects.get(reference=filing.miit_reference).pk)
    filing = services.filing_record_miit_outcome(filing_id=filing.pk)
    assert filing.state == "miit_rejected"
    MiitAbnormalCertificate.objects.all().delete()  # the applicant sorted it out with the authorities
    return filing


def test_the_setting_asks_for_two_approvals_after_an_miit_rejection(build, settings, alice, sam, tina):
    settings.SECOND_APPROVAL_AFTER_MIIT_REJECTION = True
    filing = _rejected_by_miit(build, build.start())  # the first round: one approval (the builder's)
    assert _transitions(filing).count("approve") == 1 and "approve_first" not in _transitions(filing)
    filing = services.filing_resubmit(filing=filing, by=alice, explanation="已处理")
    assert filing.state == "provider_review"
    assert _claim_and_approve(filing, sam).state == "provider_review"
    review_services.review_claim(filing=filing, by=sam)
    with pytest.raises(TransitionConflict) as refused:
        review_services.review_approve(filing=filing, by=sam)
    assert refused.value.code == "second_approval_same_specialist"
    review_services.review_release(filing=filing, by=sam)
    assert _claim_and_approve(filing, tina).state == "miit_submission"


def test_without_the_setting_one_approval_is_enough_after_an_miit_rejection(build, alice, sam):
    filing = services.filing_resubmit(filing=_rejected_by_miit(build, build.start()), by=alice)
    assert _claim_and_approve(filing, sam).state == "miit_submission"


def test_the_setting_does_not_apply_after_a_provider_rejection(build, settings, alice, sam):
    settings.SECOND_APPROVAL_AFTER_MIIT_REJECTION = True
    filing = review_services.review_claim(filing=build.to(build.start(), "provider_review"), by=sam)
    reasons = [{"code": "address_incomplete", "field": "entity.mailing_address"}]
    review_services.review_reject(filing=filing, by=sam, reasons=reasons)
    filing = services.filing_resubmit(filing=filing, by=alice, explanations={"0": "地址无误"})
    assert _claim_and_approve(filing, sam).state == "miit_submission"


# --- The review screen --------------------------------------------------------------------------------------
def _post_approve(client, filing, note: str = ""):
    url = f"/review/filings/{filing.code}/approve/"
    return client.post(url, {"approve-note": note}, HTTP_ACCEPT_LANGUAGE="en")


def test_the_review_screen_refuses_the_same_specialists_second_approval_in_words(
    client, in_review, sam, tina
):
    review_services.review_claim(filing=in_review, by=sam)
    client.force_login(sam)
    assert _post_approve(client, in_review, "first").status_code == 302
    in_review.refresh_from_db()
    assert (in_review.state, in_review.claimed_by_id) == ("provider_review", None)
    review_services.review_claim(filing=in_review, by=sam)
    refused = _post_approve(client, in_review)
    assert refused.status_code == 409
    assert "a different specialist gives the second" in refused.content.decode()
    assert Filing.objects.get(pk=in_review.pk).state == "provider_review"
    review_services.review_release(filing=in_review, by=sam)
    review_services.review_claim(filing=in_review, by=tina)
    client.force_login(tina)
    assert _post_approve(client, in_review, "second").status_code == 302
    assert Filing.objects.get(pk=in_review.pk).state == "miit_submission"

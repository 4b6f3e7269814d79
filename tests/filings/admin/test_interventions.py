"""Acceptance 3 of issue 14: every operator intervention on the filing's page writes an event with the operator
and the reason; without a reason it is refused beside the field and nothing changes; a filing in the wrong
state is refused with a message and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from filings.models import Filing, FilingEvent
from filings.services import operator
from filings.states import FilingState
from materials.models import Material, MaterialKind, MaterialStatus
from notifications.models import Notification

pytestmark = pytest.mark.django_db
S = FilingState


@pytest.fixture
def jobs(monkeypatch):
    """The jobs the interventions send (by dotted name, after the commit): recorded, not run."""
    sent: list[tuple] = []
    monkeypatch.setattr(operator, "dispatch_on_commit", lambda path, *args: sent.append((path, *args)))
    return sent


def _url(filing: Filing, name: str) -> str:
    return reverse("admin:filings_filing_intervene", args=[filing.pk, name])


def intervene(client, filing: Filing, name: str, reason: str, **data):
    return client.post(_url(filing, name), {"reason": reason, **data})


def _interventions(filing: Filing) -> list[FilingEvent]:
    return list(filing.events.filter(kind=FilingEvent.Kind.INTERVENTION))


def _assert_recorded(filing: Filing, name: str, olga, reason: str) -> FilingEvent:
    event = filing.events.order_by("-id").first()
    assert (event.transition, event.actor, event.actor_role) == (name, olga, "operator")
    assert event.payload["reason"] == reason
    return event


def _assert_refused_beside_the_reason(response) -> None:
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["reason"] == [
        "Say why: the reason is recorded with your name on the filing's history."
    ]
    assert 'id="id_reason_error"' in response.content.decode()


def _failed_email(filing: Filing, *, sent: bool = False) -> Notification:
    now = timezone.now()
    return Notification.objects.create(
        filing=filing,
        channel="email",
        email="alice@example.com",
        kind="filing_submitted",
        dedupe_key=f"test:{filing.pk}:{now.timestamp()}:{sent}",
        failed_at=None if sent else now,
        sent_at=now if sent else None,
        last_error="" if sent else "550 mailbox unavailable",
    )


def _upload(filing: Filing, status: str = MaterialStatus.PROCESSING) -> Material:
    return Material.objects.create(
        filing=filing, kind=MaterialKind.ID_FRONT, status=status, quarantine_path="quarantine/x"
    )


# --- Claims ---------------------------------------------------------------------------------------------------
def test_reassign_hands_the_filing_to_the_chosen_specialist(operator_client, held, olga, sam, tina):
    response = intervene(operator_client, held, "reassign_claim", "Sam is on leave", specialist=tina.pk)
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.claimed_by == tina
    event = _assert_recorded(held, "reassign_claim", olga, "Sam is on leave")
    assert (event.kind, event.from_state, event.to_state) == ("intervention", S.PROVIDER_REVIEW, "")
    assert event.payload["previous"] == "sam" and event.payload["to"] == "tina"
    assert Notification.objects.filter(recipient=tina, kind="review_assigned").exists()


def test_reassign_without_a_reason_or_a_specialist_changes_nothing(operator_client, held, sam, tina):
    _assert_refused_beside_the_reason(
        intervene(operator_client, held, "reassign_claim", " ", specialist=tina.pk)
    )
    response = intervene(operator_client, held, "reassign_claim", "Sam is on leave")
    assert response.context["form"].errors["specialist"] == ["Choose an active review specialist."]
    held.refresh_from_db()
    assert held.claimed_by == sam and not _interventions(held)


def test_release_puts_the_filing_back_in_the_queue(operator_client, held, olga):
    assert intervene(operator_client, held, "release_claim", "stuck for a week").status_code == 302
    held.refresh_from_db()
    assert held.claimed_by is None
    assert _assert_recorded(held, "release_claim", olga, "stuck for a week").payload["previous"] == "sam"


def test_release_without_a_reason_changes_nothing(operator_client, held, sam):
    _assert_refused_beside_the_reason(intervene(operator_client, held, "release_claim", ""))
    held.refresh_from_db()
    assert held.claimed_by == sam and not _interventions(held)


def test_claims_of_a_filing_out_of_review_are_refused(operator_client, build, tina):
    filing = build.to(build.start(), S.INFORMATION)
    for name, data in (("reassign_claim", {"specialist": tina.pk}), ("release_claim", {})):
        response = intervene(operator_client, filing, name, "please", **data)
        assert response.status_code == 200
        assert "is not in review" in response.content.decode()
    assert not filing.events.filter(actor_role="operator").exists()


def test_release_of_a_filing_nobody_holds_is_refused(operator_client, in_review):
    response = intervene(operator_client, in_review, "release_claim", "please")
    assert "Nobody holds this filing." in response.content.decode()
    assert not _interventions(in_review)


# --- Returning a stuck filing ---------------------------------------------------------------------------------
def test_a_filing_past_its_review_deadline_goes_back_to_the_applicant(operator_client, overdue, olga):
    response = intervene(operator_client, overdue, "return_to_applicant", "No specialist could finish it")
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert overdue.state == S.PROVIDER_REJECTED and overdue.claimed_by is None
    event = _assert_recorded(overdue, "reject", olga, "No specialist could finish it")
    assert event.kind == "transition" and event.to_state == S.PROVIDER_REJECTED
    assert event.reasons == [
        {"code": "returned_by_operator", "field": "filing", "message": "No specialist could finish it"}
    ]
    assert Notification.objects.filter(
        filing=overdue, kind="filing_returned", recipient=overdue.applicant
    ).exists()


def test_return_without_a_reason_changes_nothing(operator_client, overdue):
    _assert_refused_beside_the_reason(intervene(operator_client, overdue, "return_to_applicant", ""))
    overdue.refresh_from_db()
    assert overdue.state == S.PROVIDER_REVIEW and not overdue.events.filter(transition="reject").exists()


def test_a_filing_within_its_deadline_or_past_review_is_not_returned(operator_client, held, build):
    response = intervene(operator_client, held, "return_to_applicant", "hurry")
    assert "has not passed: the filing is not stuck yet" in response.content.decode()
    approved_for_miit = build.to(build.start(), S.MIIT_SUBMISSION)
    Filing.objects.filter(pk=approved_for_miit.pk).update(review_due_on=dt.date(2020, 1, 1))
    response = intervene(operator_client, approved_for_miit, "return_to_applicant", "hurry")
    assert "is not possible while the filing is in" in response.content.decode()
    for filing, state in ((held, S.PROVIDER_REVIEW), (approved_for_miit, S.MIIT_SUBMISSION)):
        filing.refresh_from_db()
        assert filing.state == state and not filing.events.filter(actor_role="operator").exists()


def test_the_return_button_shows_only_for_a_stuck_filing(operator_client, held, overdue):
    page = operator_client.get(reverse("admin:filings_filing_change", args=[held.pk])).content.decode()
    assert _url(held, "return_to_applicant") in page
    Filing.objects.filter(pk=held.pk).update(review_due_on=timezone.localdate() + dt.timedelta(days=3))
    page = operator_client.get(reverse("admin:filings_filing_change", args=[held.pk])).content.decode()
    assert _url(held, "return_to_applicant") not in page


# --- Jobs sent again --------------------------------------------------------------------------------------------
def test_retry_miit_sends_the_hand_over_again(operator_client, build, olga, jobs):
    filing = build.to(build.start(), S.MIIT_SUBMISSION)
    jobs.clear()
    assert intervene(operator_client, filing, "retry_miit", "MIIT was down all night").status_code == 302
    assert jobs == [("filings.tasks.filing_hand_to_miit_task", filing.pk)]
    assert _assert_recorded(filing, "retry_miit", olga, "MIIT was down all night").payload["job"] == (
        "filing_hand_to_miit_task"
    )


def test_retry_miit_without_a_reason_or_outside_miit_is_refused(operator_client, build, in_review, jobs):
    filing = build.to(build.start(), S.MIIT_SUBMISSION)
    _assert_refused_beside_the_reason(intervene(operator_client, filing, "retry_miit", ""))
    response = intervene(operator_client, in_review, "retry_miit", "try")
    assert "There is no MIIT work to retry" in response.content.decode()
    assert jobs == [] and not _interventions(filing) and not _interventions(in_review)


def test_rerun_findings_sends_the_round_job_again(operator_client, in_review, olga, jobs):
    assert intervene(operator_client, in_review, "rerun_findings", "registrar was down").status_code == 302
    assert jobs == [("reviews.tasks.review_findings_recompute_task", in_review.pk, in_review.review_round)]
    _assert_recorded(in_review, "rerun_findings", olga, "registrar was down")


def test_rerun_findings_without_a_reason_or_outside_review_is_refused(
    operator_client, in_review, build, jobs
):
    _assert_refused_beside_the_reason(intervene(operator_client, in_review, "rerun_findings", ""))
    filing = build.to(build.start(), S.INFORMATION)
    assert (
        "Findings are computed in provider review"
        in intervene(operator_client, filing, "rerun_findings", "try").content.decode()
    )
    assert jobs == [] and not _interventions(in_review) and not _interventions(filing)


def test_retry_a_failed_delivery(operator_client, in_review, olga, django_capture_on_commit_callbacks):
    notice = _failed_email(in_review)
    with django_capture_on_commit_callbacks() as callbacks:
        response = intervene(
            operator_client, in_review, "retry_notification", "mailbox fixed", target=str(notice.code)
        )
    assert response.status_code == 302 and len(callbacks) == 1  # the delivery job, after the commit
    notice.refresh_from_db()
    assert notice.failed_at is None and notice.last_error == ""
    event = _assert_recorded(in_review, "retry_notification", olga, "mailbox fixed")
    assert event.payload["notification"] == str(notice.code)


def test_retry_delivery_without_a_reason_or_of_a_sent_notice_is_refused(operator_client, in_review):
    failed, sent = _failed_email(in_review), _failed_email(in_review, sent=True)
    _assert_refused_beside_the_reason(
        intervene(operator_client, in_review, "retry_notification", "", target=str(failed.code))
    )
    response = intervene(operator_client, in_review, "retry_notification", "again", target=str(sent.code))
    assert "This notice was delivered: there is nothing to retry." in response.content.decode()
    failed.refresh_from_db()
    assert failed.failed_at is not None and not _interventions(in_review)


def test_a_notice_of_another_filing_is_not_found(operator_client, in_review, build):
    other = _failed_email(build.to(build.start(), S.PROVIDER_REVIEW))
    response = intervene(operator_client, in_review, "retry_notification", "x", target=str(other.code))
    assert response.status_code == 404


def test_rerun_the_processing_of_a_stuck_upload(operator_client, in_review, olga, jobs):
    upload = _upload(in_review)
    response = intervene(operator_client, in_review, "rerun_material", "worker died", target=str(upload.code))
    assert response.status_code == 302
    assert jobs == [("materials.tasks.material_process_task", upload.pk)]
    assert _assert_recorded(in_review, "rerun_material", olga, "worker died").payload["material"] == str(
        upload.code
    )


def test_rerun_without_a_reason_or_of_a_processed_upload_is_refused(operator_client, in_review, jobs):
    stuck, done = _upload(in_review), _upload(in_review, MaterialStatus.ACCEPTED)
    _assert_refused_beside_the_reason(
        intervene(operator_client, in_review, "rerun_material", "", target=str(stuck.code))
    )
    response = intervene(operator_client, in_review, "rerun_material", "again", target=str(done.code))
    assert "This upload is processed already" in response.content.decode()
    assert jobs == [] and not _interventions(in_review)


# --- Who may -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["alice", "sam"])
def test_only_operators_reach_the_interventions(client, held, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for method in (client.get, client.post):
        response = method(_url(held, "release_claim"), {"reason": "mine now"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    held.refresh_from_db()
    assert held.claimed_by is not None and not _interventions(held)


def test_the_service_refuses_anyone_but_an_operator(held, sam):
    from common.errors import NotPermitted

    with pytest.raises(NotPermitted):
        operator.filing_release_claim(filing=held, by=sam, reason="mine now")


def test_an_unknown_intervention_is_not_found(operator_client, held):
    assert operator_client.get(_url(held, "delete_everything")).status_code == 404


def test_the_applicants_timeline_leaves_the_interventions_out(operator_client, held):
    from filings.pages.timeline import timeline

    before = timeline(held)
    intervene(operator_client, held, "release_claim", "internal: Sam is away")
    assert held.events.filter(kind="intervention").exists()
    assert timeline(held) == before

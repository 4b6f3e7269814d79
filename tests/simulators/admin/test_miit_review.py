"""How the simulated MIIT decides, set in the admin (delay, returns on demand), its "run the outcome job now"
button and "decide now" action; and the simulators' pages exist only while a simulator is the gateway."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from entities.models import Region
from filings import services
from filings.models import Filing
from filings.states import FilingState
from simulators.models import MiitReviewRules, MiitSubmission, MiitSubmissionStatus

pytestmark = pytest.mark.django_db

RUN = "admin:simulators_miit_run_outcome_job"
SUBMISSIONS = "admin:simulators_miitsubmission_changelist"


@pytest.fixture
def in_miit_review(build) -> Filing:
    """A filing handed to MIIT in a region without SMS codes (the hand-over job's body, run here)."""
    Region.objects.filter(code="CN-BJ").update(sms_required=False)
    filing = build.to(build.start(region="CN-BJ"), FilingState.MIIT_SUBMISSION)
    filing = services.filing_hand_to_miit(filing_id=filing.pk)
    assert filing.state == FilingState.MIIT_REVIEW
    return filing


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def no_delay(db) -> MiitReviewRules:
    return MiitReviewRules.objects.create(review_delay_seconds=0)


def test_the_button_has_miit_decide_and_the_portal_record_the_outcome(client, olga, no_delay, in_miit_review):
    client.force_login(olga)
    page = client.get(reverse(SUBMISSIONS)).content.decode()
    assert reverse(RUN) in page

    response = client.post(reverse(RUN), headers={"accept-language": "en"})

    assert response.status_code == 302 and response["Location"] == reverse(SUBMISSIONS)
    in_miit_review.refresh_from_db()
    assert in_miit_review.state == FilingState.APPROVED
    assert said(response) == ["MIIT decided 1 submission; 0 filings are still in MIIT review."]


def test_a_return_on_demand_reaches_the_filing_with_its_reason(client, olga, in_miit_review):
    client.force_login(olga)
    response = client.post(
        reverse("admin:simulators_miitreviewrules_add"),
        {
            "review_delay_seconds": "0",
            "return_every_submission": "on",
            "returned_domain_words": "",
            "return_code": "filing_info_mismatch",
            "return_message": "备案信息与实际不符",
        },
    )
    assert response.status_code == 302
    # The submission was made before the rule: MIIT reads its rules when it decides, here now.
    MiitSubmission.objects.update(decide_at=timezone.now())
    client.post(reverse(RUN))
    in_miit_review.refresh_from_db()
    assert in_miit_review.state == FilingState.MIIT_REJECTED
    event = in_miit_review.events.order_by("-created_at", "-id").first()
    assert event.reasons[0]["code"] == "filing_info_mismatch"


def test_domains_containing_a_word_are_returned(no_delay, in_miit_review):
    domain = in_miit_review.filing_websites.get().website.domain.ascii_name
    MiitReviewRules.objects.update(returned_domain_words=f"nothing-like-it {domain[:5]}")
    from simulators.outcome_job import decide_now

    assert decide_now(MiitSubmission.objects.values_list("pk", flat=True)) == 1
    assert MiitSubmission.objects.get().status == MiitSubmissionStatus.REJECTED


def test_the_delay_holds_until_an_operator_decides_now(client, olga, in_miit_review):
    MiitReviewRules.objects.create(review_delay_seconds=3600)
    MiitSubmission.objects.update(decide_at=None)  # as if submitted under the long delay
    from simulators.miit import _start_review

    _start_review(MiitSubmission.objects.get())
    client.force_login(olga)
    client.post(reverse(RUN))
    assert MiitSubmission.objects.get().status == MiitSubmissionStatus.IN_REVIEW

    submission = MiitSubmission.objects.get()
    response = client.post(
        reverse(SUBMISSIONS), {"action": "decide_selected_now", "_selected_action": [submission.pk]}
    )
    assert response.status_code == 302
    assert MiitSubmission.objects.get().status == MiitSubmissionStatus.APPROVED
    client.post(reverse(RUN))
    in_miit_review.refresh_from_db()
    assert in_miit_review.state == FilingState.APPROVED


def test_one_row_of_rules_and_never_deleted(client, olga, no_delay):
    client.force_login(olga)
    assert client.get(reverse("admin:simulators_miitreviewrules_add")).status_code == 403
    assert (
        client.post(reverse("admin:simulators_miitreviewrules_delete", args=[no_delay.pk])).status_code == 403
    )
    assert MiitReviewRules.objects.exists()


def test_the_button_is_post_only_and_for_operators(client, olga, alice):
    client.force_login(olga)
    assert client.get(reverse(RUN)).status_code == 405
    client.force_login(alice)
    response = client.post(reverse(RUN))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_simulator_pages_vanish_when_a_real_gateway_is_configured(client, olga, settings):
    client.force_login(olga)
    assert client.get(reverse("admin:simulators_miitregistryentity_changelist")).status_code == 200
    settings.MIIT_GATEWAY = "gateways.miit.SomeRealMiit"
    for name in (
        "miitregistryentity",
        "miitsubmission",
        "miitopenorder",
        "miitreviewrules",
        "smsinboxmessage",
    ):
        assert client.get(reverse(f"admin:simulators_{name}_changelist")).status_code == 403, name
    assert client.post(reverse(RUN)).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "simulators/miitregistryentity" not in index
    assert "simulators/registrardomainrecord" in index  # the registrar is still simulated
    settings.REGISTRAR_GATEWAY = "gateways.registrar.SomeRealRegistrar"
    assert client.get(reverse("admin:simulators_registrardomainrecord_changelist")).status_code == 403

"""The interventions as changelist actions: the reason asked on an intermediate page, refused there when empty
(nothing changes), then the service for each selected filing, each writing its event."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from filings.models import Filing, FilingEvent
from filings.states import FilingState
from reviews import services as review_services

pytestmark = pytest.mark.django_db
S = FilingState
CHANGELIST = reverse("admin:filings_filing_changelist")


def _action(client, name: str, filings: list[Filing], *, follow: bool = False, **data):
    body = {"action": name, helpers.ACTION_CHECKBOX_NAME: [str(f.pk) for f in filings], **data}
    if "apply" not in data:
        body["index"] = "0"  # the changelist's own action form; the intermediate page posts without it
    return client.post(CHANGELIST, body, follow=follow)


@pytest.fixture
def two_held(build, sam):
    filings = [build.to(build.start(), S.PROVIDER_REVIEW) for _ in range(2)]
    return [review_services.review_claim(filing=f, by=sam) for f in filings]


def test_every_intervention_is_offered_as_an_action(operator_client, two_held):
    choices = dict(operator_client.get(CHANGELIST).context["action_form"].fields["action"].choices)
    assert {
        "intervene_reassign_claim",
        "intervene_release_claim",
        "intervene_return_to_applicant",
        "intervene_retry_miit",
        "intervene_rerun_findings",
        "intervene_retry_notification",
        "intervene_rerun_material",
        "export_selected",
    } <= set(choices)
    assert "delete_selected" not in choices


def test_the_action_asks_for_a_reason_first(operator_client, two_held):
    response = _action(operator_client, "intervene_release_claim", two_held)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/filings/filing/intervention.html"
    assert [f.pk for f in response.context["filings"]] == [f.pk for f in two_held]
    assert not FilingEvent.objects.filter(kind="intervention").exists()


def test_an_empty_reason_is_refused_beside_the_field_and_nothing_changes(operator_client, two_held, sam):
    response = _action(operator_client, "intervene_release_claim", two_held, apply="1", reason="  ")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert 'id="id_reason_error"' in response.content.decode()
    assert all(f.claimed_by == sam for f in Filing.objects.filter(pk__in=[f.pk for f in two_held]))
    assert not FilingEvent.objects.filter(kind="intervention").exists()


def test_with_a_reason_each_selected_filing_gets_its_event(operator_client, two_held, olga):
    response = _action(operator_client, "intervene_release_claim", two_held, apply="1", reason="Sam left")
    assert response.status_code == 302
    for filing in two_held:
        filing.refresh_from_db()
        assert filing.claimed_by is None
        event = filing.events.get(kind="intervention")
        assert (event.transition, event.actor, event.payload["reason"]) == ("release_claim", olga, "Sam left")


def test_reassign_as_an_action_asks_for_the_specialist_too(operator_client, two_held, tina):
    response = _action(operator_client, "intervene_reassign_claim", two_held, apply="1", reason="leave")
    assert response.context["form"].errors["specialist"] == ["Choose an active review specialist."]
    assert not FilingEvent.objects.filter(kind="intervention").exists()
    data = {"apply": "1", "reason": "leave", "specialist": str(tina.pk)}
    assert _action(operator_client, "intervene_reassign_claim", two_held, **data).status_code == 302
    assert set(
        Filing.objects.filter(pk__in=[f.pk for f in two_held]).values_list("claimed_by", flat=True)
    ) == {tina.pk}


def test_filings_in_the_wrong_state_are_refused_one_by_one(operator_client, two_held, build, olga):
    overdue, on_time = two_held
    Filing.objects.filter(pk=overdue.pk).update(review_due_on=timezone.localdate() - dt.timedelta(days=2))
    response = _action(
        operator_client, "intervene_return_to_applicant", two_held, apply="1", reason="stuck", follow=True
    )
    page = response.content.decode()
    assert "done once" in page and "Refused for 1 filing" in page
    assert Filing.objects.get(pk=overdue.pk).state == S.PROVIDER_REJECTED
    assert Filing.objects.get(pk=on_time.pk).state == S.PROVIDER_REVIEW
    assert not Filing.objects.get(pk=on_time.pk).events.filter(actor=olga).exists()


def test_specialists_and_applicants_run_no_action(client, two_held, sam, alice):
    for persona in (sam, alice):
        client.force_login(persona)
        response = _action(client, "intervene_release_claim", two_held, apply="1", reason="mine")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not FilingEvent.objects.filter(kind="intervention").exists()

"""The filing's change page an operator works from: the history, websites, materials with thumbnails,
findings, MIIT's side, SMS verifications and notices, every identity number and mobile masked, nothing
editable."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from filings.models import SmsVerification
from filings.states import FilingState
from materials.models import Material, MaterialStatus
from notifications.models import Notification
from reviews.models import Finding

pytestmark = pytest.mark.django_db
S = FilingState


def _page(client, filing) -> str:
    response = client.get(reverse("admin:filings_filing_change", args=[filing.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_every_section_is_shown(operator_client, held):
    SmsVerification.objects.create(
        filing=held, review_round=held.review_round, mobile="13912345678", sent_at=timezone.now()
    )
    Finding.objects.create(
        filing=held,
        review_round=held.review_round,
        code="registrar_holder_mismatch",
        field="websites.0.domain",
        severity="blocking",
        message="域名持有者不符 / The domain holder differs",
    )
    Notification.objects.create(
        filing=held,
        channel="sms",
        mobile="13812345678",
        kind="filing_sms_sent",
        dedupe_key="page:sms",
        failed_at=timezone.now(),
        last_error="gateway refused",
    )
    page = _page(operator_client, held)
    for heading in (
        "Interventions",
        "History",
        "Websites",
        "Materials",
        "Automated findings",
        "MIIT submission",
        "SMS verifications",
        "Notifications sent",
    ):
        assert f">{heading}</h2>" in page
    assert "submit" in page and "Step 5: self-check" in page  # the timeline's from → to
    for item in held.filing_websites.select_related("website__domain"):
        assert item.website.domain.name in page
    assert "registrar_holder_mismatch" in page and "The domain holder differs" in page
    assert "139****5678" in page and "13912345678" not in page
    assert "138****5678" in page and "13812345678" not in page
    assert "gateway refused" in page


def test_materials_show_their_thumbnails_through_the_private_view(operator_client, held):
    accepted = Material.objects.filter(filing=held, status=MaterialStatus.ACCEPTED).exclude(thumbnail_path="")
    assert accepted.exists()
    page = _page(operator_client, held)
    for material in accepted:
        assert reverse("material-thumbnail", args=[material.code]) in page
        assert reverse("material-file", args=[material.code]) in page
    thumbnail = operator_client.get(reverse("material-thumbnail", args=[accepted.first().code]))
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"


def test_no_clear_identity_number_on_the_page(operator_client, held):
    page = _page(operator_client, held)
    entity = held.entity
    assert entity.certificate_number_masked in page
    for holder in [entity, *entity.people.all()]:
        assert holder.certificate_number not in page


def test_the_page_is_read_only_and_offers_no_fsm_button(operator_client, held):
    response = operator_client.get(reverse("admin:filings_filing_change", args=[held.pk]))
    assert not response.context["adminform"].form.fields
    assert response.context["has_change_permission"] is False
    page = response.content.decode()
    assert 'name="_save"' not in page and "_fsmtransition" not in page


def test_the_buttons_follow_the_state(operator_client, held, build):
    names = {item["name"] for item in _context(operator_client, held)["interventions"]}
    assert names == {"reassign_claim", "release_claim", "rerun_findings"}  # on time: not returnable
    waiting = build.to(build.start(), S.MIIT_SUBMISSION)
    assert {item["name"] for item in _context(operator_client, waiting)["interventions"]} == {"retry_miit"}
    early = build.to(build.start(), S.INFORMATION)
    assert _context(operator_client, early)["interventions"] == []
    assert "No intervention applies to a filing in this state." in _page(operator_client, early)


def _context(client, filing):
    return client.get(reverse("admin:filings_filing_change", args=[filing.pk])).context

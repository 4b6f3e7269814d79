"""No identity number, and no mobile, appears in any notice (issue 13, acceptance 5): a filing runs the whole
way — submitted, returned with reasons, resubmitted, approved, MIIT's SMS to two people, MIIT's numbers — and
another is returned then withdrawn; every email, SMS and inbox entry written on the way is rendered in both
languages and scanned for each person's and the entity's certificate number, in full and masked."""

from __future__ import annotations

import pytest

from filings import services
from filings.models import Filing
from notifications.models import Notification
from notifications.rendering import render
from reviews import services as review_services
from simulators.miit import latest_code_sent_to, review_submission
from simulators.models import MiitSubmission

pytestmark = pytest.mark.django_db

SMS_REGION = "CN-ZJ"


def _verify_every_code(filing: Filing) -> Filing:
    people = {person.mobile: person for person in filing.entity.people.all()}
    for verification in filing.sms_verifications.filter(review_round=filing.review_round):
        services.filing_verify_sms_code(
            filing=filing,
            by=filing.applicant,
            mobile=verification.mobile,
            code=latest_code_sent_to(verification.mobile),
            certificate_tail=people[verification.mobile].certificate_number[-6:],
        )
        filing.refresh_from_db()
    return filing


def _miit_decides(filing: Filing) -> Filing:
    submission = MiitSubmission.objects.get(reference=filing.miit_reference)
    MiitSubmission.objects.filter(pk=submission.pk).update(decide_at=None)
    review_submission(submission.pk)
    services.filing_record_miit_outcome(filing_id=filing.pk)
    filing.refresh_from_db()
    return filing


def _secrets(filing: Filing) -> set[str]:
    found = set()
    for holder in [filing.entity, *filing.entity.people.all()]:
        found |= {holder.certificate_number, holder.certificate_number_masked}
    found |= {person.mobile for person in filing.entity.people.all()}
    return {value for value in found if value}


def _texts(filing: Filing) -> list[str]:
    texts = []
    for row in Notification.objects.filter(filing=filing):
        for language in ("zh-hans", "en"):
            row.language = language
            rendered = render(row)
            texts.append(
                f"{row.kind}/{row.channel}/{language}: {rendered.subject}\n{rendered.text}\n{rendered.html}"
            )
        texts.append(repr(row.context))
    return texts


def test_a_whole_journey_tells_everyone_without_an_identity_number(build, alice, sam):
    alice.mobile = "13800138000"
    alice.save()
    filing = build.with_two_sms_codes(region=SMS_REGION, domain="masking.com", specialist=sam)
    filing = _verify_every_code(filing)
    assert filing.state == "miit_review"
    filing = _miit_decides(filing)
    assert filing.state == "approved"
    kinds = set(Notification.objects.filter(filing=filing).values_list("kind", flat=True))
    assert kinds == {"filing_submitted", "filing_sms_sent", "filing_approved"}
    channels = set(Notification.objects.filter(filing=filing).values_list("channel", flat=True))
    assert channels == {"inbox", "email", "sms"}
    approved = Notification.objects.get(filing=filing, kind="filing_approved", channel="inbox")
    assert approved.context["entity_number"] == filing.entity.icp_number
    secrets = _secrets(filing)
    assert len(secrets) >= 4
    for text in _texts(filing):
        for secret in secrets:
            assert secret not in text, (secret, text[:200])


def test_a_returned_then_withdrawn_filing_tells_without_an_identity_number(build, sam):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    reasons = [
        {"code": "address_incomplete", "field": "entity.mailing_address"},
        {"code": "photo_unclear", "field": "entity.head.certificate_number"},
    ]
    filing = review_services.review_reject(filing=filing, by=sam, reasons=reasons)
    filing = services.filing_withdraw(filing=filing, by=filing.applicant)
    kinds = set(Notification.objects.filter(filing=filing).values_list("kind", flat=True))
    assert kinds == {"filing_submitted", "filing_returned", "filing_withdrawn"}
    secrets = _secrets(filing)
    for text in _texts(filing):
        for secret in secrets:
            assert secret not in text, (secret, text[:200])

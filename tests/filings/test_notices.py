"""What each state change tells whom (``filings/notices.py``): the rows of the outbox per recipient and
channel, written with the transition, once per event, as the account's preferences say."""

from __future__ import annotations

import pytest

from filings import services
from filings.models import FilingEvent
from filings.notices import notices_for_event
from notifications.models import Notification
from reviews import services as review_services

pytestmark = pytest.mark.django_db

SMS_REGION = "CN-ZJ"  # sms_required = yes
REASONS = [
    {"code": "address_incomplete", "field": "entity.mailing_address"},
    {"code": "photo_unclear", "field": "materials.entity_certificate"},
]


def _rows(filing, kind):
    found = set()
    for row in Notification.objects.filter(filing=filing, kind=kind):
        who = row.recipient.username if row.recipient_id else (row.email or row.mobile)
        found.add((who, row.channel))
    return found


def _reject(filing, specialist, reasons=REASONS):
    review_services.review_claim(filing=filing, by=specialist)
    return review_services.review_reject(filing=filing, by=specialist, reasons=reasons)


def test_submitting_tells_the_applicant_in_the_inbox_and_by_email_and_the_head_by_email(build, alice):
    filing = build.to(build.start(), "provider_review")
    head = filing.entity.head
    assert _rows(filing, "filing_submitted") == {
        ("alice", "inbox"),
        ("alice", "email"),
        (head.email, "email"),
    }
    assert Notification.objects.filter(filing=filing).exclude(kind="filing_submitted").count() == 0
    inbox = Notification.objects.get(filing=filing, kind="filing_submitted", channel="inbox")
    assert inbox.recipient == alice and inbox.sent_at is not None and inbox.language == "zh-hans"


def test_a_rejection_gives_every_reason_with_a_link_to_its_field_in_the_recipients_language(
    build, alice, sam, settings
):
    alice.language = "en"
    alice.save()
    filing = _reject(build.to(build.start(), "provider_review"), sam)
    rows = Notification.objects.filter(filing=filing, kind="filing_returned")
    assert {row.channel for row in rows.filter(recipient=alice)} == {"inbox", "email"}
    inbox = rows.get(recipient=alice, channel="inbox")
    assert inbox.language == "en"
    reasons = inbox.context["reasons"]
    assert [reason["code"] for reason in reasons] == ["address_incomplete", "photo_unclear"]
    site = settings.SITE_URL.rstrip("/")
    assert reasons[0]["url"] == f"{site}/filings/{filing.code}/information/#id_entity-mailing_address"
    assert reasons[1]["url"].startswith(f"{site}/filings/{filing.code}/materials/#id_materials-")
    assert all(reason["message"] for reason in reasons)
    head_row = rows.get(email=filing.entity.head.email)
    assert (
        head_row.language == "zh-hans" and head_row.context["reasons"][0]["message"] != reasons[0]["message"]
    )


def test_running_the_hook_again_for_the_same_event_writes_nothing_new(build, sam):
    filing = _reject(build.to(build.start(), "provider_review"), sam)
    before = Notification.objects.count()
    event = FilingEvent.objects.filter(filing=filing, transition="reject").get()
    notices_for_event(event, filing=filing)
    notices_for_event(event, filing=filing)
    assert Notification.objects.count() == before


def test_the_same_notice_from_a_second_event_is_a_new_row(build, sam):
    filing = build.to(build.start(), "provider_review")
    filing = _reject(filing, sam)
    services.filing_withdraw(filing=filing, by=filing.applicant)
    assert _rows(filing, "filing_withdrawn") == {("alice", "inbox"), ("alice", "email")}  # not the head


def test_preferences_are_honoured_the_inbox_always(build, alice):
    alice.notify_by_email = False
    alice.save()
    filing = build.to(build.start(), "provider_review")
    assert ("alice", "email") not in _rows(filing, "filing_submitted")
    assert ("alice", "inbox") in _rows(filing, "filing_submitted")


def test_miits_sms_reaches_everyone_by_sms_and_email_and_respects_the_sms_preference(build, alice, sam):
    alice.mobile = "13800138000"
    alice.save()
    filing = build.with_two_sms_codes(region=SMS_REGION, domain="notice-sms.com", specialist=sam)
    rows = _rows(filing, "filing_sms_sent")
    people = list(filing.entity.people.all())
    assert len(people) == 2
    expected = {("alice", "inbox"), ("alice", "email"), ("alice", "sms")}
    for person in people:
        expected |= {(person.email, "email"), (person.mobile, "sms")}
    assert rows == expected
    context = Notification.objects.filter(filing=filing, kind="filing_sms_sent").first().context
    assert context["sms_url"].endswith(f"/filings/{filing.code}/sms/") and context["deadline"]
    assert not any(person.mobile in str(context) for person in people)


def test_no_sms_for_an_account_that_turned_it_off(build, alice, sam):
    alice.mobile = "13800138000"
    alice.notify_by_sms = False
    alice.save()
    filing = build.with_two_sms_codes(region=SMS_REGION, domain="notice-nosms.com", specialist=sam)
    assert ("alice", "sms") not in _rows(filing, "filing_sms_sent")
    assert ("alice", "inbox") in _rows(filing, "filing_sms_sent")


def test_the_wizards_steps_tell_nobody(build):
    filing = build.to(build.start(), "materials")
    assert not Notification.objects.filter(filing=filing).exists()


def test_the_notices_of_an_event_read_the_websites_once(build, alice):
    """Whom to tell and what (every addressee, every language) come from one read of the filing's websites."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    filing = build.to(build.start(domains=["one.cn", "two.cn", "three.cn"]), "provider_review")
    event = FilingEvent.objects.get(filing=filing, transition="submit")
    Notification.objects.filter(filing=filing).delete()
    with CaptureQueriesContext(connection) as queries:
        notices_for_event(event, filing=filing)
    assert sum('FROM "filings_filingwebsite"' in query["sql"] for query in queries.captured_queries) == 1
    assert _rows(filing, "filing_submitted") >= {("alice", "inbox"), ("alice", "email")}
    inbox = Notification.objects.get(filing=filing, kind="filing_submitted", channel="inbox")
    assert inbox.context["domains"] == ["one.cn", "two.cn", "three.cn"]

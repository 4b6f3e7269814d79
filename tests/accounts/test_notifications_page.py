"""``/notifications/``: the account's inbox with read and unread, the unread count in the header, mark as read
(one and all); another account's notice is a 404, as one that does not exist; anonymous visitors log in."""

from __future__ import annotations

import uuid

import pytest

from notifications.models import Notification
from notifications.services import Recipient, notify

pytestmark = pytest.mark.django_db


def _notice(user, filing, name="one"):
    rows = notify(
        kind="filing_withdrawn",
        context={"domains": [f"{name}.com"], "filing_url": "https://x/"},
        filing=filing,
        recipients=[Recipient(user=user, language="en")],
        channels=("inbox",),
        dedupe=f"test:{name}",
    )
    return rows[0]


@pytest.fixture
def filing(build):
    return build.start()


def test_the_header_counts_unread_notices_and_links_to_the_inbox(client, alice, filing):
    client.force_login(alice)
    _notice(alice, filing, "one")
    _notice(alice, filing, "two")
    page = client.get("/").content.decode()
    assert 'href="/notifications/"' in page
    assert '<span class="badge">2<' in page


def test_the_inbox_lists_newest_first_with_the_subject_and_a_link_to_the_filing(client, alice, filing):
    client.force_login(alice)
    _notice(alice, filing, "older")
    _notice(alice, filing, "newer")
    response = client.get("/notifications/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("newer.com") < page.index("older.com")
    assert f'href="/filings/{filing.code}/"' in page
    assert "Unread" in page or "未读" in page


def test_mark_one_then_all_as_read(client, alice, filing):
    client.force_login(alice)
    first = _notice(alice, filing, "one")
    _notice(alice, filing, "two")
    response = client.post("/notifications/", {"notification": str(first.code)})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert '<span class="badge">1<' in client.get("/").content.decode()
    client.post("/notifications/", {"all": "1"})
    assert not Notification.objects.filter(recipient=alice, read_at__isnull=True).exists()
    assert '<span class="badge">0<' in client.get("/").content.decode()


def test_another_accounts_notice_is_a_404_and_stays_unread(client, alice, bob, filing):
    theirs = _notice(alice, filing, "alice")
    client.force_login(bob)
    assert client.post("/notifications/", {"notification": str(theirs.code)}).status_code == 404
    assert client.post("/notifications/", {"notification": str(uuid.uuid4())}).status_code == 404
    assert client.post("/notifications/", {"notification": "not-a-code"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "alice.com" not in client.get("/notifications/").content.decode()
    client.post("/notifications/", {"all": "1"})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/notifications/", {"all": "1"}).status_code == 302


def test_the_profile_keeps_the_notice_channels(client, alice):
    client.force_login(alice)
    alice.mobile = "13800138000"
    alice.save()
    response = client.post(
        "/accounts/profile/",
        {"email": "alice@example.com", "mobile": "13800138000", "language": "en", "notify_by_sms": "on"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.notify_by_email is False and alice.notify_by_sms is True
    assert 'id="notices"' in client.get("/accounts/profile/?change").content.decode()

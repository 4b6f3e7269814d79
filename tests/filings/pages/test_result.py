"""The result page: the ICP numbers, each website's footer snippet, the PSB filing's deadline."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import formats, timezone, translation

from filings import services
from filings.models import Filing
from simulators.miit import review_submission
from simulators.models import MiitSubmission

pytestmark = pytest.mark.django_db


def _approve(build, filing) -> Filing:
    """Provider approval, MIIT's hand-over, MIIT's decision and its outcome, each job's body run here."""
    filing = build.to(filing, "miit_submission")  # Beijing: no mailing, no SMS
    filing = services.filing_hand_to_miit(filing_id=filing.pk)
    review_submission(MiitSubmission.objects.get(reference=filing.miit_reference).pk)
    filing = services.filing_record_miit_outcome(filing_id=filing.pk)
    assert filing.state == "approved"
    return Filing.objects.select_related("entity").get(pk=filing.pk)


@pytest.fixture
def approved(build):
    return _approve(build, build.start(domains=["result-one.cn", "result-two.cn"]))


def _url(filing) -> str:
    return f"/filings/{filing.code}/result/"


def _websites(filing):
    return [item.website for item in filing.filing_websites.select_related("website").order_by("position")]


def test_the_numbers_and_each_websites_footer_snippet(client, alice, approved):
    client.force_login(alice)
    page = client.get(_url(approved), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert approved.entity.icp_number.startswith("京ICP备")
    assert approved.entity.icp_number in page
    for website in _websites(approved):
        assert website.website_number.startswith(approved.entity.icp_number.removesuffix("号"))
        snippet = (
            "&lt;a href=&quot;https://beian.miit.gov.cn/&quot; target=&quot;_blank&quot; "
            f"rel=&quot;noopener&quot;&gt;{website.website_number}&lt;/a&gt;"
        )
        assert snippet in page  # shown as text to copy, never as a live link
    assert "data-copy=" in page and "Copy the snippet" in page
    assert 'class="steps"' in page
    assert f'href="/filings/{approved.code}/"' in page


def test_the_psb_deadline_is_30_days_after_the_approval(client, alice, build):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        filing = _approve(build, build.start())
    client.force_login(alice)
    with time_machine.travel(dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC), tick=False):
        page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with translation.override("en"):
        deadline = formats.date_format(dt.date(2026, 4, 1), "DATE_FORMAT")
        approved_on = formats.date_format(dt.date(2026, 3, 2), "DATE_FORMAT")
    assert f"by {deadline}" in page
    assert f"approval on {approved_on}" in page
    assert "20 days left" in page
    assert "beian.mps.gov.cn" in page
    assert 'href="https://beian.mps' not in page and 'href="http://beian.mps' not in page  # text, not a link
    assert "ICP经营许可证" in page


def test_the_deadline_uses_the_approving_event_not_today(client, alice, approved):
    client.force_login(alice)
    page = client.get(_url(approved), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with translation.override("en"):
        deadline = formats.date_format(timezone.localdate() + dt.timedelta(days=30), "DATE_FORMAT")
    assert f"by {deadline}" in page
    assert "30 days left" in page


# --- Negatives ---------------------------------------------------------------------------------------------
def test_before_approval_the_numbers_are_not_issued_yet(client, alice, build):
    filing = build.to(build.start(), "provider_review")
    client.force_login(alice)
    page = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "not issued yet" in page
    assert f'href="/filings/{filing.code}/"' in page
    assert "beian.miit.gov.cn" not in page


def test_another_applicants_filing_is_not_found(client, bob, approved):
    client.force_login(bob)
    assert client.get(_url(approved)).status_code == 404


def test_anonymous_is_sent_to_the_login_page(client, approved):
    response = client.get(_url(approved))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_specialist_is_forbidden(client, sam, approved):
    client.force_login(sam)
    assert client.get(_url(approved)).status_code == 403

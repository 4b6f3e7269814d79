"""The review lists (/review/, /review/inbox/, /review/archive/): who may open them, what each lists, the
filters and their counts, keyset pages, claim / release / take the next one / reassign from them, and a query
count that does not grow with filings or websites."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from entities.models import Domain, Website
from filings.models import Filing, FilingWebsite
from filings.states import FilingState
from reviews import services as review_services
from reviews.models import Finding

pytestmark = pytest.mark.django_db
S = FilingState
QUEUE, INBOX, ARCHIVE = "/review/", "/review/inbox/", "/review/archive/"


@pytest.fixture
def in_review(build):
    return build.to(build.start(domains=["queue-one.com"]), S.PROVIDER_REVIEW)


def copies(filing: Filing, count: int, *, websites: int = 1, **fields) -> list[Filing]:
    """``count`` bare filings like ``filing`` (same entity), each with ``websites`` websites: rows for the
    lists only (``bulk_create`` bypasses the state machine)."""
    made = Filing.objects.bulk_create(
        [
            Filing(
                applicant=filing.applicant,
                region=filing.region,
                entity=filing.entity,
                filing_type=filing.filing_type,
                state=fields.get("state", S.PROVIDER_REVIEW),
                review_round=fields.get("review_round", 1),
                review_due_on=fields.get("review_due_on", timezone.localdate() + dt.timedelta(days=1)),
            )
            for _ in range(count)
        ],
        batch_size=1000,
    )
    if not Filing.objects.filter(pk=made[0].pk).exists():  # a database that returns no ids
        made = list(Filing.objects.order_by("-id")[:count])
    sites = []
    for index in range(websites):
        site = Website.objects.create(entity=filing.entity, name=f"site {index}")
        Domain.objects.create(
            website=site, name=f"copy{index}.example.com", ascii_name=f"copy{index}.example.com"
        )
        sites.append(site)
    FilingWebsite.objects.bulk_create(
        [
            FilingWebsite(filing=made_filing, website=site, position=i)
            for made_filing in made
            for i, site in enumerate(sites)
        ],
        batch_size=2000,
    )
    return made


# --- Who may open them ------------------------------------------------------------------------------------
@pytest.mark.parametrize("url", [QUEUE, INBOX, ARCHIVE])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", [QUEUE, INBOX, ARCHIVE])
def test_an_applicant_gets_404(client, alice, url):
    client.force_login(alice)
    assert client.get(url).status_code == 404


def test_an_applicant_cannot_post_a_claim_release_next_or_reassign(client, alice, in_review):
    client.force_login(alice)
    for name in ("review-claim", "review-release", "review-reassign"):
        assert client.post(reverse(name, args=[in_review.code])).status_code == 404
    assert client.post(reverse("review-next")).status_code == 404
    in_review.refresh_from_db()
    assert in_review.claimed_by is None


def test_the_lists_answer_get_only_and_the_actions_post_only(client, sam, in_review):
    client.force_login(sam)
    assert client.post(QUEUE).status_code == 405
    assert client.get(reverse("review-claim", args=[in_review.code])).status_code == 405
    assert client.get(reverse("review-next")).status_code == 405


def test_the_header_links_to_the_queue_for_specialists_and_operators_only(client, sam, olga, alice):
    for user, shown in ((sam, True), (olga, True), (alice, False)):
        client.force_login(user)
        assert ('href="/review/"' in client.get("/").content.decode()) is shown


# --- What each list shows ---------------------------------------------------------------------------------
def test_the_queue_lists_a_filing_in_review_with_its_deadline_and_round(client, sam, in_review):
    client.force_login(sam)
    page = client.get(QUEUE).content.decode()
    assert "queue-one.com" in page
    assert in_review.review_due_on.strftime("%Y-%m-%d") in page
    assert 'data-shortcut="n"' in page and "<kbd>n</kbd>" in page


def test_a_held_filing_leaves_the_queue_for_the_holders_inbox(client, sam, tina, in_review):
    review_services.review_claim(filing=in_review, by=sam)
    client.force_login(sam)
    assert "queue-one.com" not in client.get(QUEUE).content.decode()
    assert "queue-one.com" in client.get(INBOX).content.decode()
    client.force_login(tina)
    assert "queue-one.com" not in client.get(INBOX).content.decode()


def test_the_archive_lists_what_the_specialist_decided(client, sam, tina, build, in_review):
    review_services.review_claim(filing=in_review, by=sam)
    review_services.review_reject(
        filing=in_review, by=sam, reasons=[{"code": "domain_not_real_name", "field": "websites.0.domain"}]
    )
    client.force_login(sam)
    assert "queue-one.com" in client.get(ARCHIVE).content.decode()
    client.force_login(tina)
    assert "queue-one.com" not in client.get(ARCHIVE).content.decode()


def test_an_operator_sees_every_held_filing_and_can_reassign_it(client, sam, tina, olga, in_review):
    review_services.review_claim(filing=in_review, by=sam)
    client.force_login(olga)
    page = client.get(INBOX).content.decode()
    assert "queue-one.com" in page and 'name="specialist"' in page
    response = client.post(
        reverse("review-reassign", args=[in_review.code]), {"specialist": "tina", "next": INBOX}
    )
    assert response.status_code == 302 and response["Location"] == INBOX
    in_review.refresh_from_db()
    assert in_review.claimed_by == tina


def test_a_specialist_cannot_reassign_and_an_unknown_specialist_is_named(client, sam, tina, olga, in_review):
    client.force_login(sam)
    client.post(reverse("review-reassign", args=[in_review.code]), {"specialist": "tina"})
    in_review.refresh_from_db()
    assert in_review.claimed_by is None
    client.force_login(olga)
    response = client.post(
        reverse("review-reassign", args=[in_review.code]), {"specialist": "nobody"}, follow=True
    )
    assert in_review.__class__.objects.get(pk=in_review.pk).claimed_by is None
    assert list(response.context["messages"])


# --- Claim, release, take the next one ---------------------------------------------------------------------
def test_claiming_from_the_queue_holds_the_filing_and_opens_its_review(client, sam, in_review):
    client.force_login(sam)
    response = client.post(reverse("review-claim", args=[in_review.code]), {"next": QUEUE})
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.claimed_by == sam
    assert str(in_review.code) in response["Location"] or response["Location"] == INBOX


def test_the_second_specialist_to_claim_is_told_in_words(client, sam, tina, in_review):
    review_services.review_claim(filing=in_review, by=sam)
    client.force_login(tina)
    response = client.post(reverse("review-claim", args=[in_review.code]), {"next": QUEUE}, follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    words = [str(message) for message in response.context["messages"]]
    assert words and any("already taken" in text or "已" in text for text in words)
    in_review.refresh_from_db()
    assert in_review.claimed_by == sam


def test_a_claim_does_not_follow_a_next_address_on_another_site(client, sam, tina, in_review):
    review_services.review_claim(filing=in_review, by=sam)
    client.force_login(tina)
    response = client.post(reverse("review-claim", args=[in_review.code]), {"next": "https://evil.example/"})
    assert response["Location"] == QUEUE


def test_claiming_an_unknown_filing_is_404(client, sam):
    client.force_login(sam)
    assert (
        client.post(reverse("review-claim", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
    )


def test_the_holder_releases_and_another_specialist_cannot(client, sam, tina, in_review):
    review_services.review_claim(filing=in_review, by=sam)
    client.force_login(tina)
    client.post(reverse("review-release", args=[in_review.code]))
    in_review.refresh_from_db()
    assert in_review.claimed_by == sam
    client.force_login(sam)
    response = client.post(reverse("review-release", args=[in_review.code]), {"next": INBOX})
    assert response["Location"] == INBOX
    in_review.refresh_from_db()
    assert in_review.claimed_by is None


def test_take_the_next_one_claims_the_filing_due_first(client, sam, in_review):
    later, sooner = copies(in_review, 2)
    Filing.objects.filter(pk=later.pk).update(review_due_on=timezone.localdate() + dt.timedelta(days=5))
    Filing.objects.filter(pk=sooner.pk).update(review_due_on=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(sam)
    response = client.post(reverse("review-next"))
    assert response.status_code == 302
    sooner.refresh_from_db()
    assert sooner.claimed_by == sam
    assert Filing.objects.filter(claimed_by=sam).count() == 1


def test_take_the_next_one_with_an_empty_queue_says_so(client, sam):
    client.force_login(sam)
    response = client.post(reverse("review-next"), follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    assert [str(m) for m in response.context["messages"]]


def test_an_operator_does_not_take_filings(client, olga, in_review):
    client.force_login(olga)
    client.post(reverse("review-next"))
    in_review.refresh_from_db()
    assert in_review.claimed_by is None


# --- Filters, counts and pages -----------------------------------------------------------------------------
def test_filters_narrow_the_list_and_count_each_value(client, sam, in_review):
    today = timezone.localdate()
    overdue = copies(in_review, 2, review_due_on=today - dt.timedelta(days=2))
    copies(in_review, 3, review_due_on=today)
    copies(in_review, 1, review_round=2)
    Finding.objects.create(
        filing=overdue[0], review_round=1, code="x", field="entity.name", severity="blocking", message="m"
    )
    client.force_login(sam)
    response = client.get(QUEUE, {"deadline": "overdue"})
    assert len(response.context["rows"]) == 2
    form = response.context["form"]
    deadline = dict(form.fields["deadline"].choices)
    assert deadline["overdue"].endswith("(2)") and deadline["due_today"].endswith("(3)")
    assert deadline["on_time"].endswith("(2)")  # in_review and the resubmission
    # The other facets count within the deadline filter: one of the two overdue has findings.
    assert dict(form.fields["findings"].choices)["yes"].endswith("(1)")
    assert len(client.get(QUEUE, {"resubmission": "yes"}).context["rows"]) == 1
    assert len(client.get(QUEUE, {"findings": "yes"}).context["rows"]) == 1
    assert len(client.get(QUEUE, {"region": "CN-SH"}).context["rows"]) == 0
    assert len(client.get(QUEUE, {"region": in_review.region.code}).context["rows"]) == 7
    assert len(client.get(QUEUE, {"age": "new"}).context["rows"]) == 1  # bare copies have no round start


def test_a_value_that_is_not_one_is_named_and_does_not_filter(client, sam, in_review):
    client.force_login(sam)
    response = client.get(QUEUE, {"deadline": "yesterday"})
    assert response.status_code == 200
    assert response.context["form"].errors["deadline"]
    assert len(response.context["rows"]) == 1


def test_pages_follow_each_other_by_keyset_without_gaps_or_repeats(client, sam, in_review):
    copies(in_review, 30)
    client.force_login(sam)
    first = client.get(QUEUE)
    seen = [row.filing.pk for row in first.context["rows"]]
    assert len(seen) == 25 and first.context["next_url"]
    second = client.get(QUEUE + first.context["next_url"])
    more = [row.filing.pk for row in second.context["rows"]]
    assert len(more) == 6 and not set(seen) & set(more)
    assert not second.context["next_url"]
    assert client.get(QUEUE, {"after": "garbage"}).status_code == 200


def test_an_overdue_filing_is_tagged(client, sam, in_review):
    Filing.objects.filter(pk=in_review.pk).update(review_due_on=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(sam)
    assert "tag--overdue" in client.get(QUEUE).content.decode()


# --- Query counts ------------------------------------------------------------------------------------------
def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_queue_costs_the_same_queries_with_10_and_10000_filings(client, sam, in_review):
    client.force_login(sam)
    copies(in_review, 9)
    with_ten = _queries(client, QUEUE)
    copies(in_review, 9990)
    assert Filing.objects.filter(state=S.PROVIDER_REVIEW).count() == 10000
    assert _queries(client, QUEUE) == with_ten
    assert _queries(client, INBOX) == _queries(client, ARCHIVE)


def test_the_queue_costs_the_same_queries_with_1_and_10_websites_a_filing(client, sam, in_review):
    client.force_login(sam)
    copies(in_review, 10, websites=1)
    with_one = _queries(client, QUEUE)
    copies(in_review, 10, websites=10)
    assert _queries(client, QUEUE) == with_one

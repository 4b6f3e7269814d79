"""The review screen: every fact of a filing on one page, identity numbers to the holder only (logged), the
diff since the last rejection, the findings, the material viewer, who may open it, and its query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filings import services
from filings.models import Filing
from reviews import services as review_services
from reviews.models import Finding, IdentityAccessLog

pytestmark = pytest.mark.django_db


def _url(filing, suffix: str = "") -> str:
    return f"/review/filings/{filing.code}/{suffix}"


def _page(client, filing, user) -> str:
    client.force_login(user)
    response = client.get(_url(filing), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def in_review(build):
    return build.to(build.start(domains=["shanshui.cn"]), "provider_review")


def test_a_specialist_reads_everything_masked_with_a_claim_button(client, in_review, sam):
    page = _page(client, in_review, sam)
    entity = in_review.entity
    assert "shanshui.cn" in page and entity.name in page
    assert entity.head.certificate_number_masked in page
    assert entity.head.certificate_number not in page
    assert entity.head.mobile not in page  # masked: 138****1234
    assert f'action="/review/filings/{in_review.code}/claim/"' in page
    assert 'data-shortcut="c"' in page
    assert f'action="/review/filings/{in_review.code}/approve/"' not in page
    assert "Keyboard" in page
    assert not IdentityAccessLog.objects.exists()


def test_the_holder_reads_identity_numbers_in_clear_and_the_access_is_logged(client, in_review, sam, tina):
    review_services.review_claim(filing=in_review, by=sam)
    page = _page(client, in_review, sam)
    head = in_review.entity.head
    assert head.certificate_number in page and head.mobile in page
    assert list(IdentityAccessLog.objects.values_list("user__username", "channel")) == [("sam", "page")]
    for action in ("approve", "reject", "call"):
        assert f'action="/review/filings/{in_review.code}/{action}/"' in page
    # Another specialist reads it masked, read-only, and is told who holds it.
    other = _page(client, in_review, tina)
    assert head.certificate_number not in other and head.mobile not in other
    assert "sam holds this filing" in other
    assert f'action="/review/filings/{in_review.code}/approve/"' not in other
    assert IdentityAccessLog.objects.count() == 1


def test_the_screen_shows_websites_instances_materials_faces_rules_and_history(client, in_review, sam):
    page = _page(client, in_review, sam)
    item = in_review.filing_websites.select_related("service_number__instance").get()
    assert item.service_number.code in page and item.service_number.instance.instance_id in page
    material = in_review.materials.filter(status="accepted").first()
    assert f'href="/review/filings/{in_review.code}/materials/{material.code}/"' in page
    assert f"/files/{material.code}/thumbnail" in page
    assert "Face verification" in page and "Passed" in page
    assert "Regional rules in force" in page and "MIIT reviews within 20 working days." in page
    assert "Submitted for review" in page  # the timeline
    assert "What changed since" not in page  # a first round has no diff


def test_findings_of_the_round_with_field_severity_and_an_override_input_for_the_holder(
    client, in_review, sam
):
    blocking = Finding.objects.create(
        filing=in_review,
        review_round=in_review.review_round,
        code="registrar_holder_mismatch",
        field="websites.0.domain",
        severity="blocking",
        message="域名持有者与主体不一致 / The domain's holder is not the entity",
        evidence={"holder": "李四"},
    )
    Finding.objects.create(
        filing=in_review,
        review_round=in_review.review_round,
        code="name_rule",
        field="entity.name",
        severity="advisory",
        message="名称提示 / A hint on the name",
    )
    Finding.objects.create(  # an earlier round's finding is not this round's
        filing=in_review, review_round=0, code="old", field="", severity="blocking", message="旧 / Old one"
    )
    review_services.review_claim(filing=in_review, by=sam)
    page = _page(client, in_review, sam)
    assert "shanshui.cn · Domain" in page and "The domain&#x27;s holder is not the entity" in page
    assert "域名持有者" not in page  # the English half only
    assert "Blocking" in page and "Advisory" in page and "holder: 李四" in page
    assert "Old one" not in page
    assert f'name="override-{blocking.pk}-note"' in page


def _fix_mailing_address(build, filing, address: str) -> None:
    """The applicant changes the mailing address and nothing else (the builder's data makes new contacts)."""
    info = build.information(filing)
    head = filing.entity.head
    info["entity_head"].update(mobile=head.mobile, email=head.email)
    info["entity"]["mailing_address"] = address
    services.filing_save_information(filing=filing, by=filing.applicant, **info)


def test_the_diff_names_exactly_what_changed_since_the_rejection(client, build, alice, sam, in_review):
    review_services.review_claim(filing=in_review, by=sam)
    reasons = [
        {"code": "address_incomplete", "field": "entity.mailing_address"},
        {"code": "website_name_invalid", "field": "websites.0.name"},
    ]
    review_services.review_reject(filing=in_review, by=sam, reasons=reasons)
    _fix_mailing_address(build, in_review, "北京示例路2号202室")
    services.filing_resubmit(filing=in_review, by=alice, explanations={"1": "名称符合规则"})
    in_review.refresh_from_db()
    page = _page(client, in_review, sam)
    assert "What changed since the rejection of round 1" in page
    changes = page.split('id="changes"')[1].split("</section>")[0]
    assert changes.count("<tr data-path=") == 1
    assert 'data-path="entity.mailing_address"' in changes and "北京示例路2号202室" in changes
    assert "Changed" in changes and "Explained" in changes and "名称符合规则" in changes


def test_the_material_viewer_shows_one_material_of_this_filing(client, build, in_review, sam, alice):
    material = in_review.materials.filter(status="accepted").order_by("created_at").first()
    client.force_login(sam)
    page = client.get(_url(in_review, f"materials/{material.code}/"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'src="/files/{material.code}/"' in html and "data-viewer-tools" in html and "Zoom in" in html
    other = build.to(build.start(), "provider_review").materials.first()
    assert client.get(_url(in_review, f"materials/{other.code}/")).status_code == 404
    client.force_login(alice)
    assert client.get(_url(in_review, f"materials/{material.code}/")).status_code == 404


def test_operators_read_the_screen_without_decisions(client, in_review, olga):
    page = _page(client, in_review, olga)
    assert "shanshui.cn" in page
    for action in ("claim", "approve", "reject", "call"):
        assert f'action="/review/filings/{in_review.code}/{action}/"' not in page


def test_applicants_get_404_and_anonymous_visitors_the_login_page_on_every_url(client, in_review, alice, bob):
    material = in_review.materials.first()
    urls = [_url(in_review), _url(in_review, f"materials/{material.code}/")]
    posts = [
        _url(in_review, name + "/")
        for name in ("claim", "approve", "reject", "call", "mail-received", "mailing-rejected")
    ]
    for url in urls + posts:
        method = client.post if url in posts else client.get
        response = method(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    for applicant in (alice, bob):
        client.force_login(applicant)
        for url in urls + posts:
            method = client.post if url in posts else client.get
            assert method(url).status_code == 404, url
    in_review.refresh_from_db()
    assert in_review.state == "provider_review" and in_review.claimed_by is None


def test_a_specialist_cannot_open_a_filing_neither_in_review_nor_decided_by_them(client, build, sam):
    filing = build.to(build.start(), "information")
    client.force_login(sam)
    assert client.get(_url(filing)).status_code == 404
    assert client.get("/review/filings/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_decider_still_opens_the_filing_after_deciding_it(client, in_review, sam):
    review_services.review_claim(filing=in_review, by=sam)
    review_services.review_reject(
        filing=in_review, by=sam, reasons=[{"code": "address_incomplete", "field": "entity.mailing_address"}]
    )
    page = _page(client, in_review, sam)
    assert "Nothing to decide here now" in page
    assert "The mailing address is incomplete" in page


# --- Query count --------------------------------------------------------------------------------------------
def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_screens_queries_do_not_grow_with_websites(client, build, sam):
    one = build.to(build.start(domains=["one.cn"]), "provider_review")
    ten = build.to(build.start(domains=[f"w{n}.cn" for n in range(10)]), "provider_review")
    for filing in (one, ten):
        review_services.review_claim(filing=filing, by=sam)
    client.force_login(sam)
    assert _queries(client, _url(ten)) == _queries(client, _url(one))


def test_the_screens_queries_do_not_grow_with_other_filings(client, in_review, sam):
    """The screen reads one filing by its code; other filings never enter a query's loop (the findings that
    compare filings are computed by the findings job, not here). Shown with 10 and 10,000 other rows."""
    review_services.review_claim(filing=in_review, by=sam)
    client.force_login(sam)

    def others(count: int) -> None:
        Filing.objects.bulk_create(
            Filing(
                applicant=in_review.applicant,
                region=in_review.region,
                entity=in_review.entity,
                state="provider_review",
                review_round=1,
            )
            for _ in range(count - Filing.objects.exclude(pk=in_review.pk).count())
        )

    others(10)
    few = _queries(client, _url(in_review))
    others(10_000)
    assert Filing.objects.count() == 10_001
    assert _queries(client, _url(in_review)) == few

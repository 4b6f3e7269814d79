"""The review screen's decisions: claim, approve (with overrides), reject with reasons tied to paths, a call
attempt, the mailing's two outcomes; refusals in words with what was typed, never a 500."""

from __future__ import annotations

import pytest

from entities.models import Region
from filings import services
from reviews import services as review_services
from reviews.models import CallAttempt, Finding

pytestmark = pytest.mark.django_db


def _url(filing, suffix: str = "") -> str:
    return f"/review/filings/{filing.code}/{suffix}"


def _post(client, filing, action: str, data=None):
    return client.post(_url(filing, action + "/"), data or {}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def in_review(build):
    return build.to(build.start(domains=["shanshui.cn"]), "provider_review")


@pytest.fixture
def held(in_review, sam):
    return review_services.review_claim(filing=in_review, by=sam)


def test_claiming_from_the_screen_and_the_second_claimant_is_told_in_words(client, in_review, sam, tina):
    client.force_login(sam)
    response = _post(client, in_review, "claim")
    assert response.status_code == 302 and response["Location"] == _url(in_review)
    in_review.refresh_from_db()
    assert in_review.claimed_by == sam
    client.force_login(tina)
    refused = _post(client, in_review, "claim")
    assert refused.status_code == 409
    assert "This filing is already taken or no longer in review." in refused.content.decode()
    in_review.refresh_from_db()
    assert in_review.claimed_by == sam


def test_the_holder_approves(client, held, sam):
    client.force_login(sam)
    response = _post(client, held, "approve", {"approve-note": "核对无误"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.state != "provider_review" and held.claimed_by is None
    assert held.events.last().payload.get("note") == "核对无误"


def test_a_specialist_who_does_not_hold_the_filing_cannot_decide_it(client, held, tina):
    client.force_login(tina)
    for action, data in (
        ("approve", {}),
        ("reject", {"reason-address_incomplete-chosen": "on", "reason-address_incomplete-field": "entity"}),
        ("call", {"call-reached": "no"}),
        ("mail-received", {}),
        ("mailing-rejected", {}),
    ):
        response = _post(client, held, action, data)
        assert response.status_code in (403, 409), action
        assert "There is a problem" in response.content.decode()
    held.refresh_from_db()
    assert held.state == "provider_review" and not CallAttempt.objects.exists()


def test_an_open_blocking_finding_needs_a_note_and_the_note_overrides_it(client, held, sam):
    finding = Finding.objects.create(
        filing=held,
        review_round=held.review_round,
        code="registrar_holder_mismatch",
        field="websites.0.domain",
        severity="blocking",
        message="域名持有者不一致 / The domain's holder differs",
    )
    client.force_login(sam)
    refused = _post(client, held, "approve", {"approve-note": "我的备注"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "There is a problem" in page and "我的备注" in page  # what was typed stays
    assert f'id="id_override-{finding.pk}-note-error"' in page  # beside the finding's note box
    held.refresh_from_db()
    assert held.state == "provider_review"
    done = _post(client, held, "approve", {f"override-{finding.pk}-note": "已电话核实持有者"})
    assert done.status_code == 302
    finding.refresh_from_db()
    assert finding.resolution == "overridden" and finding.note == "已电话核实持有者"


def test_rejecting_with_two_reasons_each_tied_to_a_path(client, held, sam):
    client.force_login(sam)
    response = _post(
        client,
        held,
        "reject",
        {
            "reason-address_incomplete-chosen": "on",
            "reason-address_incomplete-field": "entity.mailing_address",
            "reason-website_name_invalid-chosen": "on",
            "reason-website_name_invalid-field": "websites.0.name",
            "reason-domain_expiring-field": "websites.0.domain",  # not ticked: not sent
            "reject-message": "请修改后重新提交",
        },
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.state == "provider_rejected"
    event = held.events.last()
    assert [(r["code"], r["field"]) for r in event.reasons] == [
        ("address_incomplete", "entity.mailing_address"),
        ("website_name_invalid", "websites.0.name"),
    ]
    assert event.payload["message"] == "请修改后重新提交"


def test_a_rejection_without_a_reason_or_a_path_is_refused_keeping_what_was_typed(client, held, sam):
    client.force_login(sam)
    none = _post(client, held, "reject", {"reject-message": "留言不丢"})
    assert none.status_code == 400
    assert "Choose at least one reason" in none.content.decode() and "留言不丢" in none.content.decode()
    blank = _post(
        client, held, "reject", {"reason-entity_abnormal-chosen": "on", "reason-entity_abnormal-field": ""}
    )
    page = blank.content.decode()
    assert blank.status_code == 400
    assert 'id="id_reason-entity_abnormal-field-error"' in page  # beside its select
    assert "Say which field or material the reason concerns." in page
    held.refresh_from_db()
    assert held.state == "provider_review"


def test_each_reason_names_a_real_path_of_the_filing_by_default(client, held, sam):
    client.force_login(sam)
    page = client.get(_url(held), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    def selected(code: str) -> str:
        select = page.split(f'name="reason-{code}-field"')[1].split("</select>")[0]
        return select.split(" selected>")[0].rsplit('value="', 1)[1].split('"')[0]

    assert selected("website_name_invalid") == "websites.0.name"
    assert selected("domain_expiring") == "websites.0.domain"
    assert selected("phone_unreachable") == "entity.head.mobile"
    assert selected("verification_form_invalid") == "materials.verification_form.0"
    assert selected("wrong_filing_type") == "filing.filing_type"
    assert selected("open_order_exists") == "filing"
    assert 'name="reason-mailing_materials_wrong-chosen"' not in page  # the mailing's own form


def test_two_failed_calls_suggest_the_phone_unreachable_reason(client, held, sam):
    client.force_login(sam)
    invalid = _post(client, held, "call", {"call-note": "?"})
    assert invalid.status_code == 400 and 'id="id_call-reached_0"' in invalid.content.decode()
    assert _post(client, held, "call", {"call-reached": "no", "call-note": "无人接听"}).status_code == 302
    response = _post(client, held, "call", {"call-reached": "no"})
    assert response.status_code == 302
    page = client.get(_url(held), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 failed calls in a row this round" in page and "无人接听" in page
    assert 'name="reason-phone_unreachable-chosen" id="id_reason-phone_unreachable-chosen" checked' in page
    assert list(CallAttempt.objects.values_list("reached", flat=True)) == [False, False]


@pytest.fixture
def mailing(build, sam):
    Region.objects.filter(code="CN-BJ").update(mailing_rule="always")
    filing = build.to(build.start(domains=["mail-me.cn"]), "mailing")
    services.filing_enter_mailing(filing=filing, by=filing.applicant, courier="SF", tracking_number="SF123")
    return review_services.review_claim(filing=filing, by=sam)


def test_in_mailing_the_holder_confirms_the_mail(client, mailing, sam):
    client.force_login(sam)
    page = client.get(_url(mailing), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "SF123" in page and _url(mailing, "mail-received/") in page
    assert _url(mailing, "reject/") not in page  # the mailing's own rejection instead
    assert _post(client, mailing, "mail-received").status_code == 302
    mailing.refresh_from_db()
    assert mailing.state == "miit_submission"


def test_in_mailing_the_holder_rejects_the_mailing(client, mailing, sam):
    client.force_login(sam)
    assert _post(client, mailing, "mailing-rejected", {"mailing-message": "缺少签字"}).status_code == 302
    mailing.refresh_from_db()
    event = mailing.events.last()
    assert mailing.state == "provider_rejected"
    assert (
        event.reasons[0]["code"] == "mailing_materials_wrong"
        and event.reasons[0]["field"] == "materials.mailed"
    )


def test_decisions_only_take_posts_and_a_wrong_state_is_refused_in_words(client, held, sam):
    client.force_login(sam)
    assert client.get(_url(held, "approve/")).status_code == 405
    refused = _post(client, held, "mail-received")
    assert refused.status_code == 409 and "There is a problem" in refused.content.decode()


def test_four_eyes_first_and_second_approval_by_different_specialists(client, in_review, sam, tina):
    Region.objects.filter(code="CN-BJ").update(second_approval_required=True)
    review_services.review_claim(filing=in_review, by=sam)
    client.force_login(sam)
    page = client.get(_url(in_review), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Give the first approval" in page
    done = _post(client, in_review, "approve", {"approve-note": "一审通过"})
    assert done.status_code == 302
    in_review.refresh_from_db()
    assert in_review.state == "provider_review" and in_review.claimed_by is None
    # The same specialist claims it again: no approval form, the reason in words; a post is refused.
    review_services.review_claim(filing=in_review, by=sam)
    page = client.get(_url(in_review), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="approve-form"' not in page and "a different specialist gives the second" in page
    refused = _post(client, in_review, "approve")
    assert refused.status_code == 409
    review_services.review_release(filing=in_review, by=sam)
    review_services.review_claim(filing=in_review, by=tina)
    client.force_login(tina)
    page = client.get(_url(in_review), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Give the second approval" in page
    assert _post(client, in_review, "approve").status_code == 302
    in_review.refresh_from_db()
    assert in_review.state != "provider_review"

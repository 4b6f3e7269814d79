"""``resubmit`` asks that what each reason named was changed since the reviewed round, or explained."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError
from filings import services
from filings.models import Filing, ReviewSnapshot
from materials import services as material_services
from reviews import services as review_services
from tests.material_files import photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def _returned(build, sam, reasons):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    return review_services.review_reject(filing=filing, by=sam, reasons=reasons)


def _save_information(build, alice, filing, change):
    info = build.information(filing)
    change(info)
    services.filing_save_information(filing=filing, by=alice, **info)


def test_each_review_round_keeps_a_snapshot_of_what_the_reviewer_saw(build, alice):
    filing = build.to(build.start(), "provider_review")
    snapshot = ReviewSnapshot.objects.get(filing=filing, review_round=1)
    assert snapshot.data["entity.mailing_address"] == filing.entity.mailing_address
    assert snapshot.data["websites.0.domain"] == filing.filing_websites.get().website.domain.ascii_name
    assert snapshot.data["materials.id_front"]  # the accepted upload the reviewer looked at
    # Identity numbers only as their keyed hash, never in clear.
    assert snapshot.data["entity.certificate_number"] == filing.entity.certificate_number_hash
    assert filing.entity.certificate_number not in str(snapshot.data)


def test_resubmit_with_nothing_changed_is_refused_naming_each_unchanged_field(build, alice, sam):
    filing = _returned(
        build,
        sam,
        [
            {"code": "website_name_invalid", "field": "websites.0.name"},
            {"code": "address_incomplete", "field": "entity.mailing_address"},
        ],
    )
    with pytest.raises(ApplicationError) as refused:
        services.filing_resubmit(filing=filing, by=alice)
    assert refused.value.code == "conditions_not_met"
    assert set(refused.value.fields) == {"websites.0.name", "entity.mailing_address"}
    filing.refresh_from_db()
    assert (filing.state, filing.review_round) == ("provider_rejected", 1)
    assert filing.events.last().transition == "reject"  # no event for the refused attempt


def test_resubmit_after_changing_only_one_named_field_names_the_other(build, alice, sam):
    filing = _returned(
        build,
        sam,
        [
            {"code": "website_name_invalid", "field": "websites.0.name"},
            {"code": "address_incomplete", "field": "entity.mailing_address"},
        ],
    )

    def rename(info):
        info["websites"][0]["name"] = "张三的摄影作品集"

    _save_information(build, alice, filing, rename)
    with pytest.raises(ApplicationError) as refused:
        services.filing_resubmit(filing=filing, by=alice)
    assert set(refused.value.fields) == {"entity.mailing_address"}

    def move(info):
        rename(info)
        info["entity"]["mailing_address"] = "北京市示例路9号202室"

    _save_information(build, alice, filing, move)
    filing = services.filing_resubmit(filing=filing, by=alice)
    assert (filing.state, filing.review_round) == ("provider_review", 2)
    assert ReviewSnapshot.objects.get(filing=filing, review_round=2).data["entity.mailing_address"] == (
        "北京市示例路9号202室"
    )


def test_an_explanation_answers_a_reason_whose_field_stays_and_is_kept_on_the_event(build, alice, sam):
    filing = _returned(build, sam, [{"code": "address_incomplete", "field": "entity.mailing_address"}])
    filing = services.filing_resubmit(
        filing=filing, by=alice, explanations={"0": "地址已精确到门牌号，与房产证一致"}
    )
    assert filing.state == "provider_review"
    event = filing.events.last()
    assert (event.transition, event.payload) == (
        "resubmit",
        {"explanations": {"0": "地址已精确到门牌号，与房产证一致"}},
    )


def test_explanations_must_name_a_reason_of_the_rejection_and_say_something(build, alice, sam):
    filing = _returned(build, sam, [{"code": "address_incomplete", "field": "entity.mailing_address"}])
    for explanations, field in (({"7": "为什么"}, "explanations.7"), ({"0": "   "}, "explanations.0")):
        with pytest.raises(ApplicationError) as refused:
            services.filing_resubmit(filing=filing, by=alice, explanations=explanations)
        assert field in refused.value.fields
    assert Filing.objects.get(pk=filing.pk).state == "provider_rejected"


def test_a_named_person_counts_as_changed_when_any_of_its_fields_changed(build, alice, sam):
    filing = _returned(build, sam, [{"code": "head_not_legal_rep", "field": "entity.head"}])
    with pytest.raises(ApplicationError) as refused:
        services.filing_resubmit(filing=filing, by=alice)
    assert set(refused.value.fields) == {"entity.head"}

    def new_email(info):
        info["entity_head"]["email"] = "changed@example.com"

    _save_information(build, alice, filing, new_email)
    assert services.filing_resubmit(filing=filing, by=alice).state == "provider_review"


def test_the_catalogue_form_without_an_index_covers_every_websites_field(build, alice, sam):
    filing = _returned(build, sam, [{"code": "website_name_invalid", "field": "website.name"}])
    with pytest.raises(ApplicationError) as refused:
        services.filing_resubmit(filing=filing, by=alice)
    assert set(refused.value.fields) == {"website.name"}


def test_a_named_material_needs_a_newer_accepted_upload(build, alice, sam):
    filing = _returned(build, sam, [{"code": "photo_unclear", "field": "materials.id_front"}])
    with pytest.raises(ApplicationError) as refused:
        services.filing_resubmit(filing=filing, by=alice)
    assert set(refused.value.fields) == {"materials.id_front"}
    upload = material_services.material_upload(
        filing=filing, by=alice, kind="id_front", website=None, content=photo(seed=23), filename="id.jpg"
    )
    material_services.material_process(material_id=upload.pk)
    assert services.filing_resubmit(filing=filing, by=alice).state == "provider_review"


def test_a_reason_about_the_whole_filing_names_no_field_to_compare(build, alice, sam):
    filing = _returned(build, sam, [{"code": "wrong_filing_type", "field": "filing"}])
    assert services.filing_resubmit(filing=filing, by=alice).state == "provider_review"

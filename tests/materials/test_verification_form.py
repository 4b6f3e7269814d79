"""The pre-filled authenticity verification form (核验单): its text, read back from the PDF."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from entities.models import EntityNature
from materials.pipeline import process_document
from materials.verification_form import verification_form_pdf

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def filing(build):
    return build.to(
        build.start(nature=EntityNature.ENTERPRISE, domains=["例子.cn", "second.com"]), "materials"
    )


def test_the_form_shows_the_chinese_entity_name_and_the_filing(filing):
    entity = filing.entity
    item = filing.filing_websites.select_related("website__domain", "service_number").get(position=0)
    text = _text(verification_form_pdf(filing, item.website))
    assert entity.name and any("\u4e00" <= ch <= "\u9fff" for ch in entity.name)
    assert entity.name in text
    assert "网站备案信息真实性核验单" in text
    for expected in (
        entity.certificate_number_masked,
        entity.certificate_address,
        item.website.name,
        "例子.cn",
        "xn--fsqu00a.cn",
        item.service_number.code,
        settings.PROVIDER_NAME,
        str(filing.code),
        entity.head.name,
    ):
        assert expected in text, expected


def test_the_form_masks_identity_numbers_and_the_mobile(filing):
    entity = filing.entity
    website = filing.filing_websites.get(position=1).website
    text = _text(verification_form_pdf(filing, website))
    assert entity.certificate_number not in text
    assert website.head.certificate_number not in text
    assert website.head.mobile not in text and website.head.mobile[-4:] in text
    assert "second.com" in text and "例子.cn" not in text  # one form per website


def test_the_signed_form_can_be_uploaded_back(filing):
    data = verification_form_pdf(filing, filing.filing_websites.get(position=0).website)
    assert process_document(data).content_type == "application/pdf"  # no active content, not encrypted


def test_a_website_of_another_filing_is_refused(build, filing):
    other = build.start()
    with pytest.raises(ValueError):
        verification_form_pdf(filing, other.filing_websites.get().website)

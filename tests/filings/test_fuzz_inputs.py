"""No input a user can type makes a step fail with anything but a field-level refusal, and a refused input
never loses what was saved before (hypothesis feeds random text to every validated field)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.errors import ApplicationError
from entities.models import CertificateType, Entity, EntityNature, Region
from filings import services

pytestmark = pytest.mark.django_db

TEXT = st.text(max_size=40) | st.sampled_from(
    ["", " ", "０１２３", "例子.中国", "x" * 300, "1" * 18, "\x00", "—"]
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(
    nature=TEXT | st.sampled_from(EntityNature.values),
    certificate_type=TEXT | st.sampled_from(CertificateType.values),
    certificate_number=TEXT,
    domains=st.lists(TEXT, max_size=4),
)
def test_step_1_refuses_with_fields_or_accepts(alice, nature, certificate_type, certificate_number, domains):
    try:
        filing = services.filing_start(
            applicant=alice,
            region=Region.objects.get(code="CN-BJ"),
            nature=nature,
            certificate_type=certificate_type,
            certificate_number=certificate_number,
            domains=domains,
        )
    except ApplicationError as refused:
        assert refused.fields, refused.message
        assert all(isinstance(m, str) and m for messages in refused.fields.values() for m in messages)
    else:
        assert filing.state == "type_detection"


@pytest.fixture
def saved(build, alice):
    """A filing in step 3 with valid information saved."""
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    services.filing_save_information(filing=filing, by=alice, **info)
    return filing, info


ENTITY_FIELDS = ["name", "certificate_address", "mailing_address"]
PERSON_FIELDS = ["name", "certificate_type", "certificate_number", "mobile", "emergency_phone", "email"]
WEBSITE_FIELDS = ["name", "homepage_url", "content_type", "languages"]


@FUZZ
@given(
    part=st.sampled_from(["entity", "entity_head", "website", "website_head"]),
    field_index=st.integers(min_value=0, max_value=5),
    value=TEXT,
)
def test_step_3_refuses_with_fields_and_keeps_what_was_saved(saved, alice, part, field_index, value):
    filing, info = saved
    before = Entity.objects.get(pk=filing.entity_id)
    data = {
        "entity": dict(info["entity"]),
        "entity_head": dict(info["entity_head"]),
        "websites": [dict(w) for w in info["websites"]],
    }
    if part == "entity":
        data["entity"][ENTITY_FIELDS[field_index % 3]] = value
    elif part == "entity_head":
        data["entity_head"][PERSON_FIELDS[field_index]] = value
    elif part == "website":
        data["websites"][0][WEBSITE_FIELDS[field_index % 4]] = value
    else:
        head = {**info["entity_head"], "certificate_number": "", PERSON_FIELDS[field_index]: value}
        data["websites"][0]["head"] = head
    try:
        services.filing_save_information(filing=filing, by=alice, **data)
    except ApplicationError as refused:
        assert refused.fields, refused.message
        after = Entity.objects.get(pk=filing.entity_id)
        assert (after.name, after.mailing_address, after.head_id) == (
            before.name,
            before.mailing_address,
            before.head_id,
        )
        assert after.head.mobile == before.head.mobile


def test_text_longer_than_its_column_is_a_field_error_on_every_database(saved, alice):
    filing, info = saved
    too_long = {
        ("entity", "name"): "名" * 129,
        ("entity", "mailing_address"): "路" * 257,
        ("entity_head", "name"): "张" * 65,
        ("entity_head", "email"): "a" * 250 + "@example.com",
    }
    for (part, field), value in too_long.items():
        data = {**info, part: {**info[part], field: value}}
        with pytest.raises(ApplicationError) as refused:
            services.filing_save_information(filing=filing, by=alice, **data)
        path = "entity.head" if part == "entity_head" else "entity"
        assert f"{path}.{field}" in refused.value.fields, (part, field)
    website = {**info["websites"][0], "name": "山" * 65}
    with pytest.raises(ApplicationError) as refused:
        services.filing_save_information(filing=filing, by=alice, **{**info, "websites": [website]})
    assert "websites.0.name" in refused.value.fields


def test_control_characters_are_a_field_error_on_every_database(saved, alice):
    """PostgreSQL cannot store NUL in text: the fuzzing found it as a 500 there."""
    filing, info = saved
    for part, field in (("entity", "mailing_address"), ("entity_head", "name")):
        data = {**info, part: {**info[part], field: "北京市\x00东城区"}}
        with pytest.raises(ApplicationError) as refused:
            services.filing_save_information(filing=filing, by=alice, **data)
        path = "entity.head" if part == "entity_head" else "entity"
        assert f"{path}.{field}" in refused.value.fields

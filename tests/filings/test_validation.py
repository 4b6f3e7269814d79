"""Which rule runs when: step 3 as entered, and the whole stored filing again (``filings/validation.py``)."""

from __future__ import annotations

import pytest

from common.errors import ApplicationError
from entities.models import Entity
from filings import services
from filings.models import Filing
from filings.validation import filing_problems

pytestmark = pytest.mark.django_db


def _codes(problems) -> list[tuple[str, str]]:
    return [(item.field, item.code) for item in problems]


def test_mailing_address_without_a_door_number_is_refused_at_step_3(build, alice):
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    info["entity"]["mailing_address"] = "吉林省长春市"

    with pytest.raises(ApplicationError) as refused:
        services.filing_save_information(filing=filing, by=alice, **info)

    assert refused.value.code == "mailing_address_incomplete"
    assert list(refused.value.fields) == ["entity.mailing_address"]
    assert Entity.objects.get(pk=filing.entity_id).mailing_address == ""


def test_mailing_address_with_a_door_number_is_saved(build, alice):
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    info["entity"]["mailing_address"] = "吉林省长春市朝阳区人民大街3号"

    services.filing_save_information(filing=filing, by=alice, **info)

    assert Entity.objects.get(pk=filing.entity_id).mailing_address == "吉林省长春市朝阳区人民大街3号"


@pytest.mark.parametrize("step", ["enter_information", "submit"])
def test_mailing_address_without_a_door_number_is_refused_again_at_the_full_check(build, alice, step):
    filing = build.to(build.start(), "information" if step == "enter_information" else "self_check")
    if step == "enter_information":
        services.filing_save_information(filing=filing, by=alice, **build.information(filing))
    # Stored before the rule existed (or through a path that skipped step 3): the re-check must not trust it.
    Entity.objects.filter(pk=filing.entity_id).update(mailing_address="吉林省长春市")
    filing = Filing.objects.get(pk=filing.pk)

    assert ("entity.mailing_address", "mailing_address_incomplete") in _codes(filing_problems(filing))
    with pytest.raises(ApplicationError) as refused:
        getattr(services, f"filing_{step}")(filing=filing, by=alice)
    assert "entity.mailing_address" in refused.value.fields
    filing.refresh_from_db()
    assert filing.state == ("information" if step == "enter_information" else "self_check")


@pytest.mark.parametrize(("field", "letters"), [("mobile", "abcd"), ("emergency_phone", "ABCDEFGH")])
def test_letters_in_a_phone_number_are_refused_at_step_3_not_stored_as_digits(build, alice, field, letters):
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    # A local number with its last digits typed as keypad letters: 1390123abcd would read as 13901232223.
    info["entity_head"][field] = info["entity_head"][field][: -len(letters)] + letters

    with pytest.raises(ApplicationError) as refused:
        services.filing_save_information(filing=filing, by=alice, **info)

    assert list(refused.value.fields) == [f"entity.head.{field}"]
    assert Entity.objects.get(pk=filing.entity_id).head is None


def test_an_individual_head_may_write_the_entity_number_in_another_spelling(build, alice):
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    number = info["entity_head"]["certificate_number"]
    info["entity_head"]["certificate_number"] = f"{number[:6]}-{number[6:14]}-{number[14:].lower()}"

    services.filing_save_information(filing=filing, by=alice, **info)

    assert Entity.objects.get(pk=filing.entity_id).head.certificate_number == number


def test_phone_numbers_in_other_scripts_digits_are_stored_in_ascii(build, alice):
    filing = build.to(build.start(), "information")
    info = build.information(filing)
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    mobile = info["entity_head"]["mobile"]
    info["entity_head"]["mobile"] = mobile.translate(arabic_indic)
    info["entity_head"]["emergency_phone"] = "010-65512345".translate(arabic_indic)

    services.filing_save_information(filing=filing, by=alice, **info)

    head = Entity.objects.get(pk=filing.entity_id).head
    assert (head.mobile, head.emergency_phone) == (mobile, "010-65512345")


def test_the_whole_check_reads_the_regions_once_and_an_edit_applies_to_the_next(build, alice):
    """``filing_problems`` reads the regions' rows once (``RegionalData``) for every rule that needs the
    filing's or the entity's region, and reads them again at the next validation."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from entities.models import Region

    filing = build.to(build.start(), "self_check")
    with CaptureQueriesContext(connection) as queries:
        assert filing_problems(Filing.objects.get(pk=filing.pk)) == []
    assert sum('FROM "entities_region"' in query["sql"] for query in queries.captured_queries) == 1
    Region.objects.filter(pk=filing.region_id).update(max_domains_per_order=0)
    codes = {item.code for item in filing_problems(Filing.objects.get(pk=filing.pk))}
    assert "websites_over_region_limit" in codes

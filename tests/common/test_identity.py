"""Identity numbers at rest: one normal form for every spelling, so one number has one hash."""

from __future__ import annotations

import pytest

from common.identity import identity_hash, normalise_certificate_number

USCC = "91110000MA0000001L"


@pytest.mark.parametrize(
    "spelling",
    [
        USCC,
        "9111-0000-MA0000001L",
        "9111 0000 MA00 0000 1L",
        "9111\u20100000\u2013MA0000001L",  # a Unicode hyphen and an en dash, as word processors write them
        "９１１１－００００－ＭＡ００００００１Ｌ",  # full-width, hyphens included
        " 9111-0000-ma0000001l ",
    ],
)
def test_every_spelling_of_a_certificate_number_has_its_compact_form_and_one_hash(spelling):
    assert normalise_certificate_number(spelling) == USCC
    assert identity_hash(spelling) == identity_hash(USCC)


def test_a_resident_id_is_compacted_the_same_way():
    assert normalise_certificate_number("110101-19900307-123x") == "11010119900307123X"


def test_different_numbers_keep_different_hashes():
    assert identity_hash(USCC) != identity_hash("91110000MA0000002L")
    assert identity_hash(USCC) != identity_hash(USCC, scope="registrar-holder-certificate")

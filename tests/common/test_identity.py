"""Identity numbers at rest: one normal form for every spelling, so one number has one hash."""

from __future__ import annotations

import unicodedata

import pytest

from common.identity import fold_digits, identity_hash, normalise_certificate_number

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


def test_every_unicode_decimal_digit_folds_to_its_ascii_digit():
    decimal_digits = [chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Nd"]
    assert len(decimal_digits) > 600  # every script's digits, not a chosen few

    assert fold_digits("".join(decimal_digits)) == "".join(
        str(unicodedata.decimal(d)) for d in decimal_digits
    )
    assert fold_digits("号 No.1-٣") == "号 No.1-3"  # the rest is left as it is


def test_a_resident_id_in_arabic_indic_digits_is_the_ascii_number_with_its_hash():
    arabic_indic = "36٠٤٢٦١٩٩١٠١٠١٠٠٧1"
    assert normalise_certificate_number(arabic_indic) == "360426199101010071"
    assert identity_hash(arabic_indic) == identity_hash("360426199101010071")

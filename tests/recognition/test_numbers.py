"""Numbers read by OCR: corrected by their checksums where one look-alike is ambiguous, never proposed when
the checksum fails."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from entities.recognition.numbers import (
    FORCED_FACTOR,
    SWAPPED_FACTOR,
    correct_ric,
    correct_uscc,
    find_number,
)


def make_uscc(first17: str) -> str:
    return first17 + uscc.calc_check_digit(first17)


def make_ric(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


CODE = make_uscc("91440300MA5F12345")  # …452
ID = make_ric("11010119900307123")


def test_a_valid_code_is_proposed_as_read():
    found = correct_uscc(CODE)
    assert found is not None
    assert (found.value, found.forced, found.swapped, found.factor) == (CODE, 0, 0, 1.0)


def test_spaces_hyphens_and_full_width_characters_are_compacted():
    spaced = " ".join([CODE[:6], CODE[6:12], CODE[12:]]).replace("9", "９", 1)
    assert correct_uscc(spaced).value == CODE
    assert correct_uscc(CODE[:8] + "-" + CODE[8:]).value == CODE


def test_a_letter_where_only_a_digit_may_stand_is_made_that_digit():
    misread = "9I44O300MA5F12345Z"  # I→1, O→0 in the digits; Z is in no USCC position: 2
    found = correct_uscc(misread)
    assert found.value == CODE
    assert found.forced == 3
    assert found.factor == FORCED_FACTOR**3


def test_too_many_forced_corrections_propose_nothing():
    assert correct_uscc("9I44O3O0MA5F12345Z") is None  # four: the reading is too poor to trust


def test_an_ambiguous_b_or_8_is_decided_by_the_checksum_when_one_swap_holds():
    # 8 and B both belong to the USCC alphabet: a misread one fails the checksum, and the swap back holds.
    for body in ("91110108MA018BCD2", "911101088A01ABCD2", "9111010BMA01ABCD8"):
        code = make_uscc(body)
        position = next(i for i in range(8, 18) if code[i] in "8B")
        misread = code[:position] + {"8": "B", "B": "8"}[code[position]] + code[position + 1 :]
        found = correct_uscc(misread)
        if found is None:  # two swaps held: the checksum cannot choose, and nothing is proposed
            continue
        assert found.value == code
        assert found.swapped == 1
        assert found.factor == SWAPPED_FACTOR


def test_a_code_whose_checksum_fails_is_never_proposed():
    wrong = CODE[:-1] + ("3" if CODE[-1] != "3" else "4")
    assert correct_uscc(wrong) is None
    assert correct_uscc(CODE[:-1]) is None  # 17 characters
    assert correct_uscc(CODE + "1") is None


def test_a_code_of_an_unknown_province_is_not_proposed():
    assert correct_uscc(make_uscc("91990300MA5F12345")) is None


def test_a_resident_id_is_proposed_and_its_letters_forced_to_digits():
    assert correct_ric(ID).value == ID
    misread = "I1O1O119900307123" + ID[-1]
    found = correct_ric(misread)
    assert found.value == ID
    assert found.forced == 3


def test_a_resident_id_check_x_is_read_in_any_case_or_as_a_times_sign():
    number = make_ric("11010119900307109")
    assert number.endswith("X")
    assert correct_ric(number[:-1] + "x").value == number
    assert correct_ric(number[:-1] + "×").value == number


def test_a_resident_id_with_a_wrong_checksum_a_future_birth_or_no_province_is_not_proposed():
    assert correct_ric(ID[:-1] + ("1" if ID[-1] != "1" else "2")) is None
    future = (datetime.date.today() + datetime.timedelta(days=400)).strftime("%Y%m%d")
    assert correct_ric(make_ric(f"110101{future}123")) is None
    assert correct_ric(make_ric("99010119900307123")) is None
    assert correct_ric(make_ric("11010119900231123")) is None  # 31 February


def test_find_number_takes_the_one_valid_number_among_the_lines():
    found = find_number(["统一社会信用代码", f"代码{CODE}", "注册号 123"], correct_uscc)
    assert (found.value, found.source) == (CODE, 1)


def test_two_different_valid_numbers_propose_none():
    other = make_uscc("91110108MA01ABCD2")
    assert find_number([CODE, other], correct_uscc) is None
    assert find_number([CODE, CODE], correct_uscc).value == CODE


digits17 = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(sequence=digits17, index=st.integers(min_value=0, max_value=16))
def test_a_digit_misread_as_its_look_alike_letter_always_comes_back(sequence, index):
    birth = (
        "19" + sequence[:2].zfill(2) + "0" + str(int(sequence[2]) % 9 + 1) + "1" + str(int(sequence[3]) % 9)
    )
    number = make_ric("110105" + birth + sequence[4:7])
    look_alike = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B"}.get(number[index])
    misread = number[:index] + look_alike + number[index + 1 :] if look_alike else number
    assert correct_ric(misread).value == number


@given(
    body=st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9), wrong=st.integers(1, 30)
)
def test_a_corrected_code_always_holds_its_checksum(body, wrong):
    code = make_uscc("91110105" + body)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    misread = code[:-1] + alphabet[(alphabet.index(code[-1]) + wrong) % 31]
    found = correct_uscc(misread)
    assert found is None or uscc.is_valid(found.value)

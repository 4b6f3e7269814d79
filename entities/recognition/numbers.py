"""Certificate numbers read by OCR, corrected with their checksums, or not proposed at all.

An OCR engine confuses a few shapes: O/0, I/1, Z/2, S/5, B/8. Where a position allows only one side of a pair
(a resident ID is all digits but its check character; a USCC's first eight are digits; I, O, S, V and Z are
not in the USCC alphabet), the reading is forced to the allowed side. Where a position allows both (B and 8 in
a USCC's last ten, nowhere in a resident ID), the checksum decides, for one such character at most: when the
reading fails its checksum and exactly one single swap makes it hold, that swap is taken; two swaps that both
hold, or none, and nothing is proposed. A number whose checksum still fails is never proposed: a wrong
number offered to an applicant is worse than an empty field.

The checks are python-stdnum's (``stdnum.cn.uscc``, ``stdnum.cn.ric``), with the portal's own limits on top
(``entities.rules.identity.numbers``: the province list, a resident ID's birth date not in the future).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace

from stdnum.cn import ric, uscc

from entities.rules.identity.numbers import (
    HMT_RESIDENCE_PERMIT_PREFIXES,
    MAINLAND_PROVINCE_CODES,
    USCC_PROVINCE_CODES,
)

# Each ambiguous shape and its counterpart, both ways.
CONFUSABLE: dict[str, str] = {"O": "0", "0": "O", "I": "1", "1": "I", "Z": "2", "2": "Z"}
CONFUSABLE |= {"S": "5", "5": "S", "B": "8", "8": "B"}
# Shapes that OCR returns for these characters and that NFKC does not fold.
LOOKALIKES = str.maketrans({"×": "X", "Ｘ": "X", "х": "X", "Х": "X", "о": "O", "О": "O", "l": "1", "|": "1"})

DIGITS = frozenset("0123456789")
USCC_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")  # GB 32100-2015: no I, O, S, V, Z
RIC_CHECK = DIGITS | {"X"}

# Each correction lowers the proposal's confidence: a forced one a little, a checksum-chosen one more.
FORCED_FACTOR = 0.95
SWAPPED_FACTOR = 0.8
MAX_FORCED = 3  # more forced corrections than this and the reading is too poor to trust

_RUN = re.compile(r"[0-9A-Z]{15,22}")


@dataclass(frozen=True)
class CorrectedNumber:
    value: str
    forced: int  # corrections where only one side of a pair was allowed
    swapped: int  # corrections the checksum chose (0 or 1)
    source: int = -1  # the index of the text it was read from, for ``find_number``

    @property
    def factor(self) -> float:
        return FORCED_FACTOR**self.forced * SWAPPED_FACTOR**self.swapped


def compact(text: str) -> str:
    """Upper-case, NFKC-folded, look-alikes mapped, spaces and dashes gone: the form a number is read in."""
    folded = unicodedata.normalize("NFKC", text).translate(LOOKALIKES).upper()
    return re.sub(r"[\s\-_.·•]", "", folded)


def candidates(text: str, length: int = 18) -> list[str]:
    """The runs of ``length`` letters and digits in a line (a longer run is kept whole: it is no number)."""
    return [run for run in _RUN.findall(compact(text)) if len(run) == length]


def _correct(raw: str, allowed: list[frozenset[str]], valid) -> CorrectedNumber | None:
    """The one valid reading of ``raw`` under the rules in the module's docstring, or ``None``."""
    if len(raw) != len(allowed):
        return None
    forced = 0
    chars = list(raw)
    for index, char in enumerate(chars):
        if char in allowed[index]:
            continue
        other = CONFUSABLE.get(char)
        if other is None or other not in allowed[index]:
            return None  # a character no position of this kind can hold
        chars[index] = other
        forced += 1
    if forced > MAX_FORCED:
        return None
    reading = "".join(chars)
    if valid(reading):
        return CorrectedNumber(reading, forced, 0)
    swaps = []
    for index, char in enumerate(chars):
        other = CONFUSABLE.get(char)
        if other is not None and other in allowed[index]:
            swapped = reading[:index] + other + reading[index + 1 :]
            if valid(swapped):
                swaps.append(swapped)
    if len(swaps) == 1:
        return CorrectedNumber(swaps[0], forced, 1)
    return None  # no swap holds, or two do and the checksum cannot choose


def _valid_uscc(number: str) -> bool:
    return uscc.is_valid(number) and number[2:4] in USCC_PROVINCE_CODES | {"10"}


def ric_birth_date(number: str) -> datetime.date | None:
    try:
        return ric.get_birth_date(number)
    except Exception:  # stdnum raises its InvalidComponent for 31 February and the like
        return None


def _valid_ric(number: str, today: datetime.date | None = None) -> bool:
    if number[:2] not in MAINLAND_PROVINCE_CODES and not number.startswith(HMT_RESIDENCE_PERMIT_PREFIXES):
        return False
    if not number[:17].isdigit() or number[17] != ric.calc_check_digit(number):
        return False
    birth = ric_birth_date(number)
    today = today or datetime.date.today()
    return birth is not None and datetime.date(1900, 1, 1) <= birth <= today


_USCC_ALLOWED = [DIGITS] * 8 + [USCC_ALPHABET] * 10
_RIC_ALLOWED = [DIGITS] * 17 + [RIC_CHECK]


def correct_uscc(raw: str) -> CorrectedNumber | None:
    """A unified social credit code (GB 32100-2015) from its OCR reading, corrected, or ``None``."""
    return _correct(compact(raw), _USCC_ALLOWED, _valid_uscc)


def correct_ric(raw: str) -> CorrectedNumber | None:
    """A resident ID number (GB 11643) from its OCR reading, corrected, or ``None``."""
    return _correct(compact(raw), _RIC_ALLOWED, _valid_ric)


def find_number(texts: list[str], correct) -> CorrectedNumber | None:
    """The one number ``correct`` accepts among the 18-character runs of ``texts`` (lines in reading order);
    ``None`` when none does, or when two different ones do (which one the certificate means is unknown)."""
    found = {
        result.value: replace(result, source=index)
        for index, text in enumerate(texts)
        for run in candidates(text)
        if (result := correct(run)) is not None
    }
    if len(found) != 1:
        return None
    return next(iter(found.values()))


def ric_sex(number: str) -> str:
    """ "male" or "female" from the 17th digit (odd for men)."""
    return "male" if int(number[16]) % 2 else "female"

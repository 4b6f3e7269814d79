"""Where a certificate's values are: the line after a label, on the same row or below it.

Certificates print a label (``名称``, ``住所``, ``公民身份号码``) and its value to its right, in the same text
box or the next one; a long value (an address) wraps onto lines below, aligned with its first line. The
engine's boxes are axis-aligned and the photo may be tilted a few degrees, so "the same row" is judged near
the label (a value starts close to its label, where a tilt moves it only a few pixels), never across the page.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gateways.ocr import OcrReading

MIN_CONFIDENCE = 0.6  # a line the engine is less sure of proposes nothing


@dataclass(frozen=True)
class Line:
    text: str  # NFKC-folded, without whitespace: labels spaced out for print ("名    称") read as one word
    left: float
    top: float
    right: float
    bottom: float
    confidence: float

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Found:
    """A label's value: its text and the lines it came from."""

    text: str
    lines: tuple[Line, ...]

    @property
    def confidence(self) -> float:
        return min(line.confidence for line in self.lines)


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def lines_of(reading: OcrReading, labels: Iterable[str] = ()) -> list[Line]:
    """The reading's lines folded, with a label the engine split into pieces ("名", "称") joined again."""
    lines = [
        Line(fold(line.text), *line.box, confidence=line.confidence)
        for line in reading.lines
        if fold(line.text)
    ]
    lines = [piece for line in lines for piece in _split_at_label(line, tuple(labels))]
    return _join_split_labels(lines, tuple(labels))


def _split_at_label(line: Line, labels: tuple[str, ...]) -> list[Line]:
    """A value the engine merged with the next column's label ("有限责任公司成立日期") as two lines, the box
    shared in proportion to the characters. Only a label at the end, or a long one, is taken for one: a short
    label word inside a text is more likely part of it."""
    text = line.text
    for label in sorted(labels, key=len, reverse=True):
        position = text.find(label, 2)
        if position < 2 or not (position + len(label) == len(text) or len(label) >= 4):
            continue
        cut = line.left + (line.right - line.left) * position / len(text)
        head = Line(text[:position], line.left, line.top, cut, line.bottom, line.confidence)
        tail = Line(text[position:], cut, line.top, line.right, line.bottom, line.confidence)
        return [head, *_split_at_label(tail, labels)]
    return [line]


def _join_split_labels(lines: list[Line], labels: tuple[str, ...]) -> list[Line]:
    if not labels:
        return lines
    joined: list[Line] = []
    used: set[int] = set()
    for index, line in enumerate(lines):
        if index in used:
            continue
        current = line
        while _is_label_prefix(current.text, labels):
            neighbour = _right_neighbour(current, lines, exclude=used | {index}, gap=4.0)
            if neighbour is None:
                break
            position, piece = neighbour
            combined = current.text + piece.text
            if not any(label.startswith(combined) or combined.startswith(label) for label in labels):
                break
            used.add(position)
            current = Line(
                combined,
                current.left,
                min(current.top, piece.top),
                piece.right,
                max(current.bottom, piece.bottom),
                min(current.confidence, piece.confidence),
            )
        joined.append(current)
    return joined


def _is_label_prefix(text: str, labels: tuple[str, ...]) -> bool:
    return any(label.startswith(text) and label != text for label in labels)


def _right_neighbour(
    line: Line, lines: Sequence[Line], *, exclude: set[int], gap: float
) -> tuple[int, Line] | None:
    """The line right of ``line`` on its row, starting within ``gap`` line heights: of several (a wrapped
    value's second line may reach the label's row when the photo is tilted), the one best in line with it."""
    best: tuple[float, int, Line] | None = None
    for position, other in enumerate(lines):
        if position in exclude or other is line:
            continue
        if other.left < line.right - line.height or other.left - line.right > gap * line.height:
            continue
        if not line.top - line.height * 0.4 <= other.middle <= line.bottom + line.height * 0.4:
            continue
        score = abs(other.middle - line.middle) / line.height + max(0.0, other.left - line.right) / (
            line.height * gap
        )
        if best is None or score < best[0]:
            best = (score, position, other)
    return (best[1], best[2]) if best else None


def label_of(text: str, labels: Sequence[str]) -> str | None:
    return next((label for label in labels if text.startswith(label)), None)


def find_value(
    lines: Sequence[Line],
    labels: Sequence[str],
    *,
    all_labels: Sequence[str],
    wraps: bool = False,
) -> Found | None:
    """The value printed after the first of ``labels`` found: the rest of the label's box, else the next box
    to its right on the row; with ``wraps``, the lines below aligned with the value's start are added (until
    a label, a gap or a line out of line)."""
    for line in lines:
        label = label_of(line.text, labels)
        if label is None:
            continue
        rest = line.text[len(label) :].lstrip(":：")
        first: Line | None
        if rest:
            first = line
            parts = [rest]
            start = line.left + (line.right - line.left) * len(label) / max(1, len(line.text))
        else:
            neighbour = _right_neighbour(line, lines, exclude=set(), gap=12.0)
            if neighbour is None or label_of(neighbour[1].text, all_labels):
                continue
            first = neighbour[1]
            parts = [first.text.lstrip(":：")]
            start = first.left
        used = [first]
        if wraps:
            below = _continuation(first, start, lines, all_labels)
            used.extend(below)
            parts.extend(extra.text for extra in below)
        text = "".join(parts)
        if text:
            return Found(text, tuple(used))
    return None


def _continuation(first: Line, start: float, lines: Sequence[Line], all_labels: Sequence[str]) -> list[Line]:
    """Lines wrapped below ``first``: each starts near ``start``, one line pitch under the previous one (boxes
    of tilted text are taller than the text, so pitches are compared between middles)."""
    found: list[Line] = []
    previous = first
    while True:
        candidates = []
        for other in lines:
            if other is previous or other in found:
                continue
            height = min(previous.height, other.height)
            if (
                abs(other.left - start) <= height * 1.5
                and height * 0.5 <= other.middle - previous.middle <= height * 2
            ):
                candidates.append(other)
        if not candidates:
            return found
        below = min(candidates, key=lambda other: other.top)
        if label_of(below.text, all_labels) or _labelled_row(below, lines, all_labels):
            return found
        found.append(below)
        previous = below


def _labelled_row(line: Line, lines: Sequence[Line], all_labels: Sequence[str]) -> bool:
    """Whether ``line`` is the value of a label of its own (the label's right neighbour): then it is no wrap of
    the value above. Asking the label, not comparing heights, copes with a tilted photo."""
    for position, other in enumerate(lines):
        if other is line or other.right > line.left + line.height or not label_of(other.text, all_labels):
            continue
        neighbour = _right_neighbour(other, lines, exclude={position}, gap=12.0)
        if neighbour is not None and neighbour[1] is line:
            return True
    return False


_DATE = re.compile(r"(\d{4})[年.\-/](\d{1,2})[月.\-/](\d{1,2})日?")
_DIGIT_SHAPES = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "Z": "2", "S": "5"}
)


def digits_folded(text: str) -> str:
    """A date's text with the letters OCR takes for digits made digits again (dates hold no letters)."""
    return fold(text).translate(_DIGIT_SHAPES)


def parse_dates(text: str) -> list[datetime.date]:
    """Every well-formed date in ``text`` (``2019年03月12日``, ``2019.03.12``, ``2019-03-12``), in order."""
    dates = []
    for year, month, day in _DATE.findall(digits_folded(text)):
        try:
            dates.append(datetime.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return dates


def is_long_term(text: str) -> bool:
    return "长期" in text or "永久" in text


def han_only(text: str, *, keep: str = "·") -> str:
    """Only the CJK ideographs (and ``keep``) of ``text``: a person's name as printed."""
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch in keep).strip(keep)


def strip_trailing_punctuation(text: str) -> str:
    return text.strip(" :：;；,，.。、")


def row_after(lines: Sequence[Line], labels: Sequence[str]) -> Found | None:
    """The first of ``labels`` found and everything right of it on its row, as one text (a value the engine
    cut into boxes: ``1990`` ``年`` ``3`` ``月``…, or a number in two pieces)."""
    for line in lines:
        label = label_of(line.text, labels)
        if label is None:
            continue
        row = [line]
        while (neighbour := _right_neighbour(row[-1], lines, exclude=set(), gap=6.0)) is not None:
            if neighbour[1] in row:
                break
            row.append(neighbour[1])
        text = line.text[len(label) :].lstrip(":：") + "".join(other.text for other in row[1:])
        if text:
            return Found(text, tuple(row))
    return None

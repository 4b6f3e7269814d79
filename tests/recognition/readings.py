"""Synthetic OCR readings for the parser tests: lines placed as an engine would box them."""

from __future__ import annotations

from gateways.ocr import OcrLine, OcrReading

CHAR = 36  # pixels per character and line height


def line(text: str, x: float, y: float, *, confidence: float = 0.98, tilt: float = 0.0) -> OcrLine:
    """A line at (x, y) one character high; ``tilt`` (pixels of drop per 100 px of x) moves it down as a
    rotated photo would, and makes its axis-aligned box taller by its drop across."""
    width = CHAR * len(text)
    drop = tilt * x / 100
    return OcrLine(text, (x, y + drop, x + width, y + drop + CHAR + abs(tilt) * width / 100), confidence)


def reading(*lines: OcrLine) -> OcrReading:
    ordered = tuple(sorted(lines, key=lambda item: (item.box[1], item.box[0])))
    return OcrReading(ordered, 1600, 1100)

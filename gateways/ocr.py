"""The OCR gateway: the text lines a photo of a certificate holds, with where each line is.

A local engine on the CPU (``settings.OCR_ENGINE``, ``gateways.rapidocr_engine.RapidOcrEngine`` by default),
loaded once per process that asks for it: only the ``ocr`` queue's worker does, never the web process. What
the lines mean (a business licence, an ID card) is read by the parsers in ``entities/recognition/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from common.errors import ServiceUnavailable
from gateways import load_gateway


@dataclass(frozen=True)
class OcrLine:
    """One line of text as the engine read it: its box in image pixels (left, top, right, bottom) and the
    engine's confidence in [0, 1]."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float


@dataclass(frozen=True)
class OcrReading:
    """Every line of one image, top to bottom, and the size of the image the boxes refer to."""

    lines: tuple[OcrLine, ...]
    width: int
    height: int


class OcrUnavailable(ServiceUnavailable):
    """A transient failure of the engine (it could not be loaded or ran out of memory): the job retries."""


class OcrEngine(Protocol):
    def read(self, image: bytes) -> OcrReading:
        """The lines of an encoded image (JPEG, PNG, WebP); an image with no text gives no lines."""
        ...


def ocr_engine() -> OcrEngine:
    return load_gateway("OCR_ENGINE")

"""Helpers of the pipeline tests: the corpus of ``tests/data``, test pictures, and the sanitised-output check."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from materials.pipeline import MaterialRejected, ProcessedImage, process_document, process_image

DATA = Path(__file__).resolve().parent.parent / "data"
# What Pillow's own JPEG/PNG encoders write without being asked: the JFIF header, nothing personal.
HARMLESS_INFO_KEYS = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"}


def corpus(name: str) -> bytes:
    return (DATA / name).read_bytes()


def encoded(image: Image.Image, image_format: str = "JPEG", **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **params)
    return buffer.getvalue()


def colour_card(width: int, height: int) -> Image.Image:
    """A cheap colour picture with edges (a solid colour would read as blurry), small even at 25 MP."""
    image = Image.new("RGB", (width, height), (40, 110, 190))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 16 if width < 2000 else 64):
        draw.line((x, 0, x, height), fill=(230, 200, 40), width=3)
    return image


def refused(data: bytes, *, document: bool = False) -> MaterialRejected:
    with pytest.raises(MaterialRejected) as caught:
        (process_document if document else process_image)(data)
    return caught.value


def assert_sanitised(result: ProcessedImage) -> Image.Image:
    """Reopen the stored bytes: no metadata of any kind, and the recorded size is the real one."""
    stored = Image.open(io.BytesIO(result.content))
    stored.load()
    assert set(stored.info) <= HARMLESS_INFO_KEYS, stored.info.keys()
    assert not stored.getexif()
    assert b"Exif" not in result.content
    assert b"PK\x03\x04" not in result.content
    assert stored.size == (result.width, result.height)
    assert stored.mode == "RGB"
    assert result.sha256 == hashlib.sha256(result.content).hexdigest()
    thumbnail = Image.open(io.BytesIO(result.thumbnail))
    assert thumbnail.format == "JPEG"
    assert max(thumbnail.size) == 320 or thumbnail.size == stored.size
    assert thumbnail.width <= 320 and thumbnail.height <= 320
    return stored

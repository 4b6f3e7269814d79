"""Small valid files for uploads: colour photos generated with Pillow (each seed a different picture, so
near-duplicate detection leaves them alone) and a selfie for the face-verification simulator."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw


@cache
def photo(seed: int = 0, size: tuple[int, int] = (600, 400), image_format: str = "JPEG") -> bytes:
    """A colour picture above the 500×300 minimum: a gradient and a few shapes placed by ``seed``."""
    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    image = Image.merge(
        "RGB", (gradient, gradient.rotate(90 * (seed % 4)), Image.new("L", size, 40 + seed % 200))
    )
    draw = ImageDraw.Draw(image)
    for index in range(6):
        x = (seed * 97 + index * 131) % (width - 120)
        y = (seed * 53 + index * 71) % (height - 80)
        colour = ((seed * 40 + index * 90) % 256, (index * 60) % 256, (seed * 25) % 256)
        draw.rectangle(
            (x, y, x + 60 + index * 10, y + 30 + index * 8), fill=colour, outline=(0, 0, 0), width=3
        )
    draw.text((20, height - 40), f"SAMPLE {seed}", fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **({"quality": 85} if image_format == "JPEG" else {}))
    return buffer.getvalue()


def gray_photo(size: tuple[int, int] = (600, 400)) -> bytes:
    """A grayscale scan: refused as "not the original"."""
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize(size).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def selfie() -> bytes:
    return photo(seed=999)

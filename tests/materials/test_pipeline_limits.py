"""The materials pipeline's limits: file size, pixel bounds, stored sizes, thumbnails, blur and near-duplicates."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageFilter
from PIL.JpegImagePlugin import JpegImageFile

from materials.pipeline import (
    images,
    near_duplicate,
    process_document,
    process_image,
)
from tests.materials.pipeline_helpers import (
    colour_card,
    corpus,
    encoded,
    refused,
)

# ---- limits -------------------------------------------------------------------------------------------------


def test_file_over_5_mib_is_refused_with_413_before_parsing():
    data = b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024 - 2)

    for document in (False, True):
        error = refused(data, document=document)
        assert (error.code, error.status) == ("file_too_large", 413)
        assert "5,242,881" in error.message and "5,242,880" in error.message


def test_file_of_exactly_5_mib_passes_the_size_check():
    data = b"%PDF-1.7\n" + b" " * (5 * 1024 * 1024 - 15) + b"%%EOF\n"
    assert len(data) == 5 * 1024 * 1024

    assert process_document(data).content == data


@pytest.mark.parametrize(
    ("width", "height", "code"),
    [
        (500, 300, None),
        (300, 500, None),  # the rule compares longer and shorter sides: portrait passes like landscape
        (499, 300, "too_small"),
        (500, 299, "too_small"),
        (299, 500, "too_small"),
        (300, 499, "too_small"),
        (5000, 300, None),
        (5001, 300, "too_large_pixels"),
        (300, 5001, "too_large_pixels"),
        (5001, 4999, "too_large_pixels"),  # 24,999,999 px: within the pixel budget, a side too long
        (5001, 5000, "decompression_bomb"),  # 25,005,000 px: over the budget, refused before anything else
    ],
)
def test_pixel_bounds_at_their_edges(width, height, code):
    data = encoded(colour_card(width, height), quality=80)

    if code is None:
        result = process_image(data)
        assert (result.original_width, result.original_height) == (width, height)
    else:
        error = refused(data)
        assert error.code == code and f"{width}×{height}" in error.message


def test_largest_allowed_image_is_accepted_and_stored_downscaled():
    result = process_image(encoded(colour_card(5000, 5000), quality=70))

    assert (result.original_width, result.original_height) == (5000, 5000)
    assert (result.width, result.height) == (2000, 2000)  # half-scale DCT decode (2500), one resize to 2000


def test_12_megapixel_jpeg_is_decoded_at_half_scale(monkeypatch):
    requested = []
    real_draft = JpegImageFile.draft

    def spy(self, mode, size):
        requested.append(size)
        return real_draft(self, mode, size)

    monkeypatch.setattr(JpegImageFile, "draft", spy)

    result = process_image(encoded(colour_card(4000, 3000), quality=85))

    assert requested == [(2000, 1500)]
    assert (result.width, result.height) == (2000, 1500)
    assert (result.original_width, result.original_height) == (4000, 3000)


def test_8_megapixel_jpeg_is_decoded_in_full_and_resampled_to_the_stored_maximum():
    result = process_image(encoded(colour_card(3264, 2448), quality=85))

    assert (result.width, result.height) == (2000, 1500)  # half scale (1632) would lose the licence's print


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (4000, 3000),
        (3000, 4000),
        (5000, 3750),
        (3264, 2448),
        (2592, 1944),
        (2100, 1400),
        (1600, 1200),
        (800, 600),
    ],
)
def test_the_stored_longer_side_keeps_a_licence_legible(width, height):
    """Issue 15: the stored review image's longer side is at least 2000 px, or the original's when smaller
    (never enlarged), and at most the stored maximum with its slack."""
    result = process_image(encoded(colour_card(width, height), quality=85))

    longer = max(result.width, result.height)
    assert longer >= min(images.REVIEW_MIN_SIDE, max(width, height)) == min(2000, max(width, height))
    assert longer <= max(width, height) and longer <= images.STORED_MAX_SIDE * images.STORED_SLACK


def test_large_png_is_resampled_to_the_stored_maximum():
    result = process_image(encoded(colour_card(3000, 2250), "PNG", compress_level=1))

    assert (result.width, result.height) == (2000, 1500)
    assert result.content_type == "image/png"


@pytest.mark.parametrize(
    ("width", "height", "image_format", "stored"),
    [
        (5000, 300, "JPEG", (5000, 300)),  # was stored at 2000×120
        (300, 5000, "JPEG", (300, 5000)),
        (5000, 300, "PNG", (5000, 300)),
        (5000, 400, "PNG", (3750, 300)),  # shrunk only until the short side reaches the minimum
        (5000, 600, "JPEG", (2500, 300)),  # half-scale DCT decode keeps 300, and nothing shrinks it further
        (4000, 1000, "PNG", (2000, 500)),  # not a strip: down to the stored maximum as before
    ],
)
def test_a_strip_is_stored_keeping_the_minimum_short_side(width, height, image_format, stored):
    result = process_image(encoded(colour_card(width, height), image_format))

    assert (result.width, result.height) == stored
    assert min(result.width, result.height) >= images.MIN_SHORT_SIDE
    assert result.width * result.height <= images.STORED_MAX_SIDE**2  # within a square image's budget
    assert Image.open(io.BytesIO(result.content)).size == stored


def test_resolution_close_to_the_minimum_is_an_advisory_finding():
    findings = process_image(encoded(colour_card(520, 320), quality=90)).findings

    assert "close_to_minimum_resolution" in [finding["code"] for finding in findings]
    assert all(finding["severity"] == "advisory" for finding in findings)


def test_thumbnail_fits_320_pixels_keeping_the_aspect_ratio():
    landscape = Image.open(io.BytesIO(process_image(corpus("good_photo.jpg")).thumbnail))
    portrait = Image.open(io.BytesIO(process_image(corpus("exif_gps_orientation.jpg")).thumbnail))

    assert landscape.size == (320, 213)
    assert portrait.size == (213, 320)


def test_blur_is_found_on_an_out_of_focus_copy_only():
    sharp = Image.open(io.BytesIO(corpus("good_photo.jpg")))
    blurred = encoded(sharp.filter(ImageFilter.GaussianBlur(8)), quality=85)

    assert "blurry" in [finding["code"] for finding in process_image(blurred).findings]
    assert process_image(corpus("good_photo.jpg")).findings == []


def test_near_duplicates_are_found_after_recompression_and_resizing():
    original = process_image(corpus("good_photo.jpg"))
    smaller = Image.open(io.BytesIO(corpus("good_photo.jpg"))).resize((900, 600))
    recompressed = process_image(encoded(smaller, quality=40))

    assert len(original.perceptual_hash) == 16
    assert near_duplicate(original.perceptual_hash, recompressed.perceptual_hash)
    assert near_duplicate(original.perceptual_hash, process_image(corpus("blurry_photo.jpg")).perceptual_hash)


def test_different_documents_are_not_near_duplicates():
    original = process_image(corpus("good_photo.jpg")).perceptual_hash

    assert not near_duplicate(original, process_image(corpus("exif_gps_orientation.jpg")).perceptual_hash)
    assert not near_duplicate(original, process_image(corpus("rgb48.png")).perceptual_hash)
    assert not near_duplicate(original, original + "00")  # different hash lengths never match

"""The materials pipeline against the upload corpus of ``tests/data`` (see ``make_corpus.py``), one test per
file: every bad file is either refused with its specific code, or stored sanitised (reopened with Pillow, the
output carries no metadata, shows the orientation applied and holds none of the original's extra bytes).
No database: the pipeline is pure functions over bytes.
"""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageFile, ImageStat

from materials.pipeline import (
    ProcessedDocument,
    images,
    process_document,
    process_image,
)
from tests.materials.pipeline_helpers import (
    DATA,
    assert_sanitised,
    corpus,
    refused,
)

# ---- the corpus, one test per file --------------------------------------------------------------------------


def test_good_colour_photo_is_stored_re_encoded_with_no_findings():
    result = process_image(corpus("good_photo.jpg"))

    stored = assert_sanitised(result)
    assert result.content_type == "image/jpeg" and stored.format == "JPEG"
    assert (result.width, result.height) == (1200, 800) == (result.original_width, result.original_height)
    assert result.findings == []
    assert result.content != corpus("good_photo.jpg")


def test_photo_with_gps_and_orientation_is_turned_upright_and_stripped():
    original = corpus("exif_gps_orientation.jpg")
    assert b"CorpusCam" in original and b"Zhang San" in original  # the corpus file does carry it all

    result = process_image(original)

    stored = assert_sanitised(result)
    assert (result.width, result.height) == (600, 900)  # stored 900×600 sideways, Orientation 6
    assert stored.getexif().get_ifd(0x8825) == {}
    for leaked in (b"CorpusCam", b"Leaky", b"Zhang San", b"xmpmeta", b"ICC_PROFILE"):
        assert leaked not in result.content
    # The red marker, top-left of the raw pixels, is top-right once rotated 90° clockwise.
    red, green, _blue = stored.getpixel((590, 10))
    assert red > 200 and green < 60
    assert stored.getpixel((10, 10))[1] > 150  # the card's pale tint


def test_truncated_jpeg_is_refused_as_corrupt():
    error = refused(corpus("truncated.jpg"))

    assert (error.code, error.status) == ("corrupt", 400)
    assert "truncated" in error.message and "损坏" in error.message


def test_png_claiming_900_megapixels_is_refused_as_a_bomb():
    error = refused(corpus("bomb_header.png"))

    assert error.code == "decompression_bomb"
    assert "30000×30000" in error.message and "25 MP" in error.message


def test_valid_30_megapixel_png_is_refused_before_any_pixel_is_decoded(monkeypatch):
    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("decoded a decompression bomb")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)

    error = refused(corpus("bomb_30mp.png"))

    assert error.code == "decompression_bomb" and "6000×5000" in error.message


def test_html_named_jpg_is_refused_by_content():
    error = refused(corpus("html_as.jpg"))

    assert (error.code, error.status) == ("unsupported_type", 415)
    assert "HTML" in error.message


def test_svg_named_jpg_is_refused_by_content():
    error = refused(corpus("svg_as.jpg"))

    assert (error.code, error.status) == ("unsupported_type", 415)
    assert "SVG" in error.message


def test_jpeg_zip_polyglot_is_stored_without_the_archive():
    original = corpus("polyglot_jpeg_zip.jpg")
    assert b"PK\x03\x04" in original

    result = process_image(original)

    assert_sanitised(result)
    assert b"PK" not in result.content.split(b"\xff\xd9")[-1]  # nothing after the end-of-image marker
    assert b"payload.html" not in result.content and b"PK\x03\x04" not in result.thumbnail
    assert [(f["code"], f["severity"]) for f in result.findings] == [("embedded_archive", "advisory")]


def test_cmyk_jpeg_is_converted_to_rgb_keeping_its_colours():
    original = corpus("cmyk.jpg")
    expected = Image.open(io.BytesIO(original)).convert("RGB")

    result = process_image(original)

    stored = assert_sanitised(result)
    for got, want in zip(ImageStat.Stat(stored).mean, ImageStat.Stat(expected).mean, strict=True):
        assert abs(got - want) < 3


def test_16_bit_grayscale_png_is_refused_as_grayscale():
    error = refused(corpus("gray16.png"))

    assert error.code == "grayscale" and "grayscale" in error.message


def test_16_bit_samples_are_scaled_not_clipped():
    image = Image.new("I;16", (4, 4), 32768)  # mid-gray in 16 bits; a plain convert("L") makes it white

    assert images._normalise_mode(image).getpixel((0, 0)) in (127, 128)


def test_48_bit_colour_png_is_read_as_8_bit_and_stored_as_png():
    # Pillow reads 16-bit-per-channel RGB (keeping the high byte) but cannot write it; the corpus builds it.
    result = process_image(corpus("rgb48.png"))

    stored = assert_sanitised(result)
    assert result.content_type == "image/png" and stored.format == "PNG"
    assert (result.width, result.height) == (640, 480)
    red, green, blue = stored.getpixel((320, 0))
    assert abs(red - 127) <= 1 and green == 0 and abs(blue - 40000 // 256) <= 1
    assert "blurry" in [finding["code"] for finding in result.findings]  # smooth gradients have no edges


def test_animated_gif_is_refused_as_an_unsupported_type():
    error = refused(corpus("animated.gif"))

    assert (error.code, error.status) == ("unsupported_type", 415)
    assert "GIF" in error.message


def test_animated_png_is_refused():
    error = refused(corpus("animated.png"))

    assert error.code == "animated" and "2" in error.message and "APNG" in error.message


def test_grayscale_scan_is_refused_as_not_the_original():
    error = refused(corpus("gray_scan_l.jpg"))

    assert error.code == "grayscale" and "not the original" in error.message and "原件" in error.message


def test_grayscale_scan_saved_as_rgb_is_refused_too():
    assert Image.open(io.BytesIO(corpus("gray_scan_rgb.jpg"))).mode == "RGB"

    assert refused(corpus("gray_scan_rgb.jpg")).code == "grayscale"


def test_too_small_image_is_refused_with_its_size():
    error = refused(corpus("too_small.jpg"))

    assert error.code == "too_small"
    assert "400×250" in error.message and "500×300" in error.message


def test_blurry_photo_is_stored_with_an_advisory_finding():
    result = process_image(corpus("blurry_photo.jpg"))

    assert_sanitised(result)
    assert [(f["code"], f["severity"]) for f in result.findings] == [("blurry", "advisory")]
    assert "blurry" in result.findings[0]["message"] and "模糊" in result.findings[0]["message"]


def test_plain_pdf_is_kept_as_uploaded():
    data = corpus("document.pdf")

    result = process_document(data)

    assert isinstance(result, ProcessedDocument)
    assert (result.content, result.content_type, result.thumbnail) == (data, "application/pdf", None)
    assert result.sha256 == hashlib.sha256(data).hexdigest()


def test_pdf_with_javascript_is_refused():
    error = refused(corpus("javascript.pdf"), document=True)

    assert (error.code, error.status) == ("pdf_active_content", 400)
    assert "/JavaScript" in error.message


def test_pdf_with_javascript_hidden_in_a_compressed_object_stream_is_refused():
    data = corpus("hidden_javascript.pdf")
    assert b"JavaScript" not in data  # invisible to a plain byte search

    error = refused(data, document=True)

    assert error.code == "pdf_active_content" and "/JavaScript" in error.message


def test_corpus_files_stay_small():
    for path in DATA.iterdir():
        assert path.stat().st_size < 300 * 1024, path.name

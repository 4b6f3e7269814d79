"""The materials step's file pipeline: what an applicant uploads is checked, decoded safely and re-encoded.

Pure functions over bytes (no models, no storage) so the web, API and admin share one set of rules and the
bad-file corpus in ``tests/data`` can test them without a database. Rules are those of ``rules.md``,
section Materials; the numbers are module constants so a reviewer reads them in one place:

- size: at most ``MAX_FILE_BYTES`` (5 MiB) on the wire, checked before anything is parsed;
- type: JPEG or PNG by content (Pillow restricted to those two decoders), never by name or header;
- pixels: the longer side 500 to 5000, the shorter side 300 to 5000. The rule compares the longer and the
  shorter side, so a portrait 300×500 ID photo passes like a landscape 500×300 one; being symmetric it gives
  the same answer before and after EXIF orientation, which lets it run on the header, before decoding.
  Messages quote the dimensions after orientation;
- more than ``MAX_PIXELS`` (5000×5000) claimed by the header is refused as a decompression bomb before
  anything is decoded;
- stored: a JPEG is decoded at the coarsest DCT scale (1/2, 1/4, 1/8) that keeps its longest side at least
  ``REVIEW_MIN_SIDE`` (2000 px), in Pillow's draft mode (fast IDCT), and stored at that size without
  resampling, so a 12-megapixel 4000×3000 photo decodes at half scale and is stored at 2000×1500. Anything
  still longer than ``STORED_MAX_SIDE`` (2000 px, with 10% slack so a few pixels never cost a resample) is
  resampled down to it once: large PNGs, a 5000 px JPEG (decoded at 2500), an 8-megapixel 3264×2448 one
  (half scale would be 1632: decoded in full, then resampled). 2000 px keeps the small print of a business
  licence legible (issue 15; 1000 px kept an ID card's number but not a licence's fine print). The checks run
  on a second thread while the stored copy is encoded (``encoding.py``): with a core free, the applicant waits
  a little less than a plain full-size decode of the photo takes (bar P5 about 0.95×, ``bench/README.md``);
- a strip keeps its minimum side: no stored image (nor the DCT decode) goes below ``MIN_SHORT_SIDE``, the
  minimum the upload was checked against, so a 5000×300 strip is stored at 5000×300, not 2000×120.
  Decision: keep the short side rather than refuse the aspect ratio. The long side then stays above
  ``STORED_MAX_SIDE``, but nothing is ever enlarged, so it is at most what was uploaded (``MAX_SIDE``) and
  the pixel count at most ``MAX_SIDE`` × ``MIN_SHORT_SIDE`` = 1.5 MP, well within the 4 MP
  (``STORED_MAX_SIDE``²) a stored square image may have: no strip costs more to store or show than a photo,
  and no aspect ratio the side limits admit needs refusing;
- colour: a grayscale image (or an RGB one whose channels agree) is a copy, "not the original"
  (``quality.py``, with the reviewer's advisory findings).
"""

from __future__ import annotations

import contextlib
import io
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from common.errors import ApplicationError
from materials.pipeline.encoding import THUMBNAIL_QUALITY, beside, encode, encode_stored
from materials.pipeline.quality import (
    ANALYSIS_MAX_SIDE,
    difference_hash,
    image_findings,
    is_grayscale,
    reduced,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
MIN_LONG_SIDE, MIN_SHORT_SIDE = 500, 300
MAX_SIDE = 5000
MAX_PIXELS = MAX_SIDE * MAX_SIDE
REVIEW_MIN_SIDE = 2000
STORED_MAX_SIDE = 2000
STORED_SLACK = 1.1
THUMBNAIL_BOX = (320, 320)
_STATUS = {"file_too_large": 413, "unsupported_type": 415, "not_pdf": 415}
_SIXTEEN_BIT_MODES = {"I", "I;16", "I;16B", "I;16L", "I;16N"}
_QUARTER_TURN_ORIENTATIONS = {5, 6, 7, 8}
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, KeyError, TypeError)


class MaterialRejected(ApplicationError):
    """An upload refused with a snake_case ``code``, a bilingual ``message`` and the HTTP ``status``.

    It is an ``ApplicationError`` so the project's one exception handler maps it like any other refusal:
    413 for a file over the size limit, 415 for a type we do not accept, 400 for everything else.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)
        self.status = _STATUS.get(code, 400)


@dataclass
class ProcessedImage:
    content: bytes  # re-encoded, no EXIF/ICC/XMP/comment/text chunks
    content_type: str
    width: int  # stored size, after orientation and downscaling
    height: int
    thumbnail: bytes  # JPEG within THUMBNAIL_BOX
    sha256: str  # of ``content``
    perceptual_hash: str  # 64-bit difference hash, 16 hex digits
    findings: list[dict]
    original_width: int  # as uploaded, after orientation
    original_height: int


def process_image(data: bytes) -> ProcessedImage:
    """Check, decode safely and re-encode a photo; raise ``MaterialRejected`` when it breaks a rule.

    1. Size on the wire, then the type by content (an HTML page named ``.jpg`` never reaches a decoder).
    2. From the header only: the pixel count (decompression bombs), then the side limits.
    3. ``verify()`` the structure, then reopen (a verified image cannot be loaded).
    4. Refuse animation (APNG). A multi-picture JPEG (MPO, written by some phones) keeps its first picture.
    5. Decode: a large JPEG through ``draft`` at the coarsest DCT scale that keeps ``REVIEW_MIN_SIDE``
       (most of the decoding work skipped), then EXIF orientation applied.
    6. Normalise the mode: 16-bit scaled to 8 (not clipped), CMYK to RGB, transparency flattened on white
       (what the reviewer sees is then what was checked), palette to RGB.
    7. Refuse grayscale; note blur and a resolution close to the minimum as advisory findings.
    8. Re-encode from pixels only (no metadata survives), make the thumbnail and the hashes. Step 7 and the
       thumbnail run on a second thread while the stored copy is encoded (``encoding.py``).

    Decompression-bomb warnings become errors only inside this call (``warnings.catch_warnings``); Pillow's
    global ``MAX_IMAGE_PIXELS`` is left alone, our tighter limit is checked locally in step 2.
    """
    check_file_size(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = _open(data)
        header_size = image.size
        # A PNG's eXIf chunk may follow the pixels, found only by decoding: the side limits are symmetric, so
        # the orientation matters only for the message, and it is read again once decoded.
        late_exif = image.format == "PNG" and "exif" not in image.info
        _check_dimensions(*_oriented(header_size, 1 if late_exif else _orientation(image)))
        try:
            image.verify()
            image = _open(data)
        except _DECODE_ERRORS as error:
            raise _corrupt(error) from error
        if image.format == "PNG" and getattr(image, "is_animated", False):
            raise MaterialRejected(
                "animated",
                f"不接受动图（{image.n_frames} 帧的 APNG），请上传一张静态照片。 / Animated images are not "
                f"accepted (an APNG of {image.n_frames} frames); upload a single still photo.",
            )
        source_format = image.format
        image, orientation = _decode(image)
        original = _oriented(header_size, orientation)

    image = _stored_size(_normalise_mode(image))
    image.info.clear()  # before two threads share it; the stored copy carries pixels only
    output_format = "PNG" if source_format == "PNG" else "JPEG"
    # The checks run on a second thread while this one encodes the stored copy without the GIL (``encoding.py``).
    checked = beside(_check_and_thumbnail, image, original, data)
    content, sha256 = encode_stored(image, output_format)
    findings, thumbnail, perceptual_hash = checked.result()  # a refusal is raised here
    return ProcessedImage(
        content=content,
        content_type=f"image/{output_format.lower()}",
        width=image.width,
        height=image.height,
        thumbnail=thumbnail,
        sha256=sha256,
        perceptual_hash=perceptual_hash,
        findings=findings,
        original_width=original[0],
        original_height=original[1],
    )


def _check_and_thumbnail(
    image: Image.Image, original: tuple[int, int], data: bytes
) -> tuple[list[dict], bytes, str]:
    """Step 7 and the thumbnail, on a ≤640 px copy: the findings, the thumbnail's JPEG and its hash."""
    analysis = reduced(image, ANALYSIS_MAX_SIDE)
    # Bilinear (Pillow's is antialiased) from the ≤640 px analysis image: a third of Lanczos's cost, and at
    # 320 px no one can tell them apart. Always a new image, never the one being encoded (the longer side of
    # an accepted image is at least 500 px).
    thumbnail_image = _fit_resize(analysis, THUMBNAIL_BOX, Image.Resampling.BILINEAR)
    if image.mode == "L" or is_grayscale(thumbnail_image):
        raise MaterialRejected(
            "grayscale",
            "图片为黑白/灰度图，像是复印件而不是原件，请上传原件的彩色照片或扫描件。 / The image is grayscale: "
            "it looks like a copy, not the original. Upload a colour photo or scan of the original.",
        )
    findings = image_findings(analysis, original, data, minimum=(MIN_LONG_SIDE, MIN_SHORT_SIDE))
    thumbnail = encode(thumbnail_image, "JPEG", quality=THUMBNAIL_QUALITY)
    return findings, thumbnail, difference_hash(thumbnail_image)


# ---- steps ------------------------------------------------------------------------------------------------


def check_file_size(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise MaterialRejected(
            "file_too_large",
            f"文件过大：{len(data) / 1048576:.2f} MB（{len(data):,} 字节），上限为 5 MB（{MAX_FILE_BYTES:,} 字节）。"
            f" / File too large: {len(data) / 1048576:.2f} MB ({len(data):,} bytes); the limit is 5 MB "
            f"({MAX_FILE_BYTES:,} bytes).",
        )


def _open(data: bytes) -> ImageFile.ImageFile:
    """Open with the JPEG and PNG decoders only; the header is parsed, no pixel is decoded."""
    try:
        image = Image.open(io.BytesIO(data), formats=["JPEG", "PNG"])
    except UnidentifiedImageError as error:
        kind = _describe(data)
        raise MaterialRejected(
            "unsupported_type",
            f"不支持的文件类型（内容像是 {kind}）：只接受 JPEG 或 PNG 图片。 / Unsupported file type (the content "
            f"looks like {kind}): only JPEG or PNG images are accepted.",
        ) from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _bomb(_header_size(data)) from error
    except _DECODE_ERRORS as error:
        raise _corrupt(error) from error
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _bomb((width, height))
    return image


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1-8); a broken EXIF block counts as none."""
    try:
        orientation = image.getexif().get(0x0112, 1)
    except _DECODE_ERRORS:
        return 1
    return orientation if isinstance(orientation, int) else 1


def _oriented(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in _QUARTER_TURN_ORIENTATIONS else size


def _check_dimensions(width: int, height: int) -> None:
    long_side, short_side = max(width, height), min(width, height)
    if long_side > MAX_SIDE:
        raise MaterialRejected(
            "too_large_pixels",
            f"图片尺寸过大：{width}×{height} 像素，每边最多 {MAX_SIDE} 像素。 / Image too large: {width}×{height} "
            f"px; each side may be at most {MAX_SIDE} px.",
        )
    if long_side < MIN_LONG_SIDE or short_side < MIN_SHORT_SIDE:
        raise MaterialRejected(
            "too_small",
            f"图片尺寸过小：{width}×{height} 像素，至少需要 {MIN_LONG_SIDE}×{MIN_SHORT_SIDE}（长边 ≥ {MIN_LONG_SIDE}，"
            f"短边 ≥ {MIN_SHORT_SIDE}）。 / Image too small: {width}×{height} px; the minimum is "
            f"{MIN_LONG_SIDE}×{MIN_SHORT_SIDE} (longer side ≥ {MIN_LONG_SIDE}, shorter side ≥ {MIN_SHORT_SIDE}).",
        )


def _decode(image: ImageFile.ImageFile) -> tuple[Image.Image, int]:
    """Load the pixels (a JPEG at reduced DCT scale) and apply the EXIF orientation, which is returned.

    ``draft`` picks the largest scale whose result still covers the requested box, so the box asked for is
    exactly the size kept, ``size // factor``: 4000×3000 asks for 2000×1500 and decodes at half scale.
    """
    factor = _dct_factor(*image.size)
    if image.format in ("JPEG", "MPO"):
        # The whole file to libjpeg in one call instead of Pillow's 64 KiB blocks, at the end of each of which
        # it suspends (redoing the unfinished MCU) after decoding the last few KiB on its slower Huffman path:
        # about 1 ms of a 12 MP photo's 46 ms. The file is at most ``MAX_FILE_BYTES`` and already in memory.
        image.decodermaxblock = MAX_FILE_BYTES
    if image.format in ("JPEG", "MPO") and factor > 1:
        image.draft("RGB", (image.width // factor, image.height // factor))
        # Pillow's draft flag (the second item of ``decoderconfig``; ``draft()`` leaves it off): libjpeg's
        # fastest integer IDCT and plain chroma upsampling. About a tenth of the decode at 1/2 scale, for a
        # mean difference under one level in 255 (invisible on a 2000 px review copy): what keeps P5 ≤ 1.0×.
        image.decoderconfig = (image.decoderconfig[0], 1)
    try:
        image.load()
    except _DECODE_ERRORS as error:
        raise _corrupt(error) from error
    orientation = _orientation(image)
    # In place: no copy of the pixels when upright. Unreadable EXIF: nothing to honour, and it is dropped.
    with contextlib.suppress(*_DECODE_ERRORS):
        ImageOps.exif_transpose(image, in_place=True)
    return image, orientation


def _dct_factor(width: int, height: int) -> int:
    """The coarsest JPEG DCT scale (8, 4, 2 or 1) keeping the longest side ≥ ``REVIEW_MIN_SIDE`` and the
    shortest ≥ ``MIN_SHORT_SIDE`` (a 5000×300 strip is not decoded to 1250×75)."""
    long_side, short_side = max(width, height), min(width, height)
    return next(
        (
            factor
            for factor in (8, 4, 2)
            if -(-long_side // factor) >= REVIEW_MIN_SIDE and -(-short_side // factor) >= MIN_SHORT_SIDE
        ),
        1,
    )


def _normalise_mode(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode in _SIXTEEN_BIT_MODES:
        # A plain convert("L") clips everything above 255 to white; scale 0-65535 down to 0-255 instead.
        return image.convert("I").point(lambda value: value / 257).convert("L")
    if mode in ("1", "L"):
        return image.convert("L")
    if mode in ("LA", "La", "PA", "RGBA", "RGBa") or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flattened = Image.new("RGB", rgba.size, (255, 255, 255))
        flattened.paste(rgba, mask=rgba.getchannel("A"))
        return flattened
    return image if mode == "RGB" else image.convert("RGB")  # CMYK, YCbCr, opaque palette


def _stored_size(image: Image.Image) -> Image.Image:
    """Down to ``STORED_MAX_SIDE`` once the longest side passes it with its slack, but never the shortest
    side below ``MIN_SHORT_SIDE`` (see the module docstring: a strip keeps its minimum side)."""
    long_side, short_side = max(image.size), min(image.size)
    if long_side <= int(STORED_MAX_SIDE * STORED_SLACK):
        return image
    scale = max(STORED_MAX_SIDE / long_side, MIN_SHORT_SIDE / short_side)
    if scale >= 1:
        return image
    # Both sides are at least short_side × scale ≥ MIN_SHORT_SIDE; max() only absorbs float rounding.
    size = (max(MIN_SHORT_SIDE, round(image.width * scale)), max(MIN_SHORT_SIDE, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _fit_resize(
    image: Image.Image, box: tuple[int, int], resample: Image.Resampling = Image.Resampling.LANCZOS
) -> Image.Image:
    """Downscale to fit in ``box`` keeping the aspect ratio (``reducing_gap``: a cheap box reduce first)."""
    scale = min(box[0] / image.width, box[1] / image.height)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, resample, reducing_gap=2.0)


def _corrupt(error: BaseException) -> MaterialRejected:
    return MaterialRejected(
        "corrupt",
        f"图片文件已损坏或不完整（{error}），请重新导出后上传。 / The image file is damaged or incomplete "
        f"({error}); export it again and upload it.",
    )


def _bomb(size: tuple[int, int] | None) -> MaterialRejected:
    claimed = f"{size[0]}×{size[1]} = {size[0] * size[1] / 1e6:.1f} MP" if size else "?"
    return MaterialRejected(
        "decompression_bomb",
        f"图片声明的像素数过多（{claimed}），超过 {MAX_PIXELS / 1e6:.0f} MP（{MAX_SIDE}×{MAX_SIDE}），未予解码。 / "
        f"The image claims too many pixels ({claimed}), over {MAX_PIXELS / 1e6:.0f} MP ({MAX_SIDE}×{MAX_SIDE}); "
        "it was not decoded.",
    )


def _header_size(data: bytes) -> tuple[int, int] | None:
    """The PNG header's claim, for the message when Pillow itself refused to open a bomb."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    return None


def _describe(data: bytes) -> str:
    """A name for what the bytes look like, so the applicant learns what they actually sent."""
    head = data[:1024].lstrip().lower()
    signatures = (
        (data.startswith(b"GIF8"), "GIF"),
        (data[:4] == b"RIFF" and data[8:12] == b"WEBP", "WebP"),
        (data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"), "HEIC/AVIF"),
        (data.startswith(b"%PDF-"), "PDF"),
        (data.startswith(b"BM"), "BMP"),
        (data[:4] in (b"II*\x00", b"MM\x00*"), "TIFF"),
        (data.startswith(b"PK\x03\x04"), "ZIP"),
        (b"<svg" in head, "SVG"),
        (b"<html" in head or b"<!doctype html" in head, "HTML"),
        (head.startswith(b"<"), "XML/HTML"),
        (data.startswith((b"\xff\xd8\xff", b"\x89PNG")), "a damaged JPEG/PNG"),
    )
    return next((name for matched, name in signatures if matched), "an unknown format")

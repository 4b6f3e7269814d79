"""Regenerate the upload corpus of ``tests/data``: bad files the materials pipeline must refuse or sanitise.

Run from the project root: ``.venv/bin/python tests/data/make_corpus.py``. The files are checked in, so the
tests never depend on this script running; it exists so anyone can see (and redo) how each one was made.
Images are synthetic "documents" (a tinted card, a red seal, lines of print, a noisy photo area) so they are
colourful and sharp like a real photo of a licence, yet small (every file is well under 300 KB). Times and
seeds are fixed, so a rerun with the same Pillow build writes identical files.
"""

from __future__ import annotations

import io
import random
import struct
import time
import zipfile
import zlib
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
FIXED_TIME = time.struct_time((2024, 5, 1, 10, 0, 0, 2, 122, 0))  # so reruns write identical files


def colour_document(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A synthetic colour photo of a certificate: gradient card, seal, print, a portrait area with grain."""
    rng = random.Random(seed)
    width, height = size
    tint = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize(size).point(lambda v: 200 + v // 6),
            Image.radial_gradient("L").resize(size).point(lambda v: 215 + v // 8),
            Image.new("L", size, 240),
        ),
    )
    draw = ImageDraw.Draw(tint)
    draw.rectangle(
        (width // 40, height // 40, width - width // 40, height - height // 40), outline=(40, 70, 140)
    )
    for line in range(8):  # lines of "print"
        y = height // 6 + line * height // 12
        x = width // 12
        while x < width * 0.55:
            word = rng.randint(width // 40, width // 12)
            draw.rectangle((x, y, x + word, y + max(3, height // 60)), fill=(20, 20, 30))
            x += word + width // 60
    seal_box = (int(width * 0.62), int(height * 0.55), int(width * 0.84), int(height * 0.55 + width * 0.22))
    draw.ellipse(seal_box, outline=(210, 30, 30), width=max(3, width // 120))
    draw.regular_polygon(
        ((seal_box[0] + seal_box[2]) // 2, (seal_box[1] + seal_box[3]) // 2, width // 30),
        5,
        fill=(210, 30, 30),
    )
    portrait = (int(width * 0.64), height // 8, int(width * 0.92), int(height * 0.48))
    face_size = (portrait[2] - portrait[0], portrait[3] - portrait[1])
    face = Image.merge(
        "RGB",
        (
            Image.effect_noise(face_size, 40).point(lambda v: min(255, v + 60)),
            Image.effect_noise(face_size, 40),
            Image.effect_noise(face_size, 40).point(lambda v: v // 2),
        ),
    ).filter(ImageFilter.GaussianBlur(1))
    tint.paste(face, portrait[:2])
    grain = Image.merge("RGB", [Image.effect_noise(size, 6)] * 3)
    return Image.blend(tint, grain, 0.08)


def jpeg(image: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=params.pop("quality", 85), **params)
    return buffer.getvalue()


def png(image: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **params)
    return buffer.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_by_hand(width: int, height: int, bit_depth: int, colour_type: int, rows: bytes) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(rows, 9))
        + png_chunk(b"IEND", b"")
    )


def rgb48_png(width: int, height: int) -> bytes:
    """16 bits per channel colour: Pillow reads it (as 8-bit RGB) but cannot write it, so it is built here.

    Smooth gradients with the PNG "Sub" filter (each byte minus the same byte of the previous pixel), so the
    full 16-bit values compress to a few kilobytes.
    """
    rows = bytearray()
    for y in range(height):
        raw = b"".join(
            struct.pack(">HHH", x * 65535 // width, y * 65535 // height, 40000) for x in range(width)
        )
        rows.append(1)
        rows += bytes((raw[i] - (raw[i - 6] if i >= 6 else 0)) & 0xFF for i in range(len(raw)))
    return png_by_hand(width, height, 16, 2, bytes(rows))


def pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PAGE = [
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    b"<< /Length 0 >>\nstream\n\nendstream",
]


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was held upright: rotate 90° clockwise to display
    exif[ExifTags.Base.Make] = "CorpusCam"
    exif[ExifTags.Base.Model] = "Leaky 1"
    exif[ExifTags.Base.DateTime] = "2024:05:01 10:00:00"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 29.0)}  # Beijing, to the metre
    )
    return exif


def build() -> dict[str, bytes]:
    good = colour_document((1200, 800))
    files: dict[str, bytes] = {"good_photo.jpg": jpeg(good)}

    # Raw pixels 900×600 with a red marker top-left; Orientation 6 shows them as 600×900, marker top-right.
    sideways = colour_document((900, 600), seed=2)
    ImageDraw.Draw(sideways).rectangle((0, 0, 59, 59), fill=(255, 0, 0))
    srgb = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    srgb[24:36] = struct.pack(">6H", 2024, 5, 1, 10, 0, 0)  # the profile's creation time, fixed
    files["exif_gps_orientation.jpg"] = jpeg(
        sideways,
        exif=exif_with_gps(),
        icc_profile=bytes(srgb),
        comment=b"owner: Zhang San",
        xmp=b"<x:xmpmeta/>",
    )

    files["truncated.jpg"] = files["good_photo.jpg"][: len(files["good_photo.jpg"]) // 2]
    # The header claims 30000×30000 (900 MP); there is no pixel data behind it.
    files["bomb_header.png"] = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + png_chunk(b"IEND", b"")
    )
    # A real, valid 6000×5000 PNG (90 MB decoded) in about 90 KB: over our limit, under Pillow's own.
    files["bomb_30mp.png"] = png(Image.new("RGB", (6000, 5000), (250, 250, 250)), compress_level=9)
    files["html_as.jpg"] = (
        b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"
    )
    files["svg_as.jpg"] = (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">'
        b'<script>alert(1)</script><rect width="800" height="600" fill="red"/></svg>\n'
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(zipfile.ZipInfo("payload.html", FIXED_TIME[:6]), "<script>alert(1)</script>")
    files["polyglot_jpeg_zip.jpg"] = jpeg(colour_document((800, 600), seed=3)) + archive.getvalue()
    files["cmyk.jpg"] = jpeg(colour_document((800, 600), seed=4).convert("CMYK"), quality=90)
    ramp = Image.linear_gradient("L").resize((800, 600)).convert("I").point(lambda v: v * 257)
    files["gray16.png"] = png(ramp.convert("I;16"))
    files["rgb48.png"] = rgb48_png(640, 480)  # the gradients are smooth: expect a "blurry" advisory
    frames = [Image.new("RGB", (600, 400), colour) for colour in ((200, 30, 30), (30, 30, 200))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    files["animated.gif"] = buffer.getvalue()
    files["animated.png"] = png(frames[0], save_all=True, append_images=frames[1:], duration=200)
    scan = colour_document((1000, 700), seed=7).convert("L")
    files["gray_scan_l.jpg"] = jpeg(scan)
    files["gray_scan_rgb.jpg"] = jpeg(scan.convert("RGB"))  # a black-and-white copy saved as colour
    files["too_small.jpg"] = jpeg(colour_document((400, 250), seed=8))
    files["blurry_photo.jpg"] = jpeg(good.filter(ImageFilter.GaussianBlur(6)))  # out of focus

    buffer = io.BytesIO()
    colour_document((800, 1130), seed=9).save(
        buffer, "PDF", resolution=96.0, quality=80, creationDate=FIXED_TIME, modDate=FIXED_TIME
    )
    files["document.pdf"] = buffer.getvalue()
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>"
    files["javascript.pdf"] = pdf([catalog, *PAGE, b"<< /S /JavaScript /JS (app.alert\\('hello'\\)) >>"])
    # The same action hidden the way a naive byte search misses it: #-escaped names, as object 6 inside a
    # Flate object stream (object 5; structurally simplified: no cross-reference stream).
    hidden = zlib.compress(b"6 0 << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")
    object_stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(
        hidden
    )
    files["hidden_javascript.pdf"] = pdf(
        [catalog.replace(b"5 0 R", b"6 0 R"), *PAGE, object_stream + hidden + b"\nendstream"]
    )
    return files


def main() -> None:
    for name, content in build().items():
        (HERE / name).write_bytes(content)
        print(f"{name:28} {len(content):>8,} bytes")


if __name__ == "__main__":
    main()

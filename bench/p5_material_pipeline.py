"""P5: a 12-megapixel JPEG through the material pipeline, against Pillow decoding the same file at full size.

The bar (``quality.md``) is 1.0×: the whole pipeline — verify, decode, orient, check, re-encode, thumbnail,
hashes — must cost no more than a plain full-size decode. Only draft-mode decoding (the JPEG decoder's DCT
scaling to the stored size, 1/2 for the 2000 px review copy of issue 15, with libjpeg's fast IDCT) makes that
possible, so a regression there shows here first. The checks and the thumbnail run on a second thread while the
stored copy is encoded (``materials/pipeline/encoding.py``): the figure is the applicant's wait; the row also
gives the CPU time of both sides (the pipeline's over both threads), which a busy machine pays in full.

Self-contained: the photo is generated in memory; runs are interleaved so machine noise hits both sides alike,
and the median of ``repeats`` is reported. Run it alone with ``python -m bench.p5_material_pipeline``.
"""

from __future__ import annotations

import io
import json
import statistics
import time

from PIL import ExifTags, Image, ImageDraw

PHOTO_SIZE = (4000, 3000)
PHOTO_QUALITY = 90


def make_photo(size: tuple[int, int] = PHOTO_SIZE) -> bytes:
    """A 4000×3000 JPEG at quality 90 that compresses like a phone photo (about 3.5 MB), with EXIF and GPS.

    Smooth colour gradients for the scene, shapes for edges, and grain at two scales (fine sensor noise,
    coarse blotches), so the encoder cannot reduce it to a few flat blocks.
    """
    width, height = size
    red = Image.linear_gradient("L").rotate(90).resize(size)
    green = Image.radial_gradient("L").resize(size)
    blue = Image.linear_gradient("L").resize(size).point(lambda v: 255 - v)
    scene = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(scene)
    for index in range(60):
        x, y = (index * 617) % width, (index * 379) % height
        colour = ((index * 53) % 256, (index * 97) % 256, (index * 29) % 256)
        draw.ellipse(
            (x, y, x + 150 + index * 7, y + 100 + index * 5), fill=colour, outline=(0, 0, 0), width=4
        )
    coarse = Image.effect_noise((width // 16, height // 16), 40).resize(size, Image.Resampling.BICUBIC)
    scene = Image.blend(scene, Image.merge("RGB", (coarse, coarse, coarse)), 0.15)
    # Luminance grain only: a phone's noise reduction removes colour noise first, and the encoder's 4:2:0
    # chroma subsampling would average most of it away anyway.
    grain = Image.effect_noise(size, 32)
    scene = Image.blend(scene, Image.merge("RGB", (grain, grain, grain)), 0.2)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "BenchCam"
    exif[ExifTags.Base.Model] = "P5"
    exif[ExifTags.Base.Orientation] = 1
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 29.0)})
    buffer = io.BytesIO()
    scene.save(buffer, "JPEG", quality=PHOTO_QUALITY, exif=exif)
    return buffer.getvalue()


def _full_decode(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        image.load()


def measure_p5(repeats: int = 5) -> dict:
    """Median seconds of ``process_image`` and of a full Pillow decode of the same 12-megapixel JPEG."""
    from materials.pipeline import process_image  # plain Python (no Django setup needed), imported when used

    data = make_photo()
    process_image(data)  # warm up both paths (imports, libjpeg tables, allocator)
    _full_decode(data)
    pipeline, floor, cpu, floor_cpu = [], [], [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        _full_decode(data)
        floor.append(time.perf_counter() - started)
        floor_cpu.append(time.process_time() - cpu_started)
        started, cpu_started = time.perf_counter(), time.process_time()
        process_image(data)
        pipeline.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    value_s, floor_s = statistics.median(pipeline), statistics.median(floor)
    cpu_s, floor_cpu_s = statistics.median(cpu), statistics.median(floor_cpu)
    ratio = value_s / floor_s
    return {
        "figure": "P5",
        "what": (
            f"process_image on a {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} JPEG (q{PHOTO_QUALITY}, EXIF, "
            f"{len(data) / 1048576:.1f} MB) vs a full Pillow decode of it, median of {repeats}; "
            f"CPU time {cpu_s * 1000:.0f} ms on 2 threads against the decode's {floor_cpu_s * 1000:.0f} ms"
        ),
        "value_s": round(value_s, 4),
        "cpu_s": round(cpu_s, 4),
        "floor_cpu_s": round(floor_cpu_s, 4),
        "floor_s": round(floor_s, 4),
        "ratio": round(ratio, 3),
        "bar": 1.0,
        "holds": ratio <= 1.0,
    }


def measure_p5_rows(run: object) -> list[dict]:
    """The table's entry point (``bench.__main__.FIGURES``): P5 does not depend on the data set."""
    return [measure_p5(repeats=5 if getattr(run, "quick", False) else 9)]


if __name__ == "__main__":
    print(json.dumps(measure_p5(), ensure_ascii=False, indent=2))

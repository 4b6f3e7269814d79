"""The OCR engine on this machine's CPU: RapidOCR (PP-OCR detection, direction and recognition models) on
onnxruntime.

The models are the ``rapidocr`` wheel's own files, named by path, so the library never takes its download
path: the engine works offline and a missing file is an installation error, not a fetch. The model is built
lazily, once per process (only the ``ocr`` queue's worker ever calls ``read``), and shared by every call.
"""

from __future__ import annotations

import logging
import math
import os
import statistics
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from gateways.ocr import OcrLine, OcrReading, OcrUnavailable

logger = logging.getLogger(__name__)

# A photo is scaled down to this longest side before OCR. Measured on the generated licences: at 1,600 pixels
# every field still reads (a certificate's print stays above 20 pixels high, the recogniser scales each line
# to 48) and the detector, whose cost grows with the pixels, runs in about 60% of the time it takes at 2,000
# (RapidOCR's own bound, kept below as a backstop); a 12 MP photo costs a sixth of its full size.
MAX_SIDE = 1600

# The wheel's files (rapidocr 3.x): PP-OCRv6 small detection and recognition, the mobile direction classifier.
_MODEL_FILES = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
}

_model: Any = None
_model_lock = threading.Lock()


def _threads() -> int:
    # One image at a time per worker process. Measured here (2 cores, a licence and an ID card, interleaved):
    # one thread per session 3.2 s, two 4.1 s on a quiet machine, and further behind when other workers are
    # busy. ``OCR_THREADS`` overrides it for a larger machine.
    return int(os.environ.get("OCR_THREADS", "1"))


def model_files() -> dict[str, Path]:
    """The wheel's model files by stage; each must exist (nothing is fetched)."""
    root = Path(str(resources.files("rapidocr"))) / "models"
    return {stage: root / name for stage, name in _MODEL_FILES.items()}


def bare_model() -> Any:
    """The RapidOCR instance this process shares, built on first use (also the benchmark's bare baseline)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = _build_model()
    return _model


def _build_model() -> Any:
    try:
        from rapidocr import RapidOCR
    except (
        ImportError
    ) as error:  # the dependency is in pyproject.toml; a broken install is transient to a job
        raise OcrUnavailable(f"rapidocr is not installed: {error}") from error
    files = model_files()
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise OcrUnavailable(f"OCR model files missing: {', '.join(missing)}")
    threads = _threads()
    params: dict[str, Any] = {
        "Global.log_level": "warning",
        "Global.max_side_len": 2000,
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    for stage, path in files.items():
        params[f"{stage}.model_path"] = str(path)
    try:
        return RapidOCR(params=params)
    except Exception as error:
        raise OcrUnavailable(f"the OCR model could not be loaded: {error}") from error


def decode_image(image: bytes) -> Any:
    """The photo as a BGR array, turned upright by its EXIF orientation and scaled to ``MAX_SIDE``; ``None``
    when the bytes are not an image OpenCV can read."""
    import cv2
    import numpy as np

    buffer = np.frombuffer(image, dtype=np.uint8)
    # IMREAD_COLOR applies the EXIF orientation (a phone's portrait photo of a landscape card comes upright).
    pixels = cv2.imdecode(buffer, cv2.IMREAD_COLOR) if buffer.size else None
    if pixels is None:
        return None
    height, width = pixels.shape[:2]
    longest = max(height, width)
    if longest > MAX_SIDE:
        scale = MAX_SIDE / longest
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        pixels = cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)
    return pixels


def skew_degrees(polygons: list[list[tuple[float, float]]]) -> float:
    """The photo's tilt: the median slope of the long text boxes' top edges (a certificate's lines are
    parallel), in degrees, positive when the lines run down to the right."""
    angles = []
    for polygon in polygons:
        (x0, y0), (x1, y1), _, (x3, y3) = polygon[:4]
        width, height = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
        if width > 2 * height and x1 > x0:
            angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    return statistics.median(angles) if angles else 0.0


def lines_of(output: Any, size: tuple[int, int] = (0, 0)) -> tuple[OcrLine, ...]:
    """RapidOCR's output as lines with axis-aligned boxes, in the engine's reading order (top to bottom).

    The boxes are given in the photo turned upright by its tilt (rotated about its centre by the median
    slope of the lines): the parsers compare rows and columns, which an axis-aligned box of a tilted line
    blurs (its middle drifts by the tilt across the line's length)."""
    boxes, texts, scores = getattr(output, "boxes", None), getattr(output, "txts", None), output.scores
    if boxes is None or texts is None or scores is None:
        return ()
    polygons = [[(float(point[0]), float(point[1])) for point in polygon] for polygon in boxes]
    angle = math.radians(skew_degrees(polygons))
    cos, sin = math.cos(-angle), math.sin(-angle)
    centre_x, centre_y = size[0] / 2, size[1] / 2
    lines = []
    for polygon, text, score in zip(polygons, texts, scores, strict=False):
        upright = [
            (
                centre_x + (x - centre_x) * cos - (y - centre_y) * sin,
                centre_y + (x - centre_x) * sin + (y - centre_y) * cos,
            )
            for x, y in polygon
        ]
        xs, ys = [x for x, _ in upright], [y for _, y in upright]
        lines.append(
            OcrLine(
                text=str(text).strip(),
                box=(min(xs), min(ys), max(xs), max(ys)),
                confidence=max(0.0, min(1.0, float(score))),
            )
        )
    return tuple(sorted((line for line in lines if line.text), key=lambda line: (line.box[1], line.box[0])))


class RapidOcrEngine:
    """``gateways.ocr.OcrEngine`` on RapidOCR. Cheap to construct: the model loads on the first ``read``."""

    def read(self, image: bytes) -> OcrReading:
        pixels = decode_image(image)
        if pixels is None:
            # Not an image at all: nothing to read, which the caller words as "nothing recognised".
            logger.info("OCR: the upload is not a readable image (%d bytes)", len(image))
            return OcrReading(lines=(), width=0, height=0)
        height, width = pixels.shape[:2]
        model = bare_model()
        try:
            output = model(pixels)
        except MemoryError as error:
            raise OcrUnavailable("the OCR engine ran out of memory") from error
        return OcrReading(lines=lines_of(output, (width, height)), width=int(width), height=int(height))

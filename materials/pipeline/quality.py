"""What the pipeline notes about an accepted image for the reviewer, and what it refuses as a copy: colour,
sharpness, a resolution close to the minimum, near-duplicate hashes. Pure functions over Pillow images; the
numbers are module constants, each with the reason for its value."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageFilter, ImageStat

# A pixel is "coloured" when its channels spread by more than this (0-255); an image is grayscale when fewer
# than MIN_COLOUR_FRACTION of its thumbnail's pixels are coloured. JPEG chroma noise on a gray scan stays
# under ~6, a red seal or a blue ID-card background is well above 24.
COLOUR_PIXEL_CHROMA = 24
MIN_COLOUR_FRACTION = 0.005
# Blur, thumbnail and colour are judged on the stored image box-reduced by an integer factor to at most
# ANALYSIS_MAX_SIDE px: cheap (a 2000 px image costs a 4× reduce), and the blur score then measures the image
# at about the scale a reviewer first sees it rather than at the camera's.
ANALYSIS_MAX_SIDE = 640
# Variance of a 4-neighbour Laplacian (OpenCV's ksize=1 kernel) on that analysis image; below the threshold
# (the usual rule of thumb) the reviewer is warned. On the corpus's synthetic certificate: sharp 500-850,
# after a 2 px Gaussian blur 90-160, 6 px under 90. Advisory only: a sharp but nearly empty page scores low too.
BLUR_VARIANCE_THRESHOLD = 100.0
CLOSE_TO_MINIMUM_FACTOR = 1.2  # advisory when within 20% of the minimum
# Bits out of 64 of the difference hash. On the corpus, recompression, resizing and blur move it by 1-5 bits;
# different documents of one layout (two ID cards) differ by 11-14, so the margin is kept on that side. Crops
# and rotations of more than a degree or so are not caught: a hint for the reviewer, never a verdict.
NEAR_DUPLICATE_MAX_DISTANCE = 8


def is_grayscale(rgb: Image.Image) -> bool:
    """True when (nearly) no pixel's channels spread apart: a gray scan, even one saved as RGB."""
    red, green, blue = rgb.split()
    brightest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    darkest = ImageChops.darker(ImageChops.darker(red, green), blue)
    histogram = ImageChops.subtract(brightest, darkest).histogram()
    coloured = sum(histogram[COLOUR_PIXEL_CHROMA + 1 :])
    return coloured < MIN_COLOUR_FRACTION * rgb.width * rgb.height


def sharpness(image: Image.Image) -> float:
    """Variance of a 4-neighbour Laplacian on the image reduced to ``ANALYSIS_MAX_SIDE``: low means blurry."""
    gray = reduced(image, ANALYSIS_MAX_SIDE).convert("L")
    kernel = ImageFilter.Kernel((3, 3), (0, 1, 0, 1, -4, 1, 0, 1, 0), scale=1, offset=128)
    return ImageStat.Stat(gray.filter(kernel)).var[0]


def image_findings(
    image: Image.Image, original: tuple[int, int], data: bytes, *, minimum: tuple[int, int]
) -> list[dict]:
    """Advisory findings for the reviewer: blur, a resolution close to the minimum (``minimum``: the long and
    short side the upload was checked against), ZIP data carried by the original file."""
    findings: list[dict] = []
    variance = sharpness(image)
    if variance < BLUR_VARIANCE_THRESHOLD:
        findings.append(
            advisory(
                "blurry",
                f"图片可能模糊（清晰度 {variance:.0f}，低于 {BLUR_VARIANCE_THRESHOLD:.0f}），请核对文字是否清楚。 / "
                f"The image may be blurry (sharpness {variance:.0f}, below {BLUR_VARIANCE_THRESHOLD:.0f}); "
                "check that the text is legible.",
            )
        )
    long_side, short_side = max(original), min(original)
    min_long_side, min_short_side = minimum
    if (
        long_side < min_long_side * CLOSE_TO_MINIMUM_FACTOR
        or short_side < min_short_side * CLOSE_TO_MINIMUM_FACTOR
    ):
        findings.append(
            advisory(
                "close_to_minimum_resolution",
                f"分辨率接近下限（{original[0]}×{original[1]}，下限 {min_long_side}×{min_short_side}）。 / The "
                f"resolution is close to the minimum ({original[0]}×{original[1]}; minimum "
                f"{min_long_side}×{min_short_side}).",
            )
        )
    # A ZIP is found by its end record, within the last 64 KiB; only then is the whole file searched.
    if data.find(b"PK\x05\x06", max(0, len(data) - 65557)) != -1 and b"PK\x03\x04" in data:
        findings.append(
            advisory(
                "embedded_archive",
                "原文件中附带了 ZIP 压缩包数据，已在重新编码时去除。 / The uploaded file carried ZIP archive data; "
                "it was removed by re-encoding.",
            )
        )
    return findings


def near_duplicate(hash_a: str, hash_b: str) -> bool:
    """Whether two ``perceptual_hash`` values differ in at most ``NEAR_DUPLICATE_MAX_DISTANCE`` bits.

    Re-encoding, resizing and recompression move a difference hash by a few bits, an unrelated picture by
    about half of them; two documents of one printed layout sit in between (see the threshold's comment).
    Hashes of different lengths come from different algorithms: never equal.
    """
    if len(hash_a) != len(hash_b):
        return False
    return (int(hash_a, 16) ^ int(hash_b, 16)).bit_count() <= NEAR_DUPLICATE_MAX_DISTANCE


def difference_hash(image: Image.Image) -> str:
    """64-bit dHash: is each of 8×8 cells brighter than its right neighbour, on a 9×8 grayscale reduction."""
    cells = image.convert("L").resize((9, 8), Image.Resampling.BOX).tobytes()
    bits = 0
    for row in range(8):
        for column in range(8):
            bits = (bits << 1) | (cells[row * 9 + column] > cells[row * 9 + column + 1])
    return f"{bits:016x}"


def reduced(image: Image.Image, max_side: int) -> Image.Image:
    """Box-reduce by the smallest integer factor that brings the longest side to at most ``max_side``."""
    factor = -(-max(image.size) // max_side)  # ceiling division
    return image.reduce(factor) if factor > 1 else image


def advisory(code: str, message: str) -> dict:
    return {"code": code, "severity": "advisory", "message": message}

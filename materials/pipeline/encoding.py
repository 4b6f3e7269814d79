"""The re-encoding of an accepted image: pixels only, so no metadata of the upload survives.

The stored copy is encoded into an anonymous in-memory file rather than a ``BytesIO``: given a file descriptor,
Pillow encodes in one C call that releases the GIL, whereas into a ``BytesIO`` it encodes 64 KiB at a time
holding the GIL. After the decode, encoding a 2000×1500 photo is the pipeline's costliest step (about
10 ms on the bench machine, against 6-7 ms for the checks and the thumbnail), so ``process_image`` runs the
checks ``beside`` it, on a second thread: with a core free they add no wait (bar P5, ``bench/README.md``).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import BinaryIO, ParamSpec, TypeVar

from PIL import Image

JPEG_QUALITY = 88
THUMBNAIL_QUALITY = 80

_P = ParamSpec("_P")
_R = TypeVar("_R")


def encode(
    image: Image.Image, image_format: str, *, quality: int = JPEG_QUALITY, into: BinaryIO | None = None
) -> bytes:
    """Encode pixels only: no ``exif=``, ``icc_profile=`` or ``pnginfo=`` is passed on (``into``: the file to
    write into, a ``BytesIO`` when not given)."""
    image.info.clear()  # Pillow's encoders fall back to ``info`` for ICC profiles, comments, transparency
    file = into if into is not None else io.BytesIO()
    if image_format == "PNG":
        image.save(file, "PNG", compress_level=6)
    else:
        image.save(file, "JPEG", quality=quality)
    file.seek(0)
    return file.read()


def encode_stored(image: Image.Image, image_format: str) -> tuple[bytes, str]:
    """The stored copy and its SHA-256, encoded without holding the GIL (``hashlib`` releases it too)."""
    with _anonymous_file() as file:
        content = encode(image, image_format, into=file)
    return content, hashlib.sha256(content).hexdigest()


def _anonymous_file() -> BinaryIO:
    if hasattr(os, "memfd_create"):  # Linux: in memory, never on a disk, gone once closed
        return open(os.memfd_create("material", os.MFD_CLOEXEC), "w+b")  # the caller closes it
    return tempfile.TemporaryFile()


def beside(function: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs) -> Future[_R]:
    """Run ``function`` on a helper thread; ``.result()`` returns its value or raises its error.

    Long-lived threads rather than one per call: starting a thread makes the caller wait until it runs, a
    scheduling delay on a busy machine. One is started per caller running at the same time (up to
    ``_HELPERS``), so one is all a Celery process or a sync web worker ever starts. The caller does the longer,
    GIL-free part itself (the encoding), so the result is usually ready when asked for.
    """
    return _helpers.submit(function, *args, **kwargs)


_HELPERS = 4


def _new_helpers() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=_HELPERS, thread_name_prefix="material-checks")


_helpers = _new_helpers()


def _after_fork_in_child() -> None:
    # A forked child (Celery's prefork pool, gunicorn's workers) has none of its parent's threads: helpers the
    # parent started would be counted as idle and never run anything, so the child makes its own.
    global _helpers
    _helpers = _new_helpers()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)

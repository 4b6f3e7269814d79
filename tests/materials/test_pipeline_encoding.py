"""How the pipeline spends its time on a large photo: the file to the decoder in one piece, the stored copy
encoded without the GIL while the checks run on a second thread, and that thread surviving a fork."""

from __future__ import annotations

import hashlib
import io
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

from materials.pipeline import encoding, images, process_image
from tests.materials.pipeline_helpers import colour_card, encoded, refused


def test_a_jpeg_reaches_the_decoder_in_one_piece(monkeypatch):
    pieces = []
    real_getdecoder = Image._getdecoder

    class CountingDecoder:
        def __init__(self, decoder):
            self._decoder = decoder

        def __getattr__(self, name):
            return getattr(self._decoder, name)

        def decode(self, buffer):
            pieces.append(len(buffer))
            return self._decoder.decode(buffer)

    monkeypatch.setattr(Image, "_getdecoder", lambda *args: CountingDecoder(real_getdecoder(*args)))
    data = encoded(colour_card(4000, 3000), quality=95)
    assert len(data) > 4 * 65536  # Pillow's own reads are of 64 KiB

    process_image(data)

    assert pieces == [len(data)]


def test_the_stored_copy_is_encoded_into_a_file_descriptor_while_the_checks_run_on_another_thread(
    monkeypatch,
):
    saved, checked = [], []
    real_save, real_findings = Image.Image.save, images.image_findings

    def spy_save(self, fp, *args, **kwargs):
        saved.append((self.size, _has_descriptor(fp)))
        return real_save(self, fp, *args, **kwargs)

    def spy_findings(*args, **kwargs):
        checked.append(threading.get_ident())
        return real_findings(*args, **kwargs)

    data = encoded(colour_card(4000, 3000), quality=85)
    monkeypatch.setattr(Image.Image, "save", spy_save)
    monkeypatch.setattr(images, "image_findings", spy_findings)

    result = process_image(data)

    # Given a descriptor, Pillow encodes in C without the GIL; into a BytesIO it would hold it.
    assert ((2000, 1500), True) in saved
    assert checked and checked[0] != threading.get_ident()
    assert result.sha256 == hashlib.sha256(result.content).hexdigest()


def _has_descriptor(file: object) -> bool:
    try:
        return isinstance(file.fileno(), int)
    except (AttributeError, io.UnsupportedOperation):
        return False


def test_encoding_into_a_file_descriptor_gives_the_bytes_encoded_in_memory():
    photo = Image.open(io.BytesIO(encoded(colour_card(2000, 1500), quality=95)))
    photo.load()

    content, sha256 = encoding.encode_stored(photo.copy(), "JPEG")

    assert len(content) > 65536  # more than one of Pillow's encoder buffers: the whole file was read back
    assert content == encoding.encode(photo.copy(), "JPEG")
    assert sha256 == hashlib.sha256(content).hexdigest()
    assert encoding.encode_stored(photo.convert("RGB"), "PNG")[0] == encoding.encode(
        photo.convert("RGB"), "PNG"
    )


def test_a_refusal_made_by_the_checks_thread_reaches_the_caller():
    gray = Image.new("RGB", (4000, 3000), (128, 128, 128))
    for x in range(0, 4000, 40):
        gray.paste((20, 20, 20), (x, 0, x + 8, 3000))

    assert refused(encoded(gray, quality=85)).code == "grayscale"


def test_callers_on_several_threads_each_get_their_own_image():
    sizes = [(1200, 900), (900, 1200), (1600, 1000), (640, 480)]
    uploads = [encoded(colour_card(*size), quality=85) for size in sizes]

    with ThreadPoolExecutor(max_workers=len(uploads)) as callers:
        results = list(callers.map(process_image, uploads * 3))

    for result, size in zip(results, sizes * 3, strict=True):
        assert (result.width, result.height) == size
        assert Image.open(io.BytesIO(result.content)).size == size
        assert result.sha256 == hashlib.sha256(result.content).hexdigest()
        assert Image.open(io.BytesIO(result.thumbnail)).size[0] == (320 if size[0] > size[1] else 240)


def _process_in_child(data: bytes, answers: multiprocessing.Queue) -> None:
    answers.put(process_image(data).width)


def test_a_forked_child_makes_its_own_checks_thread():
    data = encoded(colour_card(1200, 900), quality=85)
    process_image(data)  # the parent's helper thread now exists, and a forked child does not inherit it
    context = multiprocessing.get_context("fork")
    answers = context.Queue()

    child = context.Process(target=_process_in_child, args=(data, answers))
    child.start()
    child.join(timeout=30)
    if child.is_alive():
        child.kill()

    assert child.exitcode == 0
    assert answers.get(timeout=5) == 1200

"""The OCR engine itself: the wheel's models, offline, on generated photos (the real model: slow)."""

from __future__ import annotations

import io
import math
import socket
from types import SimpleNamespace

import pytest
from PIL import Image

from entities.recognition import CertificateKind, recognise
from gateways import rapidocr_engine
from gateways.ocr import ocr_engine
from gateways.rapidocr_engine import RapidOcrEngine, model_files, skew_degrees
from tests.recognition.make_certificates import make_set


def test_the_setting_names_the_rapidocr_engine():
    assert isinstance(ocr_engine(), RapidOcrEngine)


def test_the_models_are_the_wheels_own_files():
    files = model_files()
    assert set(files) == {"Det", "Cls", "Rec"}
    for path in files.values():
        assert path.is_file() and path.stat().st_size > 100_000, path
        assert "site-packages" in str(path) or "dist-packages" in str(path)


def test_bytes_that_are_no_image_read_as_no_lines_without_loading_the_model(monkeypatch):
    monkeypatch.setattr(rapidocr_engine, "bare_model", lambda: pytest.fail("the model was asked"))
    reading = RapidOcrEngine().read(b"%PDF-1.7 not an image")
    assert (reading.lines, reading.width, reading.height) == ((), 0, 0)


def test_the_skew_is_the_median_slope_of_the_long_lines():
    level = [(0, 0), (400, 0), (400, 40), (0, 40)]
    tilted = [(0, 0), (400, 35), (396, 75), (-4, 40)]  # 5°
    assert skew_degrees([level]) == 0
    assert skew_degrees([tilted, tilted, level]) == pytest.approx(5.0, abs=0.01)
    assert skew_degrees([[(0, 0), (30, 0), (30, 40), (0, 40)]]) == 0  # a short box says nothing


def test_lines_are_given_upright_in_reading_order():
    # Two lines of a photo tilted by 5°: the second starts lower left; upright, both boxes are as high as the
    # text and the label's row holds its value.
    angle = math.radians(5)

    def quad(x: float, y: float, width: float, height: float) -> list[tuple[float, float]]:
        corners = [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]
        return [
            (cx * math.cos(angle) - cy * math.sin(angle), cx * math.sin(angle) + cy * math.cos(angle))
            for cx, cy in corners
        ]

    output = SimpleNamespace(
        boxes=[quad(300, 100, 600, 40), quad(100, 100, 120, 40), quad(100, 200, 500, 40)],
        txts=("深圳星河网络科技有限公司", "名称", "  "),
        scores=(0.99, 0.97, 0.5),
    )
    lines = rapidocr_engine.lines_of(output, (0, 0))
    assert [line.text for line in lines] == ["名称", "深圳星河网络科技有限公司"]  # the blank line dropped
    for line in lines:
        assert line.box[3] - line.box[1] == pytest.approx(40, abs=0.5)
        assert line.box[1] == pytest.approx(100, abs=0.5)


@pytest.fixture
def offline(monkeypatch):
    """Every way out to the network refused, and the model loaded afresh under that rule."""

    def refuse(*args, **kwargs):
        raise OSError("networking is refused in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(rapidocr_engine, "_model", None)


@pytest.mark.slow
def test_the_engine_loads_and_reads_with_networking_refused(offline):
    id_card = make_set(licences=0, id_cards=1, seed=7)[0]
    reading = RapidOcrEngine().read(id_card.image)
    recognition = recognise(reading)
    assert recognition.kind is CertificateKind.ID_CARD_FRONT
    assert recognition.fields["number"].value == id_card.truth["number"]


@pytest.mark.slow
def test_a_generated_licence_and_id_card_are_recognised_by_the_real_model():
    for sample in make_set(licences=1, id_cards=1, seed=8):
        recognition = recognise(RapidOcrEngine().read(sample.image))
        assert recognition.kind.value == sample.kind
        number = "credit_code" if sample.kind == "business_licence" else "number"
        assert recognition.fields[number].value == sample.truth[number]
        assert recognition.fields["name"].value == sample.truth["name"]


@pytest.mark.slow
def test_a_photo_of_no_certificate_is_nothing_recognised():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 180, 150)).save(buffer, "JPEG")
    assert not recognise(RapidOcrEngine().read(buffer.getvalue())).recognised
    for sample in make_set(licences=0, id_cards=0, others=2, seed=9):
        assert not recognise(RapidOcrEngine().read(sample.image)).recognised

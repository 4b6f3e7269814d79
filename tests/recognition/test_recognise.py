"""recognise(): which certificate the lines are, and "nothing recognised" for anything else."""

from __future__ import annotations

from entities.recognition import CertificateKind, Recognition, recognise
from gateways.ocr import OcrReading
from tests.recognition.readings import line, reading


def test_no_lines_are_nothing_recognised():
    recognition = recognise(OcrReading(lines=(), width=0, height=0))
    assert recognition == Recognition(CertificateKind.UNKNOWN)
    assert not recognition.recognised


def test_text_that_is_no_certificate_is_nothing_recognised():
    recognition = recognise(reading(line("今天天气很好", 100, 100), line("我们去公园散步吧", 100, 200)))
    assert recognition.kind is CertificateKind.UNKNOWN
    assert recognition.fields == {}


def test_a_certificate_title_with_nothing_readable_is_nothing_recognised():
    assert recognise(reading(line("营业执照", 600, 60))).kind is CertificateKind.UNKNOWN

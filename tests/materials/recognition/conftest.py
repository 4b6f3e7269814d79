from __future__ import annotations

import pytest

from tests.materials.recognition import engines


@pytest.fixture
def fixed_ocr(settings, monkeypatch):
    """The fake engine and parsers; ``fixed_ocr.result = engines.ID_FRONT`` changes what is recognised."""
    settings.OCR_ENGINE = "tests.materials.recognition.engines.FixedEngine"
    monkeypatch.setattr("entities.recognition.recognise", engines.fixed_recognition, raising=False)
    engines.Calls.reads = 0
    engines.Calls.result = engines.LICENCE
    return engines.Calls

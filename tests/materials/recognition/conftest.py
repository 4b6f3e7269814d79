from __future__ import annotations

import pytest

from tests.materials.recognition import engines


@pytest.fixture
def fixed_ocr(settings, monkeypatch):
    return engines.use_fixed_ocr(settings, monkeypatch)

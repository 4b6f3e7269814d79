"""OCR engines for fast tests (``settings.OCR_ENGINE`` names one): fixed lines, or an engine that is down.

What the lines mean is the parsers' business; the service tests replace ``entities.recognition.recognise``
with ``fixed_recognition`` so they test the recognition's life (upload, job, attach) and not the parsers.
"""

from __future__ import annotations

from entities.recognition import CertificateKind, Proposal, Recognition
from gateways.ocr import OcrLine, OcrReading, OcrUnavailable

LICENCE = Recognition(
    kind=CertificateKind.BUSINESS_LICENCE,
    fields={
        "name": Proposal("杭州云帆科技有限公司", 0.97),
        "credit_code": Proposal("91330106MA2GL0YT5U", 0.95),
        "address": Proposal("浙江省杭州市西湖区文三路90号", 0.91),
        "valid_until": Proposal("long_term", 0.9),
        "legal_representative": Proposal("王小明", 0.96),
    },
)
ID_FRONT = Recognition(
    kind=CertificateKind.ID_CARD_FRONT,
    fields={"name": Proposal("李四", 0.98), "number": Proposal("110101199003074258", 0.96)},
)
NOTHING = Recognition(kind=CertificateKind.UNKNOWN)


class Calls:
    """What the fake engine was asked and will answer (the tests set ``result``)."""

    reads = 0
    result: Recognition = LICENCE


class FixedEngine:
    def read(self, image: bytes) -> OcrReading:
        Calls.reads += 1
        return OcrReading(lines=(OcrLine("营业执照", (0, 0, 100, 20), 0.99),), width=600, height=400)


class DownEngine:
    def read(self, image: bytes) -> OcrReading:
        Calls.reads += 1
        raise OcrUnavailable("the model could not be loaded")


class UndecodableEngine:
    def read(self, image: bytes) -> OcrReading:
        raise ValueError("not an image")


def fixed_recognition(reading: OcrReading) -> Recognition:
    return Calls.result


def use_fixed_ocr(settings, monkeypatch) -> type[Calls]:
    """The fake engine and parsers (a fixture's body); set ``.result`` on what it returns to change what is
    recognised."""
    settings.OCR_ENGINE = "tests.materials.recognition.engines.FixedEngine"
    monkeypatch.setattr("entities.recognition.recognise", fixed_recognition, raising=False)
    Calls.reads = 0
    Calls.result = LICENCE
    return Calls

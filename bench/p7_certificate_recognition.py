"""P7: certificate recognition on the generated test set, and a 12 MP photo against the model's bare call.

1. Accuracy: ``tests/recognition/make_certificates.py`` draws and photographs business licences and ID card
   fronts (60 of each, 20 with ``--quick``; a few ID backs and organisation certificates beside them); each
   goes through the engine and ``recognise``. Reported: field-level accuracy per kind (a field is right when
   the proposal equals what was printed; missing and wrong are counted apart), the share of images whose
   number (USCC, resident ID) is right (bar: ≥ 95%), and the wrong numbers proposed (bar: none, ever).
2. Speed: one licence photographed at 4000×3000 through the full path (decode, orientation, downscale, OCR,
   parse) against the model's bare call on the same image already decoded; runs interleaved, medians
   reported (bar: ≤ 3×).

    python -m bench --only P7                 in the table with the other figures
    python -m bench.p7_certificate_recognition [--quick]   alone, with the per-field detail
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from typing import Any

NUMBER_FIELD = {
    "business_licence": "credit_code",
    "id_card_front": "number",
    "organisation_certificate": "number",
}
KIND_NAMES = {
    "business_licence": "business licences",
    "id_card_front": "ID card fronts",
    "id_card_back": "ID card backs",
    "organisation_certificate": "organisation certificates",
}


def _engine_and_recognise():
    from entities.recognition import recognise
    from gateways.rapidocr_engine import RapidOcrEngine

    return RapidOcrEngine(), recognise


def measure_accuracy(*, licences: int, id_cards: int, id_backs: int, organisations: int) -> dict[str, Any]:
    """Per kind: images, fields right/missing/wrong by field, numbers right and wrong."""
    from tests.recognition.make_certificates import make_set

    engine, recognise = _engine_and_recognise()
    samples = make_set(licences=licences, id_cards=id_cards, id_backs=id_backs, organisations=organisations)
    by_kind: dict[str, dict[str, Any]] = {}
    for sample in samples:
        recognition = recognise(engine.read(sample.image))
        proposed = {name: proposal.value for name, proposal in recognition.fields.items()}
        tally = by_kind.setdefault(
            sample.kind,
            {"images": 0, "right": Counter(), "missing": Counter(), "wrong": Counter(), "kind_wrong": 0},
        )
        tally["images"] += 1
        if recognition.kind.value != sample.kind:
            tally["kind_wrong"] += 1
        for name, truth in sample.truth.items():
            if name not in proposed:
                tally["missing"][name] += 1
            elif proposed[name] == truth:
                tally["right"][name] += 1
            else:
                tally["wrong"][name] += 1
                tally.setdefault("wrong_examples", []).append((sample.name, name, truth, proposed[name]))
    return by_kind


def measure_speed(repeats: int = 3) -> dict[str, float]:
    """Median seconds of the full path and of the bare model call on one 12 MP licence photo."""
    import cv2
    import numpy as np

    from gateways.rapidocr_engine import bare_model
    from tests.recognition.make_certificates import twelve_megapixel_licence

    engine, recognise = _engine_and_recognise()
    sample = twelve_megapixel_licence()
    pixels = cv2.imdecode(np.frombuffer(sample.image, dtype=np.uint8), cv2.IMREAD_COLOR)
    model = bare_model()
    model(pixels)  # the first call loads the sessions: not part of either side
    full, bare = [], []
    right = True
    for _ in range(repeats):
        started = time.perf_counter()
        recognition = recognise(engine.read(sample.image))
        full.append(time.perf_counter() - started)
        right = right and recognition.fields.get("credit_code", None) is not None
        started = time.perf_counter()
        model(pixels)
        bare.append(time.perf_counter() - started)
    return {
        "full": statistics.median(full),
        "bare": statistics.median(bare),
        "pixels": pixels.shape[0] * pixels.shape[1],
        "code_read": right,
    }


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def rows_from(by_kind: dict[str, dict[str, Any]], speed: dict[str, float]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    wrong_numbers = 0
    for kind, tally in by_kind.items():
        fields = sum(tally["right"].values()) + sum(tally["missing"].values()) + sum(tally["wrong"].values())
        rows.append(
            {
                "figure": "P7",
                "what": f"{KIND_NAMES[kind]}: fields right ({tally['images']} images, {fields} fields; "
                f"{sum(tally['missing'].values())} missing, {sum(tally['wrong'].values())} wrong)",
                "value": _percent(sum(tally["right"].values()), fields),
                "floor": None,
                "unit": "%",
                "bar": "reported",
                "holds": True,
            }
        )
        number = NUMBER_FIELD.get(kind)
        if number is None:
            continue
        wrong_numbers += tally["wrong"][number]
        if kind in ("business_licence", "id_card_front"):
            share = _percent(tally["right"][number], tally["images"])
            rows.append(
                {
                    "figure": "P7",
                    "what": f"{KIND_NAMES[kind]}: {number} right on the image",
                    "value": share,
                    "floor": None,
                    "unit": "%",
                    "bar": "≥ 95%",
                    "holds": share >= 95.0,
                }
            )
    rows.append(
        {
            "figure": "P7",
            "what": "wrong numbers proposed (a failed checksum is never offered)",
            "value": wrong_numbers,
            "floor": None,
            "unit": "wrong",
            "bar": "= 0",
            "holds": wrong_numbers == 0,
        }
    )
    ratio = speed["full"] / speed["bare"]
    rows.append(
        {
            "figure": "P7",
            "what": f"a {speed['pixels'] / 1e6:.0f} MP licence photo: decode, orient, OCR, parse vs bare model",
            "value": speed["full"],
            "floor": speed["bare"],
            "unit": "s",
            "ratio": ratio,
            "bar": "≤ 3.00×",
            "holds": ratio <= 3.0 and bool(speed["code_read"]),
        }
    )
    return rows


def measure_p7(run: Any = None) -> list[dict[str, Any]]:
    """The figure's rows for ``python -m bench`` (``run.quick``: 20 of each kind instead of 60)."""
    quick = bool(getattr(run, "quick", False))
    count = 20 if quick else 60
    by_kind = measure_accuracy(licences=count, id_cards=count, id_backs=count // 6, organisations=count // 6)
    return rows_from(by_kind, measure_speed())


def _detail(by_kind: dict[str, dict[str, Any]]) -> str:
    lines = []
    for kind, tally in by_kind.items():
        lines.append(f"{KIND_NAMES[kind]} ({tally['images']} images, kind misread on {tally['kind_wrong']}):")
        names = sorted(set(tally["right"]) | set(tally["missing"]) | set(tally["wrong"]))
        for name in names:
            right, missing, wrong = tally["right"][name], tally["missing"][name], tally["wrong"][name]
            lines.append(f"  {name:22} right {right:3}  missing {missing:3}  wrong {wrong:3}")
        for example in tally.get("wrong_examples", [])[:10]:
            lines.append(
                f"    wrong: {example[0]} {example[1]}: printed {example[2]!r}, proposed {example[3]!r}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.p7_certificate_recognition")
    parser.add_argument("--quick", action="store_true", help="20 images of each kind instead of 60")
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icp_portal.settings")
    import django

    django.setup()
    from bench.__main__ import render

    count = 20 if arguments.quick else 60
    by_kind = measure_accuracy(licences=count, id_cards=count, id_backs=count // 6, organisations=count // 6)
    rows = rows_from(by_kind, measure_speed())
    print(_detail(by_kind))
    print(render(rows))
    return 0 if all(row["holds"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

"""Figure P7's rows (the measuring itself runs the model: ``python -m bench --only P7``)."""

from __future__ import annotations

from collections import Counter

from bench.__main__ import render
from bench.p7_certificate_recognition import rows_from


def tally(images: int, right: dict[str, int], wrong: dict[str, int] | None = None) -> dict:
    wrong = Counter(wrong or {})
    missing = Counter({name: images - count - wrong[name] for name, count in right.items()})
    return {"images": images, "right": Counter(right), "missing": missing, "wrong": wrong, "kind_wrong": 0}


SPEED = {"full": 1.2, "bare": 1.0, "pixels": 12_000_000, "code_read": True}


def test_the_rows_hold_when_numbers_are_right_on_95_percent_and_none_is_wrong():
    rows = rows_from(
        {
            "business_licence": tally(60, {"credit_code": 58, "name": 60}),
            "id_card_front": tally(60, {"number": 60, "name": 59}),
        },
        SPEED,
    )
    assert all(row["holds"] for row in rows)
    table = render(rows)
    assert "credit_code right on the image" in table and "1.20×" in table


def test_one_wrong_number_or_too_few_right_fails_the_figure():
    rows = rows_from(
        {
            "business_licence": tally(60, {"credit_code": 56}),
            "id_card_front": tally(60, {"number": 59}, wrong={"number": 1}),
        },
        SPEED,
    )
    failing = {row["what"] for row in rows if not row["holds"]}
    assert failing == {
        "business licences: credit_code right on the image",
        "wrong numbers proposed (a failed checksum is never offered)",
    }


def test_a_slow_full_path_fails_the_speed_bar():
    rows = rows_from({}, {**SPEED, "full": 3.5})
    assert [row["holds"] for row in rows] == [True, False]

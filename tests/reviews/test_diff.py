"""The diff since the last rejection: from two rounds' snapshots, field by field, materials replaced, and for
each reason of the rejection whether what it names changed (the resubmit condition's own test)."""

from __future__ import annotations

from types import SimpleNamespace as Row

from reviews.diff import diff_since_last_rejection, snapshot_changes

BEFORE = {
    "entity.name": "张三",
    "entity.mailing_address": "北京示例路1号",
    "entity.head.certificate_number": "hash-1",
    "websites.0.name": "山水",
    "materials.id_front": 10,
}


def _filing(review_round: int = 2) -> Row:
    return Row(review_round=review_round)


def _events(reasons: list[dict], explanations: dict | None = None) -> list[Row]:
    return [
        Row(transition="submit", to_state="provider_review", reasons=[], payload={}),
        Row(transition="reject", to_state="provider_rejected", reasons=reasons, payload={}),
        Row(
            transition="resubmit",
            to_state="provider_review",
            reasons=[],
            payload={"explanations": explanations} if explanations else {},
        ),
    ]


def test_snapshot_changes_list_each_changed_path_with_materials_last():
    after = {
        **BEFORE,
        "materials.id_front": 11,
        "entity.mailing_address": "北京示例路2号",
        "websites.1.name": "新",
    }
    changes = snapshot_changes(BEFORE, after)
    assert [c.path for c in changes] == ["entity.mailing_address", "websites.1.name", "materials.id_front"]
    assert [c.kind for c in changes] == ["field", "field", "material"]
    assert changes[1].before is None and changes[1].after == "新"


def test_a_changed_certificate_number_is_an_identity_change_without_values_to_show():
    (change,) = snapshot_changes(BEFORE, {**BEFORE, "entity.head.certificate_number": "hash-2"})
    assert change.kind == "identity"


def test_the_diff_answers_each_reason_of_the_rejection():
    after = {**BEFORE, "entity.mailing_address": "北京示例路2号", "materials.id_front": 12}
    reasons = [
        {"code": "address_incomplete", "field": "entity.mailing_address", "message": "地址 / Address"},
        {"code": "website_name_invalid", "field": "websites.0.name", "message": "名称 / Name"},
        {"code": "photo_unclear", "field": "materials", "message": "照片 / Photo"},
        {"code": "open_order_exists", "field": "filing", "message": "订单 / Order"},
    ]
    snapshots = [Row(review_round=1, data=BEFORE), Row(review_round=2, data=after)]
    diff = diff_since_last_rejection(
        _filing(), snapshots=snapshots, events=_events(reasons, {"1": "名称无误"})
    )
    assert (diff.round_before, diff.round_now) == (1, 2)
    assert [c.path for c in diff.changes] == ["entity.mailing_address", "materials.id_front"]
    assert [(r.code, r.changed) for r in diff.reasons] == [
        ("address_incomplete", True),
        ("website_name_invalid", False),
        ("photo_unclear", True),
        ("open_order_exists", None),
    ]
    assert diff.reasons[1].explanation == "名称无误" and diff.reasons[0].explanation == ""


def test_no_diff_for_a_first_round_or_without_the_earlier_snapshot():
    snapshots = [Row(review_round=1, data=BEFORE)]
    assert diff_since_last_rejection(_filing(1), snapshots=snapshots, events=[]) is None
    assert diff_since_last_rejection(_filing(2), snapshots=snapshots, events=[]) is None
    only_now = [Row(review_round=2, data=BEFORE)]
    assert diff_since_last_rejection(_filing(2), snapshots=only_now, events=[]) is None


def test_an_unchanged_resubmission_has_an_empty_diff():
    snapshots = [Row(review_round=1, data=BEFORE), Row(review_round=2, data=dict(BEFORE))]
    diff = diff_since_last_rejection(_filing(), snapshots=snapshots, events=_events([]))
    assert diff.changes == [] and diff.reasons == []

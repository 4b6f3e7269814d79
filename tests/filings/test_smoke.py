from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_builder_reaches_miit_submission(build):
    filing = build.start()
    filing = build.to(filing, "miit_submission")
    assert filing.state == "miit_submission"
    assert [e.transition for e in filing.events.all()] == [
        "detect_type",
        "verify_instance",
        "enter_information",
        "complete_materials",
        "submit",
        "approve",
    ]

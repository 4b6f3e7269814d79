"""``url_for_each``: one ``reverse`` for a list's links, each the URL ``reverse`` gives."""

from __future__ import annotations

import uuid

from django.urls import reverse

from filings.pages.common import url_for_each


def test_each_link_is_what_reverse_gives() -> None:
    filing_code = uuid.uuid4()
    for name, fixed in (
        ("material-file", ()),
        ("material-thumbnail", ()),
        ("verification-form", (filing_code,)),
    ):
        link = url_for_each(name, *fixed)
        for code in (uuid.uuid4(), uuid.UUID(int=0), str(uuid.uuid4())):
            assert link(code) == reverse(name, args=[*fixed, code])

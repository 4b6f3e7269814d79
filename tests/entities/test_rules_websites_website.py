"""One website as a whole (``entities.rules.websites.website``)."""

from __future__ import annotations

import pytest

from entities.rules.websites import check_website
from tests.entities.rules_helpers import ENTERPRISE_USCC, PERSON_ID, TODAY, document, found, region

# A website as a whole.


@pytest.mark.parametrize(
    ("index", "website", "nature", "expected"),
    [
        (
            0,
            {
                "name": "阿里云计算",
                "domain": "example.com",
                "homepage_url": "https://www.example.com/",
                "content_type": "e_commerce",
                "pre_approvals": [],
            },
            "enterprise",
            [],
        ),
        (
            2,
            {
                "name": "ab",
                "domain": "example.com",
                "homepage_url": "https://example.org/",
                "content_type": "news",
                "pre_approvals": [document("news")],
            },
            "individual",
            [
                ("websites.2.name", "name_only_latin_digits"),
                ("websites.2.content_type", "content_type_individual"),
                ("websites.2.homepage_url", "homepage_url_off_domain"),
                ("websites.2.pre_approvals", "pre_approval_individual"),
            ],
        ),
        (
            1,
            {
                "name": "阿里云计算",
                "domain": "example.com",
                "homepage_url": "http://example.com",
                "content_type": "x",
            },
            "enterprise",
            [("websites.1.pre_approvals", "pre_approval_unanswered")],
        ),
    ],
)
def test_website(index, website, nature, expected):
    number = PERSON_ID if nature == "individual" else ENTERPRISE_USCC
    problems = check_website(
        index=index,
        website=website,
        nature=nature,
        certificate_number=number,
        region=region("CN-BJ"),
        today=TODAY,
    )
    assert found(problems) == expected

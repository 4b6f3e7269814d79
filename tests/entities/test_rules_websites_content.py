"""Content type and homepage URL (``entities.rules.websites.content``)."""

from __future__ import annotations

import pytest

from entities.rules.websites import check_content_type, check_homepage_url
from tests.entities.rules_helpers import found

# Content type: individuals only "other".

CONTENT = "websites.0.content_type"


@pytest.mark.parametrize(
    ("nature", "content_type", "expected"),
    [
        ("individual", "other", []),
        ("enterprise", "other", []),
        ("enterprise", "e_commerce", []),
        ("individual", "e_commerce", [(CONTENT, "content_type_individual")]),
        ("individual", "news", [(CONTENT, "content_type_individual")]),
        ("enterprise", "", [(CONTENT, "content_type_required")]),
    ],
)
def test_content_type(nature, content_type, expected):
    assert found(check_content_type(nature=nature, content_type=content_type)) == expected


# Homepage on the website's domain.

HOMEPAGE = "websites.0.homepage_url"


@pytest.mark.parametrize(
    ("url", "domain", "expected"),
    [
        ("http://example.com", "example.com", []),
        ("https://www.example.com/index.html", "example.com", []),
        ("www.example.com", "example.com", []),  # scheme added
        ("HTTPS://WWW.EXAMPLE.COM/", "Example.COM", []),
        ("https://www.例子.中国/", "xn--fsqu00a.xn--fiqs8s", []),
        ("https://www.xn--fsqu00a.xn--fiqs8s/", "例子.中国", []),
        ("http://example.com:8080/", "example.com", []),
        ("https://example.com", "not a domain", []),  # the domain field reports its own problem
        ("", "example.com", [(HOMEPAGE, "homepage_url_required")]),
        ("ftp://example.com", "example.com", [(HOMEPAGE, "homepage_url_invalid")]),
        ("http://", "example.com", [(HOMEPAGE, "homepage_url_invalid")]),
        ("http://example.com:99999/", "example.com", [(HOMEPAGE, "homepage_url_invalid")]),
        ("http://example.org", "example.com", [(HOMEPAGE, "homepage_url_off_domain")]),
        ("http://notexample.com", "example.com", [(HOMEPAGE, "homepage_url_off_domain")]),
        ("http://example.com.evil.cn", "example.com", [(HOMEPAGE, "homepage_url_off_domain")]),
    ],
)
def test_homepage_url(url, domain, expected):
    assert found(check_homepage_url(homepage_url=url, domain=domain)) == expected

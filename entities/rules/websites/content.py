"""What a website serves and where: its content type (an individual's only "other") and its homepage URL
on the website's own domain."""

from __future__ import annotations

from urllib.parse import urlsplit

import idna

from common.errors import ApplicationError
from entities.domains import normalise_domain
from entities.models import EntityNature
from entities.rules import Problem, problem

CONTENT_TYPE_OTHER = "other"  # 其他: the only content type an individual's website may have


def check_content_type(
    *, nature: str, content_type: str, field: str = "websites.0.content_type"
) -> list[Problem]:
    if not (content_type or "").strip():
        return [
            problem(
                field, "content_type_required", "请选择网站内容类型", "Choose the website's content type."
            )
        ]
    if nature == EntityNature.INDIVIDUAL and content_type != CONTENT_TYPE_OTHER:
        return [
            problem(
                field,
                "content_type_individual",
                f"个人网站的内容类型只能为“其他”，不能为“{content_type}”",
                f"An individual's website can only have the content type “other”, not “{content_type}”.",
            )
        ]
    return []


def _ascii_host(host: str) -> str | None:
    try:
        return idna.encode(host.rstrip("."), uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None


def check_homepage_url(
    *, homepage_url: str, domain: str, field: str = "websites.0.homepage_url"
) -> list[Problem]:
    """An http(s) URL whose host is the website's domain or one of its subdomains (``www.``)."""
    text = (homepage_url or "").strip()
    if not text:
        return [problem(field, "homepage_url_required", "请填写网站首页地址", "Enter the homepage URL.")]
    if "://" not in text:
        text = f"http://{text}"
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _port = parts.port  # a malformed port raises ValueError here
    except ValueError:
        parts, host = None, None
    if parts is None or not host or parts.scheme.lower() not in ("http", "https"):
        return [
            problem(
                field,
                "homepage_url_invalid",
                f"“{homepage_url}”不是有效的网址，应以http://或https://开头",
                f"“{homepage_url}” is not a valid web address (http:// or https://).",
            )
        ]
    try:
        unicode_domain, ascii_domain = normalise_domain(domain)
    except ApplicationError:
        return []  # the domain's own problem is reported on the domain field
    ascii_host = _ascii_host(host)
    if ascii_host == ascii_domain or (ascii_host or "").endswith(f".{ascii_domain}"):
        return []
    return [
        problem(
            field,
            "homepage_url_off_domain",
            f"网站首页地址“{homepage_url}”不在本网站的域名{unicode_domain}下",
            f"The homepage “{homepage_url}” is not on the website's domain {unicode_domain}.",
        )
    ]

"""Every notice kind's templates render in both languages, on every channel, with what ``filings/notices.py``
puts in a context; and every string they mark is in the Chinese catalogue (issue 13, acceptance 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

from notifications.models import Notification
from notifications.rendering import render
from tests.test_locale import catalogue, read_po

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "notifications"
FILES = ("subject.txt", "body.txt", "body.html", "sms.txt")
# Every kind the portal sends: each folder of templates/notifications/ (the outbox's own test kind aside).
KINDS = sorted(path.name for path in TEMPLATES.iterdir() if path.is_dir() and path.name != "test_notice")
SITE = "https://portal.example.com"

REASONS = [
    {
        "code": "address_incomplete",
        "field": "entity.mailing_address",
        "message": "地址不完整",
        "url": SITE + "/a",
    },
    {"code": "photo_unclear", "field": "materials.x", "message": "照片不清晰", "url": SITE + "/b"},
]
CONTEXT = {
    "filing_code": "9b2f6a1e-0000-4000-8000-000000000000",
    "filing_url": SITE + "/filings/x/",
    "entity_name": "张三",
    "domains": ["example.com", "例子.中国"],
    "reasons": REASONS,
    "message": "请补充",
    "mailing_url": SITE + "/filings/x/mailing/",
    "address": "杭州市示例路1号",
    "sms_url": SITE + "/filings/x/sms/",
    "deadline": "2026-01-02 10:00",
    "valid_hours": 24,
    "entity_number": "京ICP备2026000001号",
    "websites": [
        {"domain": "example.com", "number": "京ICP备2026000001号-1", "snippet": '<a href="x">n</a>'}
    ],
    "result_url": SITE + "/filings/x/result/",
    "psb_days": 30,
    "psb_deadline": "2026-02-01",
    "review_url": SITE + "/review/filings/x/",
    "assigned_by": "olga",
    "due_on": "2026-01-05",
    "days": 7,
    "hours_left": 4,
    "withdraw_days": 45,
    "withdraw_on": "2026-02-15",
    "psb_site": "beian.mps.gov.cn",
    "missing": ["example.com"],
}


FAILURE = {
    "failed_kind": "filing_submitted",
    "channel": "email",
    "error": "SMTP 550 mailbox unavailable",
    "admin_url": "http://127.0.0.1:8000/admin/notifications/notification/1/change/",
}


def _notice(kind: str, channel: str, language: str) -> Notification:
    return Notification(kind=kind, channel=channel, language=language, context=CONTEXT)


def test_every_kind_has_its_four_files():
    for kind in KINDS:
        for name in FILES:
            assert (TEMPLATES / kind / name).is_file(), f"{kind}/{name}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_kind_renders_on_every_channel_in_both_languages(kind, language):
    email = render(_notice(kind, "email", language))
    assert email.subject and "\n" not in email.subject
    assert email.text.strip() and email.html.strip().startswith("<!doctype html>")
    assert "{{" not in email.text + email.html and "{%" not in email.text + email.html
    inbox = render(_notice(kind, "inbox", language))
    assert inbox.subject == email.subject and inbox.text == email.text
    sms = render(_notice(kind, "sms", language))
    assert sms.text and not sms.subject
    if kind == "delivery_failed":  # the operators' notice is about a notice, not a filing
        failed = render(Notification(kind=kind, channel="inbox", language=language, context=FAILURE))
        assert "filing_submitted" in failed.text and "SMTP 550" in failed.text and "/admin/" in failed.text
    else:
        assert "example.com" in email.subject
    if kind in ("filing_returned", "filing_miit_returned"):
        for reason in REASONS:
            assert reason["message"] in email.text and reason["url"] in email.text
            assert reason["url"] in email.html
    if kind == "filing_approved":
        assert "京ICP备2026000001号-1" in email.text and "30" in email.text
        assert '<a href="x">n</a>' in email.text  # the snippet to copy, as it is
        assert "&lt;a href=" in email.html  # shown, not rendered, in the HTML part


def _msgids(path: Path) -> list[str]:
    """The msgids a template marks: ``{% translate "…" %}`` and ``{% blocktranslate %}…`` (variables as
    ``%(name)s``, as ``makemessages`` writes them)."""
    found: list[str] = []
    inside: list[str] | None = None
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        content = token.contents
        if token.token_type == TokenType.BLOCK:
            if content.startswith(("translate ", "trans ")):
                found.append(re.match(r"\w+ (\"|')(.*)\1", content)[2].replace("\\'", "'"))
            elif content.startswith(("blocktranslate", "blocktrans")):
                inside = []
            elif content.startswith(("endblocktranslate", "endblocktrans")) and inside is not None:
                found.append("".join(inside))
                inside = None
        elif inside is not None:
            if token.token_type == TokenType.VAR:
                inside.append(f"%({content.split('|')[0].strip()})s")
            else:
                inside.append(token.contents.replace("%", "%%"))
    return found


def test_the_msgid_reader_reads_both_tags():
    sample = TEMPLATES / "filing_submitted" / "subject.txt"
    assert _msgids(sample) == ["[%(provider_name)s] Your ICP filing for %(sites)s is submitted"]


def test_every_string_of_the_notice_templates_is_in_the_chinese_catalogue():
    translated = read_po(catalogue("zh_Hans"))
    missing = sorted(
        {msgid for kind in KINDS for name in FILES for msgid in _msgids(TEMPLATES / kind / name)}
        - set(translated)
    )
    assert missing == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_chinese_rendering_is_not_the_english_one(kind):
    for channel in ("email", "sms"):
        chinese = render(_notice(kind, channel, "zh-hans"))
        english = render(_notice(kind, channel, "en"))
        assert chinese.text != english.text and (channel == "sms" or chinese.subject != english.subject)

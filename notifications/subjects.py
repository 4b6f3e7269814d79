"""Operators' subject lines (``SubjectOverride``): read through the cache, since the inbox page and the API
render a subject per row; the admin clears the cache on every save or delete."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template import Context, engines
from django.template.base import Lexer, TokenType

from notifications.models import SubjectOverride

CACHE_KEY = "notifications:subject-overrides"
CACHE_SECONDS = 300
# What every notice's templates see besides the notice's own context (``rendering._context``).
COMMON_NAMES = frozenset({"site_url", "provider_name", "notification"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def subject_overrides() -> dict[tuple[str, str], str]:
    """(kind, language) → the operator's subject template."""

    def load() -> dict[tuple[str, str], str]:
        rows = SubjectOverride.objects.values_list("kind", "language", "subject")
        return {(kind, language): subject for kind, language, subject in rows}

    return cache.get_or_set(CACHE_KEY, load, CACHE_SECONDS)


def subject_overrides_changed() -> None:
    cache.delete(CACHE_KEY)


def render_subject_override(source: str, context: dict) -> str:
    """The override rendered like ``subject.txt``: plain text, no HTML escaping."""
    template = engines["django"].from_string(source)
    return template.template.render(Context(context, autoescape=False))


@functools.cache
def notification_kinds() -> tuple[str, ...]:
    """The kinds that exist: one folder each under ``templates/notifications/``."""
    folder = Path(settings.BASE_DIR) / "templates" / "notifications"
    return tuple(sorted(path.name for path in folder.iterdir() if path.is_dir()))


def kind_folder(kind: str) -> Path:
    return Path(settings.BASE_DIR) / "templates" / "notifications" / kind


def names_of_kind(kind: str) -> frozenset[str]:
    """Every name the kind's own templates use in a tag or a placeholder: what its context may hold."""
    names: set[str] = set()
    for path in kind_folder(kind).glob("*.*"):
        for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
            if token.token_type in (TokenType.VAR, TokenType.BLOCK):
                names.update(_NAME.findall(token.contents))
    return frozenset(names | COMMON_NAMES)


def placeholder_problems(source: str, kind: str) -> tuple[list[str], bool]:
    """(names used that the kind's context lacks, whether a {% tag %} is used)."""
    known = names_of_kind(kind)
    unknown, has_tag = [], False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            has_tag = True
        elif token.token_type == TokenType.VAR:
            name = _NAME.match(token.contents.strip())
            if name is None or name.group(0) not in known:
                unknown.append(token.contents.strip())
    return unknown, has_tag

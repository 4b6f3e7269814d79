"""Pages and the services' refusals: one way to put an ``ApplicationError``'s field paths onto forms.

A service refuses with field paths (``entity.head.mobile``, ``websites.0.domain``); a page holds one Django
form per part of the path, its ``prefix`` the path with dashes (``entity-head``, ``websites-0``). Each message
goes beside its field; a path no form holds goes to the page's own list, so nothing is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django import forms
from django.utils.translation import get_language

from common.errors import ApplicationError

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def in_active_language(message: str) -> str:
    """The half of a bilingual rule message (``"中文 / English"``, ``common.problems.problem``) in the page's
    language; any other message as it is (gettext has already translated it)."""
    chinese, separator, english = str(message).partition(" / ")
    # The English half may quote Chinese (an address such as 文三路90号): it is mostly Latin letters.
    latin, chinese_in_english = len(_LATIN.findall(english)), len(_CJK.findall(english))
    if not separator or " / " in english or not _CJK.search(chinese) or latin <= chinese_in_english:
        return str(message)
    return english if (get_language() or "").startswith("en") else chinese


def form_key(path: str) -> tuple[str, str]:
    """``entity.head.mobile`` → (``entity-head``, ``mobile``): the form prefix and the field name."""
    prefix, _dot, name = path.rpartition(".")
    return prefix.replace(".", "-"), name


def show_refusal(error: ApplicationError, forms_by_prefix: Mapping[str, forms.BaseForm]) -> list[str]:
    """Add each of the refusal's messages to the field it names; return the messages no field holds (the
    refusal's own message when it names no field at all), for the page's error summary."""
    unplaced: list[str] = []
    for path, messages in error.fields.items():
        prefix, name = form_key(path)
        form = forms_by_prefix.get(prefix)
        texts = [in_active_language(message) for message in messages]
        if form is not None and name in form.fields:
            for text in texts:
                if text not in form.errors.get(name, []):
                    form.add_error(name, text)
        else:
            unplaced.extend(text for text in texts if text not in unplaced)
    if not error.fields:
        unplaced.append(in_active_language(error.message))
    return unplaced

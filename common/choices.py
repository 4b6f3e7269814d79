"""Choice labels translated once per language.

``get_FOO_display`` translates a label again on every call; a page of 50 rows with a state, a type and a
nature in each, or a state tag on every filing, spent most of its time there (issue 15, P2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language

_LABELS: dict[tuple[str, str], dict[str, str]] = {}


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """``value``'s label in the active language (the value itself when it is not a choice)."""
    key = (f"{choices.__module__}.{choices.__qualname__}", get_language() or "")
    labels = _LABELS.get(key)
    if labels is None:
        labels = _LABELS[key] = {item.value: str(item.label) for item in choices}
    return labels.get(value, value)

"""Choices shared by the review screen's forms (their widgets are written by ``common.widget_rendering``,
the same HTML as Django's templates)."""

from __future__ import annotations

from typing import Any

from django.utils.choices import BaseChoiceIterator, normalize_choices


class NormalizedChoices(BaseChoiceIterator):
    """Choices normalized once for many fields: a field normalizes a plain list each time it is given one
    (the review screen gives the same 27 paths to 28 fields, one a rejection reason), not an iterator."""

    def __init__(self, choices: Any) -> None:
        self.choices = normalize_choices(choices)

    def __iter__(self) -> Any:
        return iter(self.choices)

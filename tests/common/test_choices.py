"""``common.choices.choice_label``: the label in the active language, translated once per language."""

from __future__ import annotations

from django.utils import translation

from common.choices import choice_label
from filings.states import FilingState, FilingType


def test_the_label_in_each_language_and_an_unknown_value_as_itself():
    with translation.override("en"):
        english = choice_label(FilingState, FilingState.APPROVED)
        assert english == str(FilingState.APPROVED.label)
        assert choice_label(FilingType, "no-such-type") == "no-such-type"
    with translation.override("zh-hans"):
        chinese = choice_label(FilingState, FilingState.APPROVED)
        assert chinese == str(FilingState.APPROVED.label) and chinese != english
    with translation.override("en"):
        assert choice_label(FilingState, FilingState.APPROVED) == english

"""The review lists' filter form (GET, works without JavaScript): each choice carries the number of filings
it would show (``reviews.selectors.facet_counts``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.widget_rendering import PortalForm
from entities.models import EntityNature, Region
from filings.deadlines import DeadlineState
from filings.pages.regions import region_name
from filings.states import FilingType
from reviews.selectors import AGE_LABELS, AGES, YES_NO, ReviewFilters

LABELS = {
    "region": _("Region"),
    "filing_type": _("Filing type"),
    "nature": _("Entity nature"),
    "age": _("Days in review"),
    "deadline": _("Deadline"),
    "resubmission": _("Resubmission"),
    "findings": _("Automated findings"),
}


def _values(regions: list[Region]) -> dict[str, list[tuple[str, Any]]]:
    return {
        "region": [(region.code, region_name(region)) for region in regions],
        "filing_type": list(FilingType.choices),
        "nature": list(EntityNature.choices),
        "age": [(key, AGE_LABELS[key]) for key, _from, _to in AGES],
        "deadline": list(DeadlineState.choices),
        "resubmission": list(YES_NO),
        "findings": list(YES_NO),
    }


class ReviewFilterForm(PortalForm):
    """One select a facet; an unknown value is an error on its field and does not filter."""

    def __init__(self, data: Any, *, regions: list[Region]) -> None:
        super().__init__(data)
        self.values = _values(regions)
        for facet in ReviewFilters.FACETS:
            self.fields[facet] = forms.ChoiceField(
                label=LABELS[facet],
                required=False,
                choices=[("", _("All")), *self.values[facet]],
                widget=forms.Select(attrs={"class": "input"}),
            )

    def filters(self) -> ReviewFilters:
        self.is_valid()  # a value that is not one is left out (and named on its field)
        return ReviewFilters(**{facet: self.cleaned_data.get(facet) or "" for facet in ReviewFilters.FACETS})

    def count_choices(self, counts: dict[str, dict[str, int]]) -> None:
        """Write the counts beside each value: "Beijing (12)"."""
        for facet in ReviewFilters.FACETS:
            numbers = counts.get(facet, {})
            self.fields[facet].choices = [
                ("", _("All")),
                *[(value, f"{label} ({numbers.get(value, 0)})") for value, label in self.values[facet]],
            ]

    def active(self) -> list[tuple[str, str]]:
        """The filters in force, as (label, value's words), for the line above the list."""
        chosen = self.filters()
        found = []
        for facet in ReviewFilters.FACETS:
            value = getattr(chosen, facet)
            if value:
                words = dict(self.values[facet]).get(value, value)
                found.append((str(LABELS[facet]), str(words)))
        return found

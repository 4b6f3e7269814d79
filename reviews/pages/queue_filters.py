"""The review lists' filter form (GET, works without JavaScript): each choice carries the number of filings
it would show (``reviews.selectors.facet_counts``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

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


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's ``django/forms/widgets/attrs.html`` written out: ``True`` names the attribute alone, ``False``
    leaves it out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class FastSelect(forms.Select):
    """Django's select, the same HTML to the byte, written out in Python: its templates include a template per
    option, and the filters' 60 options cost more to render that way than the list's rows."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        widget = context["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))


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


class ReviewFilterForm(forms.Form):
    """One select a facet; an unknown value is an error on its field and does not filter."""

    def __init__(self, data: Any, *, regions: list[Region]) -> None:
        super().__init__(data)
        self.values = _values(regions)
        for facet in ReviewFilters.FACETS:
            self.fields[facet] = forms.ChoiceField(
                label=LABELS[facet],
                required=False,
                choices=[("", _("All")), *self.values[facet]],
                widget=FastSelect(attrs={"class": "input"}),
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

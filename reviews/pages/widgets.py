"""Form widgets of the review pages."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import forms
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


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


class NormalizedChoices(BaseChoiceIterator):
    """Choices normalized once for many fields: a field normalizes a plain list each time it is given one
    (the review screen gives the same 27 paths to 28 fields, one a rejection reason), not an iterator."""

    def __init__(self, choices: Any) -> None:
        self.choices = normalize_choices(choices)

    def __iter__(self) -> Any:
        return iter(self.choices)


class FastSelect(forms.Select):
    """Django's select, the same HTML to the byte, written out in Python: its templates include a template per
    option (the review lists' filters have 60 options, the review screen's reasons some 750), which cost more
    than the rest of the page. One option is (value, label, selected); Django's ``optgroups`` builds a
    dictionary of ten entries for each."""

    def optgroups(self, name: str, value: list[str], attrs: Any = None) -> list[Any]:
        groups, has_selected = [], False
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):
                group_name, choices = option_value, option_label
            else:
                group_name, choices = None, [("" if option_value is None else option_value, option_label)]
            options = []
            for subvalue, sublabel in choices:
                selected = (not has_selected or self.allow_multiple_selected) and str(subvalue) in value
                has_selected |= selected
                options.append((subvalue, sublabel, selected))
            groups.append((group_name, options))
        return groups

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        widget = context["widget"]
        html = [f'<select name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{_escaped(group_name)}">')
            for value, label, selected in options:
                chosen = " selected" if selected else ""
                html.append(f'\n  <option value="{_escaped(value)}"{chosen}>{_escaped(label)}</option>\n')
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))


class FastCheckbox(forms.CheckboxInput):
    """Django's checkbox, the same HTML written out (three templates included for each of the review screen's
    28 reasons)."""

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        widget = context["widget"]
        value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
        name, kind = _escaped(widget["name"]), _escaped(widget["type"])
        return mark_safe(f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>')


def _escaped(value: Any) -> str:
    """``conditional_escape``, remembered for plain text: the reasons' 28 selects repeat the same labels."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escaped_text(str(value))


@lru_cache(maxsize=4096)
def _escaped_text(text: str) -> str:
    return escape(text)

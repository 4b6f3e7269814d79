"""``FastWidgetRenderer`` writes exactly what Django's widget templates write, for every widget it knows, and
leaves every other template to Django."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from common.widget_rendering import FastWidgetRenderer

CHOICES = [("", "Choose"), ("a", "A & B"), (1, 'The "one"'), ("c", gettext_lazy("English"))]
GROUPED = [("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("x", "Other <x>"), ("Veg", [("leek", "Leek")])]
ATTRS: list[dict[str, Any]] = [
    {},
    {"id": "id_x"},
    {"id": "id_x", "class": "input input--error", "aria-describedby": "a b", "aria-invalid": "true"},
    {"autocomplete": "off", "spellcheck": "false", "inputmode": "tel", "disabled": True, "readonly": False},
    {"data-x": "<\"quoted\" & 'single'>", "hx-vals": '{"field": "name"}', "maxlength": 64, "required": True},
    {"placeholder": mark_safe("<b>safe</b>"), "data-n": 1234567, "data-f": 1.5},
]
WIDGETS: list[forms.Widget] = [
    forms.TextInput(),
    forms.TextInput(attrs={"autocomplete": "off"}),
    forms.NumberInput(),
    forms.EmailInput(),
    forms.URLInput(),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    forms.DateInput(),
    forms.DateTimeInput(),
    forms.TimeInput(),
    forms.SearchInput(),
    forms.TelInput(),
    forms.ColorInput(),
    forms.FileInput(),
    forms.Textarea(),
    forms.Textarea(attrs={"rows": 3}),
    forms.CheckboxInput(),
    forms.Select(choices=CHOICES),
    forms.Select(choices=GROUPED),
    forms.Select(choices=[]),
    forms.SelectMultiple(choices=CHOICES),
    forms.NullBooleanSelect(),
    forms.CheckboxSelectMultiple(choices=CHOICES),
    forms.CheckboxSelectMultiple(choices=GROUPED),
    forms.CheckboxSelectMultiple(choices=[]),
    forms.RadioSelect(choices=CHOICES),
    forms.RadioSelect(choices=GROUPED),
]
VALUES: list[Any] = [
    None,
    "",
    "plain",
    "with <tags> & \"quotes\" 'single'",
    mark_safe("<i>safe</i>"),
    12345,
    1.25,
    True,
    False,
    dt.date(2026, 12, 3),
    "a",
    1,
    ["a", "c"],
    ["apple", "leek", 1],
    ("x",),
]


def _django(widget: forms.Widget, name: str, value: Any, attrs: dict[str, Any]) -> str:
    return widget.render(name, value, attrs=attrs, renderer=DjangoTemplates())


def _fast(widget: forms.Widget, name: str, value: Any, attrs: dict[str, Any]) -> str:
    return widget.render(name, value, attrs=attrs, renderer=FastWidgetRenderer())


def _same(widget: forms.Widget, name: str, value: Any, attrs: dict[str, Any]) -> None:
    try:
        expected = _django(widget, name, value, dict(attrs))
    except (TypeError, ValueError) as refusal:  # a value the widget itself cannot show
        with pytest.raises(type(refusal)):
            _fast(widget, name, value, dict(attrs))
        return
    assert _fast(widget, name, value, dict(attrs)) == expected, (value, attrs, name)


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda widget: type(widget).__name__)
def test_writes_what_django_writes(widget: forms.Widget) -> None:
    with override("en"):
        for attrs in ATTRS:
            for value in VALUES:
                _same(widget, "websites-0-head-mobile", value, attrs)
        _same(widget, 'we<ird>"', "a", ATTRS[2])
    with override("zh-hans"):  # a lazy label, translated
        for value in VALUES:
            _same(widget, "name", value, ATTRS[1])


def test_a_bound_form_renders_the_same() -> None:
    class Sample(forms.Form):
        name = forms.CharField(max_length=10)
        when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
        kind = forms.ChoiceField(choices=CHOICES)
        tags = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
        agree = forms.BooleanField()
        note = forms.CharField(widget=forms.Textarea)

    data = {"name": "x" * 20, "when": "nope", "kind": "a", "tags": ["a", "1"], "note": "<script>"}
    for bound_data in (None, data):
        django_form = Sample(bound_data, prefix="p", renderer=DjangoTemplates())
        fast_form = Sample(bound_data, prefix="p", renderer=FastWidgetRenderer())
        for name in Sample.base_fields:
            assert fast_form[name].as_widget() == django_form[name].as_widget()
        assert fast_form.as_div() == django_form.as_div()  # a form's own template: Django's


def test_leaves_other_templates_to_django() -> None:
    widget = forms.SplitDateTimeWidget()  # a multi-widget: Django's template with {% spaceless %}
    value = dt.datetime(2026, 12, 3, 17, 30)
    assert _fast(widget, "at", value, {"id": "id_at"}) == _django(widget, "at", value, {"id": "id_at"})
    clearable = forms.ClearableFileInput()
    assert _fast(clearable, "f", None, {}) == _django(clearable, "f", None, {})


def test_an_unknown_option_template_goes_to_django() -> None:
    class Custom(forms.RadioSelect):
        option_template_name = "django/forms/widgets/checkbox_option.html"

    widget = Custom(choices=CHOICES)
    assert _fast(widget, "r", "a", {"id": "id_r"}) == _django(widget, "r", "a", {"id": "id_r"})

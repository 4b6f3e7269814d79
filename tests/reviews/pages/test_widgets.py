"""The review pages' widgets: a select written out in Python renders what Django's select renders."""

from __future__ import annotations

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from reviews.pages.widgets import FastCheckbox, FastSelect


def test_option_groups_and_attributes_are_the_html_djangos_select_renders():
    choices = [
        ("", gettext_lazy("All")),
        ("Group <1>", [("a", "A & B"), ("b", mark_safe("<i>B</i>"))]),
        (None, "none"),
        (3, "C"),
        ("a", "a again: not selected twice"),
    ]
    attrs = {"class": "input", "required": True, "disabled": False, "data-x": 'say "hi"'}
    fast = FastSelect(attrs=attrs, choices=choices).render("pick", "a", attrs={"id": "id_pick"})
    django = forms.Select(attrs=attrs, choices=choices).render("pick", "a", attrs={"id": "id_pick"})
    assert fast == django


@pytest.mark.parametrize("value", [None, False, True, "", "on", 'say "hi"'])
def test_a_checkbox_is_the_html_djangos_checkbox_renders(value):
    attrs = {"class": "box", "required": True, "disabled": False}
    fast = FastCheckbox(attrs=attrs).render("reason-x-chosen", value, attrs={"id": "id_chosen"})
    django = forms.CheckboxInput(attrs=attrs).render("reason-x-chosen", value, attrs={"id": "id_chosen"})
    assert fast == django

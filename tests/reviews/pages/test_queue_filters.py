"""The review lists' filter form: its selects are Django's, written out in Python (the same HTML)."""

from __future__ import annotations

import pytest
from django import forms

from entities.models import Region
from reviews.pages.queue_filters import ReviewFilterForm
from reviews.pages.widgets import FastSelect

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [{}, {"region": "CN-BJ", "deadline": "overdue"}, {"deadline": "yesterday"}, {"nature": "<b>&\"'"}],
)
def test_each_select_is_the_html_djangos_select_renders(data):
    form = ReviewFilterForm(data, regions=list(Region.objects.order_by("code")))
    form.count_choices({"region": {"CN-BJ": 3}, "deadline": {"overdue": 1}})
    form.is_valid()
    for name, field in form.fields.items():
        assert isinstance(field.widget, FastSelect)
        fast = str(form[name])
        field.widget = forms.Select(attrs=field.widget.attrs)
        field.widget.choices = field.choices
        assert fast == str(form[name])

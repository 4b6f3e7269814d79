"""The review lists' filter form: its selects render what Django's templates render."""

from __future__ import annotations

import pytest
from django.forms.renderers import DjangoTemplates

from entities.models import Region
from reviews.pages.queue_filters import ReviewFilterForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [{}, {"region": "CN-BJ", "deadline": "overdue"}, {"deadline": "yesterday"}, {"nature": "<b>&\"'"}],
)
def test_each_select_is_the_html_djangos_templates_render(data):
    regions = list(Region.objects.order_by("code"))
    counts = {"region": {"CN-BJ": 3}, "deadline": {"overdue": 1}}
    fast = ReviewFilterForm(data, regions=regions)
    django = ReviewFilterForm(data, regions=regions)
    django.renderer = DjangoTemplates()
    for form in (fast, django):
        form.count_choices(counts)
        form.is_valid()
    for name in fast.fields:
        assert str(fast[name]) == str(django[name])

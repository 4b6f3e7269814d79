from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from entities.models import EntityNature
from filings.models import Filing
from filings.states import FilingState, FilingType


class TrueOrFalseField(forms.NullBooleanField):
    """``true`` or ``false`` (``1``/``0``), or nothing; Django's field reads anything else as "no filter",
    which would answer a typo with the unfiltered list."""

    widget = forms.TextInput  # NullBooleanSelect, the default, turns what it does not know into None
    TRUE, FALSE = ("true", "True", "1"), ("false", "False", "0")

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if value in self.TRUE or value is True:
            return True
        if value in self.FALSE or value is False:
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")

    def validate(self, value: Any) -> None:
        pass


class TrueOrFalseFilter(django_filters.BooleanFilter):
    field_class = TrueOrFalseField


class FilingFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=FilingState.choices)
    region = django_filters.CharFilter(field_name="region__code", help_text="A region code: `CN-ZJ`")
    filing_type = django_filters.ChoiceFilter(choices=FilingType.choices)

    class Meta:
        model = Filing
        fields = ["state", "region", "filing_type"]


class ReviewFilter(FilingFilter):
    """The review lists' filters (review.md): region, type, nature, resubmissions, claimed or not."""

    nature = django_filters.ChoiceFilter(field_name="entity__nature", choices=EntityNature.choices)
    resubmission = TrueOrFalseFilter(
        method="filter_resubmission", help_text="Only filings reviewed before (true) or first rounds (false)"
    )

    class Meta:
        model = Filing
        fields = ["state", "region", "filing_type", "nature", "resubmission"]

    def filter_resubmission(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(review_round__gt=1) if value else queryset.filter(review_round__lte=1)

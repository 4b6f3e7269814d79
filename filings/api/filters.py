from __future__ import annotations

import django_filters

from entities.models import EntityNature
from filings.models import Filing
from filings.states import FilingState, FilingType


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
    resubmission = django_filters.BooleanFilter(
        method="filter_resubmission", help_text="Only filings reviewed before (true) or first rounds (false)"
    )

    class Meta:
        model = Filing
        fields = ["state", "region", "filing_type", "nature", "resubmission"]

    def filter_resubmission(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(review_round__gt=1) if value else queryset.filter(review_round__lte=1)

"""The review screen's shared choices: normalized once, given to every reason's select, rendered as Django
renders them."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates

from reviews.pages.decisions import ReasonForm
from reviews.pages.widgets import NormalizedChoices


def test_reasons_share_choices_and_render_what_djangos_templates_render(db):
    from reviews.models import RejectionReason

    reason = RejectionReason.objects.filter(active=True).first()
    groups = [("The filing", [("filing", "The whole filing"), ("filing.filing_type", "Type & <kind>")])]
    choices = NormalizedChoices(groups)
    first = ReasonForm(None, prefix="reason-a", reason=reason, choices=choices, initial={"field": "filing"})
    second = ReasonForm(None, prefix="reason-b", reason=reason, choices=choices)
    assert list(first.fields["field"].choices) == list(second.fields["field"].choices) == list(choices)
    django = ReasonForm(
        None,
        prefix="reason-a",
        reason=reason,
        choices=groups,
        initial={"field": "filing"},
        renderer=DjangoTemplates(),
    )
    for name in ("chosen", "field"):
        assert str(first[name]) == str(django[name])
    bound = ReasonForm(
        {"reason-a-field": "filing.filing_type"}, prefix="reason-a", reason=reason, choices=choices
    )
    assert bound.is_valid() and bound.cleaned_data["field"] == "filing.filing_type"
    refused = ReasonForm({"reason-a-field": "nowhere"}, prefix="reason-a", reason=reason, choices=choices)
    assert not refused.is_valid() and "field" in refused.errors
    assert isinstance(first.fields["field"], forms.ChoiceField)

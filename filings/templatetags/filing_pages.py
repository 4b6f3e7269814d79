"""The filing's own building blocks on the pages: its state tag, the step indicator, the timeline."""

from __future__ import annotations

from typing import Any

from django import template

from common.choices import choice_label
from filings.models import Filing
from filings.pages.progress import stages, tag_kind
from filings.states import FilingState

register = template.Library()


@register.inclusion_tag("components/state_tag.html")
def state_tag(filing: Filing) -> dict[str, Any]:
    return {"label": choice_label(FilingState, filing.state), "kind": tag_kind(filing)}


@register.inclusion_tag("components/step_indicator.html")
def step_indicator(filing: Filing) -> dict[str, Any]:
    return {"stages": stages(filing)}

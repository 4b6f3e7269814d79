"""``{{ panel|proposal_of:"name" }}``: what a photo proposes for one field, shown beside it."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def proposal_of(panel: Any, name: str) -> Any:
    return panel.proposal_of(name) if panel is not None else None

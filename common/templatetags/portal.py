"""The design language's building blocks (``templates/components/``): a page composes these, never restyles them.

``{% field form.name %}``: label, hint, the error beside the field, the input wired to both for screen
readers. ``{% error_summary form other_form messages=page_errors %}``: the list at the top of a page linking
to each field in error (GOV.UK's error summary). ``{{ message|in_language }}``: one half of a bilingual rule
message.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField

from common.forms import in_active_language

register = template.Library()


@register.filter
def in_language(message: str) -> str:
    return in_active_language(message)


@register.inclusion_tag("components/field.html")
def field(
    bound: BoundField, hint: str = "", label: str = "", wide: bool = False, reasons: Any = None
) -> dict[str, Any]:
    """``reasons``: what a returned filing's reviewer said of this field (``pages.common.Reason`` or text),
    shown above the input until the applicant resubmits."""
    widget = bound.field.widget
    input_id = bound.auto_id or bound.html_name
    described = []
    hint = hint or str(bound.help_text or "")
    reason_texts = [in_active_language(getattr(item, "message", item)) for item in reasons or []]
    if reason_texts:
        described.append(f"{input_id}-reason")
    if hint:
        described.append(f"{input_id}-hint")
    if bound.errors:
        described.append(f"{input_id}-error")
    attrs: dict[str, Any] = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound.errors:
        attrs["aria-invalid"] = "true"
    choice = isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    checkbox = isinstance(widget, forms.CheckboxInput)
    css = widget.attrs.get("class", "")
    if not (choice or checkbox):
        attrs["class"] = " ".join(
            filter(
                None, [css, "input", "input--error" if bound.errors else "", "input--wide" if wide else ""]
            )
        )
    return {
        "bound": bound,
        "input_id": input_id,
        "label": label or bound.label,
        "hint": hint,
        "reasons": reason_texts,
        "errors": [in_active_language(error) for error in bound.errors],
        "widget_html": bound.as_widget(attrs=attrs),
        "fieldset": choice,
        "checkbox": checkbox,
        "optional": not bound.field.required and not checkbox,
    }


@register.inclusion_tag("components/error_summary.html")
def error_summary(*shown: Any, messages: list[str] | None = None) -> dict[str, Any]:
    """Every error of the forms given (forms, or lists of forms), each linking to its field, and the page's own
    messages first."""
    forms_shown: list[forms.BaseForm | None] = []
    for item in shown:
        forms_shown.extend(item if isinstance(item, list | tuple) else [item])
    items: list[dict[str, str]] = [
        {"anchor": "", "text": in_active_language(text)} for text in messages or []
    ]
    for form in forms_shown:
        if form is None or not form.is_bound:
            continue
        for text in form.non_field_errors():
            items.append({"anchor": "", "text": in_active_language(text)})
        for name, errors in form.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
                continue
            bound = form[name]
            for text in errors:
                items.append(
                    {
                        "anchor": _first_input_id(bound),
                        "label": str(bound.label),
                        "text": in_active_language(text),
                    }
                )
    return {"items": items}


def _first_input_id(bound: BoundField) -> str:
    """Where an error summary's link lands: the input itself, or a choice group's first option (Django gives
    the group no element of the field's own id)."""
    if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    return bound.auto_id

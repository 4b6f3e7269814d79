"""The design language's building blocks (``templates/components/``): a page composes these, never restyles them.

``{% field form.name %}``: label, hint, the error beside the field, the input wired to both for screen
readers. ``{% error_summary form other_form messages=page_errors %}``: the list at the top of a page linking
to each field in error (GOV.UK's error summary). ``{{ message|in_language }}``: one half of a bilingual rule
message.
"""

from __future__ import annotations

import html
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from common.forms import in_active_language

register = template.Library()


@register.filter
def in_language(message: str) -> str:
    return in_active_language(message)


@register.simple_tag
def field(bound: BoundField, hint: str = "", label: str = "", wide: bool = False, reasons: Any = None) -> str:
    """``reasons``: what a returned filing's reviewer said of this field (``pages.common.Reason`` or text),
    shown above the input until the applicant resubmits.

    Written in Python (``field_html``): step 3 shows some 360 fields, and drawing each through the template
    engine cost more than the rest of the page. ``templates/components/field.html`` stays the reference of
    the markup: ``tests/common/test_field_component.py`` renders both and compares them."""
    return field_html(field_context(bound, hint=hint, label=label, wide=wide, reasons=reasons))


def field_context(
    bound: BoundField, *, hint: str = "", label: str = "", wide: bool = False, reasons: Any = None
) -> dict[str, Any]:
    """What the field component shows (the context of ``components/field.html``)."""
    widget = bound.field.widget
    errors = bound.errors  # a new error list at each look
    input_id = bound.auto_id or bound.html_name
    described = []
    hint = hint or str(bound.help_text or "")
    reason_texts = [in_active_language(getattr(item, "message", item)) for item in reasons or []]
    if reason_texts:
        described.append(f"{input_id}-reason")
    if hint:
        described.append(f"{input_id}-hint")
    if errors:
        described.append(f"{input_id}-error")
    attrs: dict[str, Any] = {}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if errors:
        attrs["aria-invalid"] = "true"
    choice = isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    checkbox = isinstance(widget, forms.CheckboxInput)
    css = widget.attrs.get("class", "")
    if not (choice or checkbox):
        attrs["class"] = " ".join(
            filter(None, [css, "input", "input--error" if errors else "", "input--wide" if wide else ""])
        )
    return {
        "bound": bound,
        "input_id": input_id,
        "label": label or bound.label,
        "hint": hint,
        "reasons": reason_texts,
        "errors": [in_active_language(error) for error in errors],
        "widget_html": bound.as_widget(attrs=attrs),
        "fieldset": choice,
        "checkbox": checkbox,
        "optional": not bound.field.required and not checkbox,
    }


def _text(value: Any) -> str:
    """``{{ value }}`` in a template: escaped unless safe, lazy text translated."""
    if type(value) is str:
        return html.escape(value)
    return render_value_in_context(value, _CONTEXT)


_CONTEXT = Context(autoescape=True)


def field_html(context: dict[str, Any]) -> SafeString:
    """``components/field.html``, byte for byte."""
    input_id, label = _text(context["input_id"]), _text(context["label"])
    hint, errors, reasons = context["hint"], context["errors"], context["reasons"]
    widget_html = _text(context["widget_html"])
    optional = f' <span class="optional">{_text(gettext("(optional)"))}</span>' if context["optional"] else ""
    reason_html = hint_html = error_html = ""
    if reasons:
        texts = "".join(f"<p>{_text(text)}</p>" for text in reasons)
        reason_html = (
            f'<div class="notice notice--warning field__reason" id="{input_id}-reason"><p class="notice__title">'
            f"{_text(gettext('Returned for correction:'))}</p>{texts}</div>"
        )
    if hint:
        hint_html = f'<p class="hint" id="{input_id}-hint">{_text(hint)}</p>'
    if errors:
        messages = "<br>".join(_text(message) for message in errors)
        error_html = (
            f'<p class="error-message" id="{input_id}-error"><span class="visually-hidden">'
            f"{_text(gettext('Error:'))}</span> {messages}</p>"
        )
    parts = [f'<div class="field{" field--error" if errors else ""}" id="{input_id}-field">\n']
    if context["fieldset"]:
        described = ""
        if hint or errors:
            hint_id = f"{input_id}-hint" if hint else ""
            error_id = f" {input_id}-error" if errors else ""
            described = f'aria-describedby="{hint_id}{error_id}"'
        parts += [
            f'\n  <fieldset class="fieldset" {described}>\n',
            f'    <legend class="label">{label}{optional}</legend>\n',
            f"    {reason_html}\n    {hint_html}\n    {error_html}\n",
            f'    <div class="choices">{widget_html}</div>\n  </fieldset>\n',
        ]
    elif context["checkbox"]:
        parts += [
            f"\n  {reason_html}\n  {error_html}\n",
            f'  <div class="checkbox">{widget_html} <label for="{input_id}">{label}</label></div>\n',
            f"  {hint_html}\n",
        ]
    else:
        parts += [
            f'\n  <label class="label" for="{input_id}">{label}{optional}</label>\n',
            f"  {reason_html}\n  {hint_html}\n  {error_html}\n  {widget_html}\n",
        ]
    parts.append("\n</div>\n")
    return mark_safe("".join(parts))


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

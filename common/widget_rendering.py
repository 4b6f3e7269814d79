"""A form renderer that writes Django's own widget templates in Python: the same HTML, byte for byte, in a
tenth of the time.

Step 3's page shows about 360 fields for a filing with ten websites (each website's person in charge and the
approval document of every pre-approval category); Django's template engine spent about 1 ms on each input,
select and option, two thirds of the page's time. ``FastWidgetRenderer`` knows the templates of the inputs,
textareas, selects, checkboxes and radios (``django/forms/widgets/``) and writes what they would; any other
template (a project's widget, a multi-widget, a form or error template) goes to Django's renderer as usual.
``tests/filings/pages/test_widget_rendering.py`` compares its output with Django's for every widget it knows.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData

_CONTEXT = Context(autoescape=True)  # what ``{{ value }}`` needs of a context: escaping, localisation


def _value(value: Any) -> str:
    """``{{ value }}``."""
    if type(value) is str:  # the common case, without Django's lazy-aware wrappers (the same escaping)
        return html.escape(value)
    return render_value_in_context(value, _CONTEXT)


def _stringformat(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: ``"%s" % value``, a tuple as a whole; a safe value stays unescaped."""
    if type(value) is str:
        return html.escape(value)
    text = str(value)  # what "%s" % value gives, and the filter turns a tuple into its str() first
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_value(name)}" if value is True else f' {_value(name)}="{_stringformat(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/input.html``."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_stringformat(value)}"'
    return f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"{shown}{_attrs(widget["attrs"])}>\n'


def _select_option(option: dict[str, Any]) -> str:
    """``django/forms/widgets/select_option.html``."""
    return (
        f'<option value="{_stringformat(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_value(option['label'])}</option>\n"
    )


def _select(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/select.html``."""
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            parts.append("\n  ")
            parts.append(_include(option["template_name"], option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _input_option(option: dict[str, Any]) -> str:
    """``django/forms/widgets/input_option.html``."""
    if not option["wrap_label"]:
        return _input(option) + "\n"
    option_id = option["attrs"].get("id")
    label_for = f' for="{_value(option_id)}"' if option_id else ""
    return f"<label{label_for}>{_input(option)} {_value(option['label'])}</label>\n"


def _multiple_input(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/multiple_input.html``."""
    attrs = widget["attrs"]
    widget_id, css = attrs.get("id"), attrs.get("class")
    parts = [
        "<div",
        f' id="{_value(widget_id)}"' if widget_id else "",
        f' class="{_value(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_value(group)}</label>")
        for option in options:
            parts.append("<div>\n    ")
            parts.append(_include(option["template_name"], option))
            parts.append("</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _textarea(widget: dict[str, Any]) -> str:
    """``django/forms/widgets/textarea.html``."""
    value = widget["value"]
    shown = _value(value) if value else ""
    return f'<textarea name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>\n{shown}</textarea>\n'


def _including(inner: Callable[[dict[str, Any]], str]) -> Callable[[dict[str, Any]], str]:
    """A template that is ``{% include <inner> %}`` and a line end (``text.html``, ``checkbox.html`` …)."""
    return lambda widget: inner(widget) + "\n"


_PREFIX = "django/forms/widgets/"
_WRITERS: dict[str, Callable[[dict[str, Any]], str]] = {
    f"{_PREFIX}input.html": _input,
    f"{_PREFIX}select.html": _select,
    f"{_PREFIX}select_option.html": _select_option,
    f"{_PREFIX}input_option.html": _input_option,
    f"{_PREFIX}multiple_input.html": _multiple_input,
    f"{_PREFIX}textarea.html": _textarea,
    **{
        f"{_PREFIX}{name}.html": _including(_input)
        for name in (
            "text",
            "number",
            "email",
            "url",
            "password",
            "hidden",
            "date",
            "datetime",
            "time",
            "search",
            "tel",
            "color",
            "file",
            "checkbox",
        )
    },
    f"{_PREFIX}checkbox_option.html": _including(_input_option),
    f"{_PREFIX}radio_option.html": _including(_input_option),
    f"{_PREFIX}checkbox_select.html": _including(_multiple_input),
    f"{_PREFIX}radio.html": _including(_multiple_input),
}


def _include(template_name: str, widget: dict[str, Any]) -> str:
    writer = _WRITERS.get(template_name)
    if writer is None:  # an option's own template: Django's, unstripped as an include is
        return _DJANGO.get_template(template_name).render({"widget": widget})
    return writer(widget)


_DJANGO = DjangoTemplates()


class FastWidgetRenderer(DjangoTemplates):
    """Django's template renderer, with the widget templates it knows written in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        writer = _WRITERS.get(template_name)
        if writer is None or request is not None or set(context) != {"widget"}:
            return super().render(template_name, context, request=request)
        return writer(context["widget"]).strip()


# One renderer for every page form (``default_renderer``): a class there would be instantiated per form,
# each building its own template engine for what it leaves to Django.
FAST_RENDERER = FastWidgetRenderer()


class PortalForm(forms.Form):
    """The base of the applicant pages' forms: Django's form, rendered by ``FAST_RENDERER``."""

    default_renderer = FAST_RENDERER

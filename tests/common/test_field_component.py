"""The field component (``{% field %}``) writes in Python exactly what ``templates/components/field.html``,
its reference, writes for every kind of field and state."""

from __future__ import annotations

import itertools
from typing import Any

from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from common.templatetags.portal import field_context, field_html


def _contexts() -> list[dict[str, Any]]:
    found = []
    kinds = [(False, False), (True, False), (False, True)]  # plain, fieldset (choices), checkbox
    for (fieldset, checkbox), hint, errors, reasons, optional, label in itertools.product(
        kinds,
        ["", 'Type it <exactly> & "so"'],
        [[], ["Enter a name."], ["First <one>.", "Second & last."]],
        [[], ["The name differs from the licence.", "它不一致 <b>"]],
        [False, True],
        [gettext_lazy("Email"), "Name & <surname>", mark_safe("<abbr>ID</abbr>")],
    ):
        found.append(
            {
                "input_id": 'id_websites-0-head-"name"',
                "label": label,
                "hint": hint,
                "reasons": reasons,
                "errors": errors,
                "widget_html": mark_safe('<input type="text" name="x" id="id_x">'),
                "fieldset": fieldset,
                "checkbox": checkbox,
                "optional": optional,
            }
        )
    return found


def test_writes_what_the_template_writes() -> None:
    contexts = _contexts()
    for language in ("en", "zh-hans"):
        with override(language):
            for context in contexts:
                assert field_html(context) == render_to_string("components/field.html", context), context
    assert len(contexts) == 3 * 2 * 3 * 2 * 2 * 3


class Sample(forms.Form):
    name = forms.CharField(max_length=5, help_text="As on the certificate.")
    nickname = forms.CharField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(
        required=False, choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="I agree", help_text="Read it first.")


def test_the_tag_shows_a_bound_form_as_the_template_did() -> None:
    tag = Template(
        "{% load portal %}{% field form.name reasons=reasons wide=True %}{% field form.nickname hint='Any' %}"
        "{% field form.kind %}{% field form.tags label='Tags' %}{% field form.agree %}"
    )
    for data in (None, {"name": "too long", "kind": "c"}):
        form = Sample(data, prefix="p")
        shown = tag.render(Context({"form": form, "reasons": ["Returned: the name."]}))
        expected = "".join(
            render_to_string("components/field.html", field_context(form[name], **arguments))
            for name, arguments in (
                ("name", {"reasons": ["Returned: the name."], "wide": True}),
                ("nickname", {"hint": "Any"}),
                ("kind", {}),
                ("tags", {"label": "Tags"}),
                ("agree", {}),
            )
        )
        assert shown == expected
        assert ('aria-invalid="true"' in shown) == (data is not None)

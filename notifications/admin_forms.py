"""The notice subjects' form: a subject an operator writes must render for every notice of its kind."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template import TemplateSyntaxError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from notifications.models import SubjectOverride
from notifications.subjects import (
    kind_folder,
    notification_kinds,
    placeholder_problems,
    render_subject_override,
)


def notification_kind_choices() -> list[tuple[str, str]]:
    return [(kind, kind) for kind in notification_kinds() if (kind_folder(kind) / "subject.txt").exists()]


class SubjectOverrideAdminForm(forms.ModelForm):
    kind = forms.ChoiceField(label=capfirst(_("kind")), choices=notification_kind_choices)

    class Meta:
        model = SubjectOverride
        fields = ("kind", "language", "subject")

    def clean_subject(self) -> str:
        subject = " ".join(self.cleaned_data["subject"].split())  # one line, as subject.txt renders
        if not subject:
            raise ValidationError(_("Write the subject."), code="required")
        try:
            render_subject_override(subject, {})
        except TemplateSyntaxError as exc:
            raise ValidationError(
                _("This is not a valid placeholder: %(error)s"), code="syntax", params={"error": exc}
            ) from exc
        return subject

    def clean(self) -> dict:
        cleaned = super().clean()
        kind, subject = cleaned.get("kind"), cleaned.get("subject")
        if kind and subject:
            unknown, has_tag = placeholder_problems(subject, kind)
            if has_tag:
                self.add_error(
                    "subject",
                    ValidationError(_("Use {{ placeholders }} only, no {% tags %}."), code="tag"),
                )
            elif unknown:
                self.add_error(
                    "subject",
                    ValidationError(
                        _("A notice of this kind has no %(names)s."),
                        code="placeholder",
                        params={"names": ", ".join(f"{{{{ {name} }}}}" for name in unknown)},
                    ),
                )
        return cleaned

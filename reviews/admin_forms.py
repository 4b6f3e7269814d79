"""The rejection-reason catalogue's form: a reason is shown to applicants in both languages beside the field it
concerns, so each part is checked (the group the review screen sorts by, a field path, the two texts)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reviews.models import RejectionReason

# The groups of the catalogue (reviews/data/rejection-reasons.csv); the review screen lists reasons by group.
REASON_GROUPS = ("entity", "contact", "website", "domain", "materials", "order")
# What a reason may concern: a part of the filing, as the pages' and the API's field paths start.
_APPLIES_TO = re.compile(r"^(entity|website|filing|materials)(\.[a-z_]+)*$")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


class RejectionReasonAdminForm(forms.ModelForm):
    group = forms.ChoiceField(choices=[(group, group) for group in REASON_GROUPS])

    class Meta:
        model = RejectionReason
        fields = ("code", "group", "applies_to", "text_zh", "text_en", "active")

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not _CODE.match(code):
            raise ValidationError(
                _("Lower-case letters, digits and underscores, starting with a letter: domain_expiring."),
                code="reason_code",
            )
        return code

    def clean_applies_to(self) -> str:
        applies_to = self.cleaned_data["applies_to"].strip()
        if not _APPLIES_TO.match(applies_to):
            raise ValidationError(
                _(
                    "A part of the filing: entity, website, filing or materials, optionally a field (website.domain)."
                ),
                code="applies_to",
            )
        return applies_to

    def clean_text_zh(self) -> str:
        text = self.cleaned_data["text_zh"].strip()
        if not _HAN.search(text):
            raise ValidationError(_("Write the Chinese text of the reason here."), code="text_zh")
        return text

    def clean_text_en(self) -> str:
        text = self.cleaned_data["text_en"].strip()
        if _HAN.search(text):
            raise ValidationError(_("Write the English text here (the Chinese goes above)."), code="text_en")
        return text

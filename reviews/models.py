"""The review side: the rejection-reason catalogue (decisions are events on the filing)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RejectionReason(models.Model):
    """A reason a specialist may give, loaded from ``reviews/data/rejection-reasons.csv``; operators edit it."""

    code = models.SlugField(max_length=48, unique=True)
    group = models.CharField(max_length=16)
    applies_to = models.CharField(max_length=64, help_text=_("The field or material it usually concerns"))
    text_zh = models.CharField(max_length=200)
    text_en = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return self.text_en if (get_language() or "").startswith("en") else self.text_zh

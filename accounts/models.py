from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    SPECIALIST = "specialist", _("Review specialist")
    OPERATOR = "operator", _("Operator")


class User(AbstractUser):
    """An account of the portal. The role decides which side of the process the account works on."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.APPLICANT)
    # Blank: the browser's language (Chinese unless it asks for English); else the account's own choice.
    language = models.CharField(
        max_length=8, blank=True, default="", choices=[("zh-hans", "中文"), ("en", "English")]
    )
    # The national form of a Mainland mobile (``entities.rules.contacts.normalise_mobile``); blank for accounts
    # made before registration asked for it, and for the review side's accounts.
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    # The channels the account wants besides the inbox (``filings/notices.py``): email for every notice, SMS
    # for what MIIT or a deadline makes urgent.
    notify_by_email = models.BooleanField(_("notices by email"), default=True)
    notify_by_sms = models.BooleanField(_("urgent notices by SMS"), default=True)

    @property
    def is_applicant(self) -> bool:
        return self.role == Role.APPLICANT

    @property
    def is_specialist(self) -> bool:
        return self.role == Role.SPECIALIST

    @property
    def is_operator(self) -> bool:
        return self.role == Role.OPERATOR

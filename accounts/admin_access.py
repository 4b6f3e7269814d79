"""The admin is the operators' control room, and theirs only.

Django lets in anyone with ``is_staff``; here the account must also have the operator role, so a specialist or
an applicant given ``is_staff`` (or even ``is_superuser``) by mistake gets the admin login page on every admin
URL, and the login form refuses them with the same words as a wrong password (nothing about which accounts
exist or what they may do). Installed on the default site by ``AccountsConfig.ready``: the URL configuration
stays Django's.
"""

from __future__ import annotations

import types
from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.models import Role


def is_operator(user: Any) -> bool:
    return bool(user.is_active and user.is_staff and getattr(user, "role", None) == Role.OPERATOR)


def operators_only(site: AdminSite, request: HttpRequest) -> bool:
    """``AdminSite.has_permission``: every admin view (and ``admin_view``-wrapped page) asks this first."""
    return is_operator(request.user)


class OperatorAuthenticationForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)  # active and staff
        if getattr(user, "role", None) != Role.OPERATOR:
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


def admin_for_operators_only(site: AdminSite) -> None:
    site.has_permission = types.MethodType(operators_only, site)  # type: ignore[method-assign]
    site.login_form = OperatorAuthenticationForm

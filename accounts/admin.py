"""Accounts in the admin. An account is never deleted (filings, events and logs name it): it is deactivated.
The role decides the account's group (``accounts.groups``); the three role groups are not deleted either."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from accounts.groups import role_group_sync
from accounts.models import User
from common.admin import LargeTableAdminMixin, NoDeleteAdminMixin


@admin.register(User)
class PortalUserAdmin(LargeTableAdminMixin, NoDeleteAdminMixin, UserAdmin):
    list_display = ("username", "email", "role", "is_staff", "is_active", "date_joined", "last_login")
    list_filter = ("role", "is_staff", "is_active", "groups")
    search_fields = (*UserAdmin.search_fields, "mobile")
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Portal"), {"fields": ("role", "language", "mobile", "notify_by_email", "notify_by_sms")}),
    )
    add_fieldsets = (*UserAdmin.add_fieldsets, (_("Portal"), {"fields": ("role",)}))

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        # The form's group choices are saved after the user: the role's group is put back over them.
        super().save_related(request, form, formsets, change)
        role_group_sync(user=form.instance)


admin.site.unregister(Group)


@admin.register(Group)
class PortalGroupAdmin(NoDeleteAdminMixin, GroupAdmin):
    pass


# API tokens: Django REST framework's admin, with the account picked by id (a <select> would list every
# account of the portal).
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class PortalTokenAdmin(TokenAdmin):
    raw_id_fields = ("user",)
    autocomplete_fields = ()

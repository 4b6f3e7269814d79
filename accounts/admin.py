from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_active")
    search_fields = (*UserAdmin.search_fields, "mobile")
    fieldsets = (*UserAdmin.fieldsets, ("Portal", {"fields": ("role", "language", "mobile")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("Portal", {"fields": ("role",)}))

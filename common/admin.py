"""Admin building blocks shared by the apps (imported by their ``admin.py``; registers nothing itself)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


class NoDeleteAdminMixin:
    """No delete view (403) and no bulk delete action, for records the process and its audit depend on.

    A filing, its events, an entity or an issued number removed by hand would erase what happened and break
    the one-open-filing and duplicate checks; a record goes away only through a service, if ever. Django drops
    the ``delete_selected`` action by itself once the permission is refused.
    """

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class FixedInlineMixin(NoDeleteAdminMixin):
    """An inline of rows that services write: shown, never added or removed by hand."""

    can_delete = False
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdminMixin(NoDeleteAdminMixin):
    """Rows written by services and jobs only; operators read them and run the actions."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

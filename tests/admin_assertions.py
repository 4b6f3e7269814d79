"""Assertions about what the operator's admin lets a person do to a record (shared by the apps' admin tests)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.test import Client
from django.urls import reverse


def admin_url(obj_or_model: Any, view: str, *args: Any) -> str:
    opts = obj_or_model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def assert_not_deletable(client: Client, obj: models.Model) -> None:
    """The delete view answers 403 (GET and POST), the bulk delete action is absent, and the row survives."""
    delete_url = admin_url(obj, "delete", obj.pk)
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist_url = admin_url(obj, "changelist")
    changelist = client.get(changelist_url)
    assert changelist.status_code == 200
    action_form = changelist.context["action_form"]
    actions = [name for name, _label in action_form.fields["action"].choices] if action_form else []
    assert "delete_selected" not in actions
    client.post(changelist_url, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    assert type(obj).objects.filter(pk=obj.pk).exists()


def change_form(client: Client, obj: models.Model) -> Any:
    response = client.get(admin_url(obj, "change", obj.pk))
    assert response.status_code == 200
    return response


def editable_fields(response: Any) -> set[str]:
    return set(response.context["adminform"].form.fields)


def assert_inlines_fixed(response: Any) -> None:
    """Every inline of the change form offers neither an added row nor a delete box."""
    inlines = response.context["inline_admin_formsets"]
    assert inlines
    for inline in inlines:
        assert not inline.has_add_permission, inline.opts
        assert not inline.has_delete_permission, inline.opts

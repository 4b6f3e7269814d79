"""The role groups (issue 14): created by a migration with their permissions; an account's group follows its
role, in the services and in the admin; hand-added groups stay."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.groups import ROLE_GROUPS, role_groups_ensure

pytestmark = pytest.mark.django_db


def group_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_the_three_groups_exist_with_their_permissions():
    role_groups_ensure()  # what post_migrate runs; the migration ran it for the test database too
    operator = Group.objects.get(name="operator")
    codenames = set(operator.permissions.values_list("codename", flat=True))
    assert {"view_filing", "change_region", "add_rejectionreason", "view_notification"} <= codenames
    assert not any(codename.startswith("delete_") for codename in codenames)
    specialist = set(
        Group.objects.get(name="review specialist").permissions.values_list("codename", flat=True)
    )
    assert "view_filing" in specialist and "change_region" not in specialist
    assert not Group.objects.get(name="applicant").permissions.exists()


def test_an_accounts_group_follows_its_role(alice, sam, olga):
    assert group_names(alice) == {"applicant"}
    assert group_names(sam) == {"review specialist"}
    assert group_names(olga) == {"operator"}
    extra = Group.objects.create(name="night shift")
    sam.groups.add(extra)
    sam.role = "operator"
    sam.save()
    assert group_names(sam) == {"operator", "night shift"}
    sam.role = "specialist"
    sam.save(update_fields=["role"])
    assert group_names(sam) == {"review specialist", "night shift"}


def test_a_login_does_not_touch_the_groups(client, alice):
    alice.groups.clear()
    client.post(reverse("login"), {"username": "alice", "password": "correct horse battery staple"})
    assert group_names(alice) == set()  # last_login saved with update_fields: no sync


def test_changing_the_role_in_the_admin_moves_the_group(client, olga, alice):
    client.force_login(olga)
    url = reverse("admin:accounts_user_change", args=[alice.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "role": "specialist",
            "groups": [],  # the operator left the groups box empty: the role's group is put back
            "user_permissions": [],
            "date_joined_0": alice.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": alice.date_joined.strftime("%H:%M:%S"),
            "language": "",
        }
    )
    data.pop("password", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert group_names(alice) == {"review specialist"}


def test_groups_cannot_be_deleted_in_the_admin(client, olga):
    client.force_login(olga)
    for name in ROLE_GROUPS.values():
        group = Group.objects.get(name=name)
        assert client.get(reverse("admin:auth_group_delete", args=[group.pk])).status_code == 403


def test_the_migration_puts_existing_accounts_in_their_roles_groups(alice, sam, olga):
    from django.apps import apps

    migration = importlib.import_module("accounts.migrations.0005_role_groups")
    migration.remove_role_groups(apps, None)  # as before the migration: no groups, nobody in one
    assert not Group.objects.filter(name__in=ROLE_GROUPS.values()).exists()
    migration.create_role_groups(apps, None)
    assert group_names(alice) == {"applicant"}
    assert group_names(sam) == {"review specialist"}
    assert group_names(olga) == {"operator"}
    assert Group.objects.get(name="operator").permissions.filter(codename="change_region").exists()

"""The three groups of the portal, one per role, and the permissions each carries.

The role (``User.role``) decides what an account does in the portal; the group mirrors it for Django's
permission system (the admin, ``user.has_perm``). A user's role group follows the role on every save that
may change it (``role_group_sync``, connected in ``AccountsConfig.ready``); other groups an operator adds by
hand are left alone. The data migration ``0005_role_groups`` creates the groups and puts existing users in
them; ``role_groups_ensure`` runs again after every ``migrate`` so that models added later are granted too.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.db.models import Q

from accounts.models import Role

ROLE_GROUPS: dict[str, str] = {
    Role.APPLICANT: "applicant",
    Role.SPECIALIST: "review specialist",
    Role.OPERATOR: "operator",
}
# The apps whose models operators keep in the admin (and Django's groups and API tokens).
OPERATOR_APPS = (
    "accounts",
    "entities",
    "instances",
    "notifications",
    "materials",
    "filings",
    "reviews",
    "simulators",
    "icp_portal",
    "auth",
    "authtoken",
)
# What review specialists read and write in their workspace. The pages check the role and the claim, not
# these; they say in Django's terms what the role is for (and let a report or a future API use has_perm).
SPECIALIST_PERMISSIONS = (
    ("filings", "view_filing"),
    ("filings", "view_filingevent"),
    ("materials", "view_material"),
    ("materials", "view_faceverification"),
    ("reviews", "view_rejectionreason"),
    ("reviews", "view_finding"),
    ("reviews", "change_finding"),
    ("reviews", "view_callattempt"),
    ("reviews", "add_callattempt"),
)
# Applicants reach their own filings by ownership, never through a model permission: their group has none.


def role_groups_ensure(apps: Any = global_apps) -> None:
    """Create the three groups and grant their permissions (adding only: hand-made grants stay).

    Operators get every view, add and change permission of ``OPERATOR_APPS``, never a delete one: the admin
    refuses deletion of the process's records in any case (``common.admin.NoDeleteAdminMixin``).
    ``apps`` is a migration's historical registry or the global one.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    groups = {name: group_model.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS.values()}
    operator_permissions = permission_model.objects.filter(content_type__app_label__in=OPERATOR_APPS).exclude(
        codename__startswith="delete_"
    )
    groups[ROLE_GROUPS[Role.OPERATOR]].permissions.add(*operator_permissions)
    specialist_filter = Q()
    for app_label, codename in SPECIALIST_PERMISSIONS:
        specialist_filter |= Q(content_type__app_label=app_label, codename=codename)
    groups[ROLE_GROUPS[Role.SPECIALIST]].permissions.add(*permission_model.objects.filter(specialist_filter))


def role_group_sync(*, user: Any, apps: Any = global_apps) -> None:
    """Put ``user`` in their role's group and out of the other roles' groups."""
    group_model = apps.get_model("auth", "Group")
    wanted = ROLE_GROUPS.get(user.role)
    others = [name for name in ROLE_GROUPS.values() if name != wanted]
    user.groups.remove(*group_model.objects.filter(name__in=others))
    if wanted:
        user.groups.add(group_model.objects.get_or_create(name=wanted)[0])


def on_user_saved(
    sender: Any, instance: Any, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    """``post_save`` of the user: sync the group when the role may have changed (not on a login's
    ``last_login`` update, nor on a migration's raw load)."""
    if kwargs.get("raw"):
        return
    if update_fields is not None and "role" not in update_fields:
        return
    role_group_sync(user=instance)


def on_post_migrate(sender: Any, apps: Any = global_apps, **kwargs: Any) -> None:
    """After a ``migrate`` (or a test's flush), grant what models added since need: once, after the last
    app's signal, when auth has created every app's permissions."""
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if with_models and sender.label == with_models[-1].label:
        role_groups_ensure(apps)

"""The groups of the three roles (applicant, review specialist, operator) with their permissions, and every
existing account put in its role's group. Later saves keep the group in step with the role
(``accounts.groups.role_group_sync``), and each ``migrate`` grants what models added since need."""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from accounts.groups import ROLE_GROUPS, role_groups_ensure

    # Permissions are normally created after the whole migrate; the models migrated so far need them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)
    role_groups_ensure(apps)

    user_model = apps.get_model("accounts", "User")
    group_model = apps.get_model("auth", "Group")
    membership = user_model.groups.through
    for role, name in ROLE_GROUPS.items():
        group = group_model.objects.get(name=name)
        membership.objects.bulk_create(
            [
                membership(user_id=user_id, group_id=group.pk)
                for user_id in user_model.objects.filter(role=role).values_list("pk", flat=True)
            ],
            ignore_conflicts=True,
        )


def remove_role_groups(apps, schema_editor):
    from accounts.groups import ROLE_GROUPS

    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_notification_channels"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]

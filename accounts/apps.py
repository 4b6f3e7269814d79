from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from django.contrib import admin
        from django.db.models.signals import post_migrate, post_save

        from accounts.admin_access import admin_for_operators_only
        from accounts.groups import on_post_migrate, on_user_saved

        admin_for_operators_only(admin.site)
        post_save.connect(on_user_saved, sender=self.get_model("User"), dispatch_uid="accounts_role_group")
        # Every app's post_migrate (after auth has created that app's permissions): grant the new ones.
        post_migrate.connect(on_post_migrate, dispatch_uid="accounts_role_groups")

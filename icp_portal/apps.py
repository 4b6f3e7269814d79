from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "icp_portal"

    def ready(self) -> None:
        from icp_portal import checks  # noqa: F401  (registers the system checks)

from __future__ import annotations

from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Ground-level helpers every app may use: errors, personal-data crypto, working days."""

    name = "common"

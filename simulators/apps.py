from __future__ import annotations

from django.apps import AppConfig


class SimulatorsConfig(AppConfig):
    """The outside world behind the gateways: MIIT's registry and review, and later the registrar, face checks."""

    name = "simulators"

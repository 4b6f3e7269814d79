"""Whether a simulator is the configured gateway: its API and its admin exist only then."""

from __future__ import annotations

from django.conf import settings


def simulated(setting_name: str) -> bool:
    """``settings.<setting_name>`` names a class in ``simulators.`` (e.g. ``MIIT_GATEWAY``)."""
    return str(getattr(settings, setting_name, "")).startswith("simulators.")

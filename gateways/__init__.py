"""The doors to the outside world: small interfaces whose implementation a setting chooses.

Every app may use them; they import no app. ``simulators/`` implements each, so the whole process runs on
one machine; a production deployment names its real clients in the settings instead.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


@cache
def _load(dotted_path: str) -> Any:
    return import_string(dotted_path)()


def load_gateway(setting_name: str) -> Any:
    """The configured implementation named by ``settings.<setting_name>`` (one instance per process)."""
    return _load(getattr(settings, setting_name))

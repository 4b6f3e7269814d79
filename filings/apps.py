from __future__ import annotations

from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "filings"

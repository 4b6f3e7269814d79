from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DashboardSummary(models.Model):
    """The dashboard's figures as last computed: one row per ``key`` (only ``flow`` so far), replaced whole."""

    key = models.CharField(max_length=32, unique=True)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()
    # How long the computation took: an operator sees when the job starts to strain.
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "icp_portal"
        verbose_name = _("dashboard summary")
        verbose_name_plural = _("dashboard summaries")

    def __str__(self) -> str:
        return f"{self.key} @ {self.computed_at:%Y-%m-%d %H:%M}"

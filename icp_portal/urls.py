from __future__ import annotations

from django.contrib import admin
from django.urls import path

from icp_portal.health import healthz

admin.site.site_header = "ICP filing portal — operators"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

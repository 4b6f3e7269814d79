"""The portal's settings with the floors' URLs added (``bench.site``): ``DJANGO_SETTINGS_MODULE=bench.settings``
for gunicorn in P3, and for the in-process figures (P1, P2)."""

from __future__ import annotations

from icp_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.site"
# The benchmark's requests come from the test client and from wrk on loopback.
ALLOWED_HOSTS = ["*"]
# P4: every domain real-name verified for the entity asking (bench.registrar), MIIT's simulator at once.
REGISTRAR_GATEWAY = "bench.registrar.BenchRegistrar"
SIMULATOR_MIIT_REVIEW_DELAY_SECONDS = 0.0

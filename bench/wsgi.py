"""P3's server: the portal's WSGI application with the floors' views beside its URLs (``bench.site``).

``gunicorn bench.wsgi`` instead of ``gunicorn icp_portal.wsgi``: the same settings and middleware, only the
URL configuration differs (set before the first request, which is when Django reads it)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icp_portal.settings")
application = get_wsgi_application()
settings.ROOT_URLCONF = "bench.site"

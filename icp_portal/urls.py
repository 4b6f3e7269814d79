from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.notifications_page import notifications_page
from accounts.views import home
from filings import views as filing_views
from filings.selectors import filings_visible_to
from filings.views import miit_callback
from icp_portal.dashboard import views as dashboard_views
from icp_portal.health import healthz
from materials import views as material_views

# The materials app sits below filings: who may see a filing's files is the filings app's rule, handed in here.
files = {"visible_filings": filings_visible_to}

admin.site.site_header = _("ICP filing portal — operators")
admin.site.site_title = _("ICP filing portal — operators")
admin.site.index_title = _("Control room")
# The admin index with a link to the flow dashboard above the apps (templates/admin/dashboard/).
admin.site.index_template = "admin/dashboard/admin_index.html"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("notifications/", notifications_page, name="notifications"),
    path("filings/", include("filings.pages.urls")),
    path("review/", include("reviews.pages.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("miit/callback", miit_callback, name="miit-callback"),
    path("admin/dashboard/", dashboard_views.dashboard, name="admin-dashboard"),
    path("admin/dashboard/refresh/", dashboard_views.dashboard_refresh_now, name="admin-dashboard-refresh"),
    path(
        "admin/dashboard/state-machine.png",
        dashboard_views.state_machine_picture,
        name="admin-dashboard-state-machine",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("icp_portal.api_urls")),
    path("files/<uuid:code>/", material_views.material_file, files, name="material-file"),
    path("files/<uuid:code>/thumbnail", material_views.material_thumbnail, files, name="material-thumbnail"),
    path(
        "filings/<uuid:filing_code>/verification-form/<uuid:website_code>.pdf",
        filing_views.verification_form,
        name="verification-form",
    ),
]

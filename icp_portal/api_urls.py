"""``/api/v1/``: every app's API views in one table (api.md), the OpenAPI schema and Swagger UI.

The callbacks handed to lower apps' views live here, at the top, so that no app imports one above it: the
review app logs a specialist's access to identity numbers, the filings app knows which service numbers are
held by filings in progress.
"""

from __future__ import annotations

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from accounts.api import TokenView
from common.api import JsonErrors, api_not_found
from entities.api import RegionListView
from filings.api import notifications, psb, recognition, verification
from filings.api import views as filings
from filings.api.queries import service_numbers_in_progress, visible_filing
from filings.selectors import filings_visible_to
from instances.api import InstanceListView
from materials import api as materials
from reviews import api as review
from reviews.assignment import identity_access_record
from simulators import api as simulators

logged = {"identity_access_logger": identity_access_record}
# The materials app sits below filings: which filing a caller may see is handed to its views here.
scoped = {"find_filing": visible_filing, "visible_filings": filings_visible_to}


class SchemaView(JsonErrors, SpectacularAPIView):
    pass


class DocsView(JsonErrors, SpectacularSwaggerView):
    pass


class RedocView(JsonErrors, SpectacularRedocView):
    pass


filing = "filings/<uuid:id>/"

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("regions/", RegionListView.as_view(), name="api-regions"),
    path("filings/", filings.FilingListView.as_view(**logged), name="api-filings"),
    path(filing, filings.FilingDetailView.as_view(**logged), name="api-filing"),
    path(
        f"{filing}transitions/<slug:name>/",
        filings.FilingTransitionView.as_view(**logged),
        name="api-filing-transition",
    ),
    path(f"{filing}materials/", materials.MaterialListView.as_view(**scoped), name="api-filing-materials"),
    path(
        f"{filing}materials/<uuid:material>/file",
        materials.MaterialFileView.as_view(**scoped),
        name="api-filing-material-file",
    ),
    path(
        f"{filing}face-verification/",
        materials.FaceVerificationView.as_view(**scoped),
        name="api-filing-face",
    ),
    path(f"{filing}psb/", psb.PsbNumbersView.as_view(**logged), name="api-filing-psb"),
    path(
        f"{filing}recognitions/",
        recognition.FilingRecognitionListView.as_view(),
        name="api-filing-recognitions",
    ),
    path("recognitions/", recognition.RecognitionListView.as_view(), name="api-recognitions"),
    path("recognitions/<uuid:id>/", recognition.RecognitionDetailView.as_view(), name="api-recognition"),
    path(
        "recognitions/<uuid:id>/attach/",
        recognition.RecognitionAttachView.as_view(),
        name="api-recognition-attach",
    ),
    path(f"{filing}sms/resend/", verification.SmsResendView.as_view(), name="api-filing-sms-resend"),
    path(
        f"{filing}verification-form/<uuid:website>/",
        verification.VerificationFormView.as_view(),
        name="api-filing-verification-form",
    ),
    path(
        "instances/",
        InstanceListView.as_view(busy_service_numbers=service_numbers_in_progress),
        name="api-instances",
    ),
    path("review/queue/", review.ReviewQueueView.as_view(), name="api-review-queue"),
    path("review/inbox/", review.ReviewInboxView.as_view(), name="api-review-inbox"),
    path("review/archive/", review.ReviewArchiveView.as_view(), name="api-review-archive"),
    path("review/filings/<uuid:id>/claim/", review.ClaimView.as_view(), name="api-review-claim"),
    path("review/filings/<uuid:id>/release/", review.ReleaseView.as_view(), name="api-review-release"),
    path("review/filings/<uuid:id>/approve/", review.ApproveView.as_view(), name="api-review-approve"),
    path("review/filings/<uuid:id>/reject/", review.RejectView.as_view(), name="api-review-reject"),
    path(
        "review/filings/<uuid:id>/call-attempt/",
        review.CallAttemptView.as_view(),
        name="api-review-call-attempt",
    ),
    path(
        "review/filings/<uuid:id>/confirm-mail/",
        review.ConfirmMailView.as_view(),
        name="api-review-confirm-mail",
    ),
    path("review/filings/<uuid:id>/reassign/", review.ReassignView.as_view(), name="api-review-reassign"),
    path("review/filings/<uuid:id>/findings/", review.FindingListView.as_view(), name="api-review-findings"),
    path(
        "review/filings/<uuid:id>/findings/<int:finding_id>/resolve/",
        review.FindingResolveView.as_view(),
        name="api-review-finding-resolve",
    ),
    path("notifications/", notifications.NotificationListView.as_view(), name="api-notifications"),
    path(
        "notifications/<uuid:id>/read/",
        notifications.NotificationReadView.as_view(),
        name="api-notification-read",
    ),
    path("simulators/miit/registry/", simulators.MiitRegistryView.as_view(), name="api-sim-registry"),
    path(
        "simulators/miit/abnormal-certificates/",
        simulators.MiitAbnormalCertificateView.as_view(),
        name="api-sim-abnormal",
    ),
    path("simulators/miit/open-orders/", simulators.MiitOpenOrderView.as_view(), name="api-sim-open-order"),
    path("simulators/miit/outcome-job/", simulators.MiitOutcomeJobView.as_view(), name="api-sim-outcome-job"),
    path("simulators/registrar/domains/", simulators.RegistrarDomainView.as_view(), name="api-sim-registrar"),
    path("simulators/face-checks/outcomes/", simulators.FaceOutcomeView.as_view(), name="api-sim-face"),
    path("simulators/sms/inbox/", simulators.SmsInboxView.as_view(), name="api-sim-sms-inbox"),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", RedocView.as_view(url_name="api-schema"), name="api-redoc"),
    # Any path at all, a newline (%0A) included, which "." does not match (and Django cannot reverse a
    # pattern with the (?s) flag): a JSON 404, not Django's HTML page.
    re_path(r"^[\s\S]*$", api_not_found),
]

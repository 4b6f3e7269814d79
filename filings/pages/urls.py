"""The applicant's pages under ``/filings/``: each module of ``filings/pages/`` brings its own URLs."""

from __future__ import annotations

from filings.pages import (
    check,
    detail,
    information,
    instances,
    mailing,
    materials,
    recognition,
    result,
    sms,
    start,
)

urlpatterns = [
    *start.urlpatterns,
    *detail.urlpatterns,
    *instances.urlpatterns,
    *information.urlpatterns,
    *materials.urlpatterns,
    *check.urlpatterns,
    *mailing.urlpatterns,
    *sms.urlpatterns,
    *result.urlpatterns,
    *recognition.urlpatterns,
]

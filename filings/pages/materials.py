"""(Being built: the page named filing-materials.)"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from filings.pages.common import applicant_page


@applicant_page
def placeholder(request: HttpRequest, code: str) -> HttpResponse:
    raise Http404


urlpatterns = [path("<uuid:code>/materials/", placeholder, name="filing-materials")]

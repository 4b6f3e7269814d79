"""Who opens the review pages: specialists and operators. Anyone else signed in gets 404 (as for a filing they
may not see); an anonymous visitor goes to the login page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

REVIEW_ROLES = ("specialist", "operator")


def reviewers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(request.user, "role", None) not in REVIEW_ROLES:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped

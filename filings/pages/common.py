"""What every applicant page shares: who may open it, the filing it shows, what the applicant may do next,
the open rejection reasons by field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from common.forms import in_active_language
from filings.conditions import answered_rejection
from filings.machine import may_run
from filings.models import Filing
from filings.states import RETURNED_STATES


def applicant_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in (else the login page) as an applicant (a specialist or operator gets 403: these pages change
    a filing as its owner; the review side has its own)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "is_applicant", False):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def own_filing(request: HttpRequest, code: Any) -> Filing:
    """The signed-in applicant's filing ``code``; 404 for anyone else's (its existence is not revealed)."""
    filing = (
        Filing.objects.select_related("region", "entity", "entity__head")
        .filter(code=code, applicant=request.user)
        .first()
    )
    if filing is None:
        raise Http404
    return filing


def applicant_can(filing: Filing, name: str, user: Any) -> bool:
    """Whether the state machine lets ``user`` run transition ``name`` now (the check the service makes first;
    the transition's conditions are left to the attempt, which names each field at fault)."""
    return may_run(filing, name, user)  # no exception, no translated message built for a refusal


@dataclass(frozen=True)
class Reason:
    """One reason of the rejection being answered, as the pages show it beside what it names."""

    id: str
    code: str
    field: str  # a field path (``entity.head.mobile``), ``materials.<kind>…`` or ``filing``
    message: str

    @property
    def anchor(self) -> str:
        """The id of the named field's element on its step page (``id_entity-head-mobile``)."""
        return "id_" + self.field.replace(".", "-")


def open_reasons(filing: Filing) -> list[Reason]:
    """The reasons the filing was returned with, while it is returned (empty otherwise)."""
    if filing.state not in RETURNED_STATES:
        return []
    event = answered_rejection(filing)
    found = []
    for index, item in enumerate(event.reasons if event else []):
        item = item if isinstance(item, dict) else {}
        found.append(
            Reason(
                id=str(index),
                code=str(item.get("code", "")),
                field=str(item.get("field", "") or "filing"),
                message=in_active_language(str(item.get("message", ""))),
            )
        )
    return found


def reasons_by_field(filing: Filing) -> dict[str, list[Reason]]:
    grouped: dict[str, list[Reason]] = {}
    for reason in open_reasons(filing):
        grouped.setdefault(reason.field, []).append(reason)
    return grouped


_CODE = "00000000-0000-4000-8000-000000000000"  # a UUID no object has: the place of the code in a URL


def url_for_each(name: str, *args: Any) -> Callable[[Any], str]:
    """``reverse(name, args=[*args, code])`` for many codes with one ``reverse``: a list of materials links
    each one's file and thumbnail, and reversing them one by one cost a millisecond a row."""
    pattern = reverse(name, args=[*args, _CODE])
    return lambda code: pattern.replace(_CODE, str(code))

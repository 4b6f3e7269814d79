"""The applicant's filing over the API: list, start, read, change a step's data, run a transition.

Thin callers of ``filings.services``: every rule and transition is written there once, for the pages and the
API alike. ``PATCH`` maps each part of the body to the service of its step (which re-opens an earlier step
when needed); ``POST …/transitions/<name>/`` maps each transition name to its service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from common.api import IsApplicant, NotFoundError, validated
from common.errors import ApplicationError, NotPermitted
from entities.models import Region
from filings import services
from filings.api.detail import FilingSerializer
from filings.api.detail_data import filing_detail_data
from filings.api.filters import FilingFilter
from filings.api.inputs import FilingPatchInput, FilingStartInput, TransitionInput
from filings.api.queries import visible_filing, with_summary
from filings.api.serializers import FilingSummarySerializer, Viewer
from filings.models import Filing
from filings.selectors import filings_visible_to
from filings.states import FilingState

S = FilingState
ENTITY_FIELDS = ("name", "certificate_address", "mailing_address", "certificate_valid_until")
WEBSITE_FIELDS = ("name", "homepage_url", "content_type", "languages", "pre_approvals")
PERSON_FIELDS = (
    "name",
    "certificate_type",
    "certificate_valid_until",
    "mobile",
    "emergency_phone",
    "email",
    "is_legal_representative",
)


class FilingResponseMixin:
    """Answers with the whole filing as this caller may see it, logging a specialist's identity access.

    ``identity_access_logger(filing=..., user=...)`` is handed in by ``icp_portal/api_urls.py`` (the review
    app keeps that log; a lower app does not import a higher one).
    """

    identity_access_logger: Callable[..., Any] | None = None

    def filing_response(self, request: Request, id: Any, *, status_code: int = 200) -> Response:
        filing = visible_filing(request.user, id, detail=True)
        viewer = Viewer.of(request.user, filing)
        if viewer.reveal_identity and self.identity_access_logger is not None:
            self.identity_access_logger(filing=filing, user=request.user)
        # ``FilingSerializer`` describes the answer (schema); ``filing_detail_data`` builds the same JSON
        # without DRF's per-field cost (issue 15, P3; tests/api/test_detail_data.py keeps them equal).
        return Response(filing_detail_data(filing, viewer), status=status_code)


# --- /filings/ ---------------------------------------------------------------------------------------------
class FilingListView(FilingResponseMixin, generics.ListAPIView):
    """The caller's filings (applicants their own; specialists what they may review; operators all)."""

    serializer_class = FilingSummarySerializer
    filterset_class = FilingFilter

    def get_queryset(self):
        return with_summary(filings_visible_to(self.request.user))

    def get_permissions(self):
        if self.request.method == "POST":
            return [*super().get_permissions(), IsApplicant()]
        return super().get_permissions()

    @extend_schema(
        operation_id="filings_create",
        request=FilingStartInput,
        responses={201: FilingSerializer},
        summary="Start a filing (step 1): it is created in `type_detection`",
    )
    def post(self, request: Request) -> Response:
        data = validated(FilingStartInput, request.data)
        region = Region.objects.filter(code=data["region"].strip().upper()).first()
        if region is None:
            message = _("There is no region with this code.")
            raise ApplicationError(message, code="region_unknown", fields={"region": [message]})
        filing = services.filing_start(
            applicant=request.user,
            region=region,
            nature=data["entity"]["nature"],
            certificate_type=data["entity"]["certificate_type"],
            certificate_number=data["entity"]["certificate_number"],
            domains=[item["domain"] for item in data["websites"]],
        )
        return self.filing_response(request, filing.code, status_code=status.HTTP_201_CREATED)


# --- /filings/{id}/ -----------------------------------------------------------------------------------------
class FilingDetailView(FilingResponseMixin, APIView):
    @extend_schema(operation_id="filings_retrieve", responses={200: FilingSerializer})
    def get(self, request: Request, id: Any) -> Response:
        return self.filing_response(request, id)

    @extend_schema(
        operation_id="filings_partial_update",
        request=FilingPatchInput,
        responses={200: FilingSerializer},
        summary="Change the data of one applicant step",
        description=(
            "One step per request: `websites[].service_number` (step 2), `entity` and the websites' "
            "information (step 3), or `mailing` (courier and tracking number while the filing is in "
            "`mailing`). Fields left out keep their stored values; a certificate number left blank keeps "
            "the stored one. Before `submit`, changing an earlier step's data moves the filing back to "
            "that step; while returned, the data is edited in place."
        ),
    )
    def patch(self, request: Request, id: Any) -> Response:
        filing = visible_filing(request.user, id)
        data = validated(FilingPatchInput, request.data)
        apply_step_data(filing, request.user, data)
        return self.filing_response(request, id)


def apply_step_data(filing: Filing, user: Any, data: dict[str, Any]) -> None:
    """Send each part of a PATCH body to its step's service; refuse a body that mixes steps."""
    websites = data.get("websites") or []
    steps = []
    if any("service_number" in item for item in websites):
        steps.append("instances")
    if "entity" in data or any(set(item) - {"service_number"} for item in websites):
        steps.append("information")
    if "mailing" in data:
        steps.append("mailing")
    if len(steps) != 1:
        message = (
            _("Send the data of one step per request (service numbers, information or mailing).")
            if steps
            else _("Nothing to change: send service numbers, information or mailing.")
        )
        raise ApplicationError(message, code="one_step_per_request" if steps else "empty", fields={})
    if steps == ["instances"]:
        services.filing_assign_service_numbers(
            filing=filing, by=user, service_numbers=[item.get("service_number", "") for item in websites]
        )
    elif steps == ["information"]:
        services.filing_save_information(filing=filing, by=user, **_information(filing, data))
    else:
        mailing = data["mailing"]
        services.filing_enter_mailing(
            filing=filing,
            by=user,
            courier=mailing.get("courier", filing.mailing_courier),
            tracking_number=mailing.get("tracking_number", filing.mailing_tracking_number),
        )


def _information(filing: Filing, data: dict[str, Any]) -> dict[str, Any]:
    """The step-3 arguments: what was sent laid over what is stored (numbers stay with the service, which
    keeps a stored certificate number when none is sent)."""
    entity = filing.entity
    sent_entity = dict(data.get("entity") or {})
    sent_head = sent_entity.pop("head", None) or {}
    entity_data = {field: getattr(entity, field) for field in ENTITY_FIELDS} | sent_entity
    entity_head = _stored_person(entity.head) | sent_head
    items = list(filing.filing_websites.select_related("website__head").order_by("position"))
    sent_websites = data.get("websites") or [{} for _item in items]
    if len(sent_websites) != len(items):
        return {"entity": entity_data, "entity_head": entity_head, "websites": sent_websites}
    websites = []
    for item, sent in zip(items, sent_websites, strict=True):
        website = item.website
        own_head = website.head if website.head_id not in (None, entity.head_id) else None
        merged = {field: getattr(website, field) for field in WEBSITE_FIELDS} | {
            key: value for key, value in sent.items() if key not in ("service_number", "head")
        }
        if sent.get("pre_approvals"):  # stored as JSON: dates as ISO text, which the rules read
            merged["pre_approvals"] = [_json_ready(choice) for choice in sent["pre_approvals"]]
        if "head" in sent:
            merged["head"] = None if sent["head"] is None else _stored_person(own_head) | sent["head"]
        else:
            merged["head"] = _stored_person(own_head) if own_head else None
        websites.append(merged)
    return {"entity": entity_data, "entity_head": entity_head, "websites": websites}


def _json_ready(choice: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in choice.items()}


def _stored_person(person: Any) -> dict[str, Any]:
    if person is None:
        return {}
    return {field: getattr(person, field) for field in PERSON_FIELDS}


# --- /filings/{id}/transitions/{name}/ ----------------------------------------------------------------------
def _verify_sms(filing: Filing, user: Any, data: dict[str, Any]) -> Filing:
    codes = data.get("codes") or []
    if not codes:
        message = _("Give the code of each person MIIT sent one to.")
        raise ApplicationError(message, code="required", fields={"codes": [message]})
    for index, item in enumerate(codes):
        try:
            filing = services.filing_verify_sms_code(filing=filing, by=user, **item)
        except ApplicationError as error:
            error.fields = {
                (f"codes.{index}.{key}" if key in ("mobile", "code", "certificate_tail") else key): value
                for key, value in error.fields.items()
            }
            raise
        filing.refresh_from_db()
        if filing.state != S.SMS_VERIFICATION:
            break
    return filing


def _reopen(filing: Filing, user: Any, data: dict[str, Any]) -> Filing:
    if "step" not in data:
        message = _("Say which step to go back to.")
        raise ApplicationError(message, code="required", fields={"step": [message]})
    return services.filing_reopen(filing=filing, by=user, step=data["step"])


# The applicant's transitions by name (process.md), each calling its service.
APPLICANT_TRANSITIONS: dict[str, Callable[[Filing, Any, dict[str, Any]], Filing]] = {
    "detect_type": lambda f, u, d: services.filing_detect_type(filing=f, by=u),
    "verify_instance": lambda f, u, d: services.filing_verify_instance(filing=f, by=u),
    "enter_information": lambda f, u, d: services.filing_enter_information(filing=f, by=u),
    "complete_materials": lambda f, u, d: services.filing_complete_materials(filing=f, by=u),
    "submit": lambda f, u, d: services.filing_submit(filing=f, by=u),
    "reopen": _reopen,
    "resubmit": lambda f, u, d: services.filing_resubmit(
        filing=f, by=u, explanation=d.get("explanation", ""), explanations=d.get("explanations") or {}
    ),
    "withdraw": lambda f, u, d: services.filing_withdraw(filing=f, by=u, reason=d.get("reason", "")),
    "verify_sms": _verify_sms,
}


class SmsThrottle(ScopedRateThrottle):
    """The SMS rate limit, applied to ``verify_sms`` only among the transitions."""

    def allow_request(self, request: Request, view: Any) -> bool:
        if view.kwargs.get("name") != "verify_sms":
            return True
        return super().allow_request(request, view)


class FilingTransitionView(FilingResponseMixin, APIView):
    throttle_classes = [SmsThrottle]
    throttle_scope = "sms"
    extra_error_statuses = ("503",)  # detect_type asks MIIT, enter_information the registrar

    @extend_schema(
        operation_id="filings_transition",
        request=TransitionInput,
        responses={200: FilingSerializer},
        parameters=[
            OpenApiParameter(
                "name",
                str,
                OpenApiParameter.PATH,
                enum=list(APPLICANT_TRANSITIONS),
                description="The transition (process.md); specialists' decisions are under `/review/`",
            )
        ],
        summary="Run an applicant transition by name",
        description=(
            "`withdraw` takes an optional `reason`, `resubmit` an optional `explanation` and `explanations` "
            "(reason id → why its field stays as it is), `reopen` a `step`, "
            "`verify_sms` the `codes` (mobile, code and the last 6 characters of the person's certificate "
            "number). 409 when the transition is not available in the filing's state, 400 with the fields "
            "at fault when its conditions do not hold."
        ),
    )
    def post(self, request: Request, id: Any, name: str) -> Response:
        filing = visible_filing(request.user, id)
        run = APPLICANT_TRANSITIONS.get(name)
        if run is None:
            if name in {t.name for t in filing.get_all_state_transitions()}:
                raise NotPermitted(
                    _("“%(name)s” is run by a specialist (under /api/v1/review/) or by the system.")
                    % {"name": name},
                    code="not_permitted",
                )
            message = _("There is no transition “%(name)s”.") % {"name": name}
            raise NotFoundError(message, code="unknown_transition")
        # The state decides before the body (api.md): a transition not available now is a 409 whatever was
        # sent; the service checks again under the row lock.
        services.available_transition(filing, name, by=request.user)
        run(filing, request.user, validated(TransitionInput, request.data))
        return self.filing_response(request, id)

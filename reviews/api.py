"""The specialists' API: the queue, inbox and archive (review.md), and their actions on a filing. Thin
callers of ``reviews.services`` and ``reviews.assignment``; every answer is the filing as the caller may see
it (the holder sees identity numbers in clear, and that access is logged)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api import IsOperator, IsSpecialist, IsStaff, validated
from common.api.pagination import CursorPage
from filings.api.detail import FilingSerializer
from filings.api.filters import ReviewFilter
from filings.api.queries import visible_filing, with_summary
from filings.api.serializers import FilingSummarySerializer
from filings.api.views import FilingResponseMixin
from filings.models import Filing
from filings.services import available_transition
from reviews import services as review_services
from reviews.assignment import (
    FAILED_CALLS_FOR_REJECTION,
    failed_calls,
    identity_access_record,
    review_approve_with_overrides,
    review_reassign,
    review_record_call_attempt,
    review_resolve_finding,
)
from reviews.models import Finding
from reviews.selectors import ARCHIVE, INBOX, QUEUE, review_list


# --- Lists ----------------------------------------------------------------------------------------------------
class OldestFirst(CursorPage):
    """The queue and the inbox: the filing waiting longest first (the deadline runs from entering review;
    claiming does not touch ``updated_at``)."""

    ordering = ("updated_at", "id")


class NewestFirst(CursorPage):
    ordering = ("-updated_at", "-id")


class _ReviewList(generics.ListAPIView):
    serializer_class = FilingSummarySerializer
    queryset = Filing.objects.none()  # the model, for the schema; ``get_queryset`` scopes the rows
    filterset_class = ReviewFilter
    permission_classes = [IsStaff]
    pagination_class = OldestFirst

    def get_queryset(self) -> QuerySet[Filing]:
        return with_summary(self.filings(self.request.user))

    def filings(self, user: Any) -> QuerySet[Filing]:
        raise NotImplementedError


class ReviewQueueView(_ReviewList):
    """Filings in provider review or mailing that nobody holds (``reviews.selectors.review_list``, as the
    queue page)."""

    def filings(self, user: Any) -> QuerySet[Filing]:
        return review_list(user, QUEUE)


class ReviewInboxView(_ReviewList):
    """What the specialist holds (operators: every held filing)."""

    def filings(self, user: Any) -> QuerySet[Filing]:
        return review_list(user, INBOX)


class ReviewArchiveView(_ReviewList):
    """What the specialist decided (operators: everything decided by a specialist)."""

    pagination_class = NewestFirst

    def filings(self, user: Any) -> QuerySet[Filing]:
        return review_list(user, ARCHIVE)


# --- Actions -----------------------------------------------------------------------------------------------
class ReasonInput(serializers.Serializer):
    code = serializers.CharField(max_length=48, help_text="A code of the rejection-reason catalogue")
    field = serializers.CharField(max_length=100, help_text="The field or material it concerns")


class RejectInput(serializers.Serializer):
    reasons = ReasonInput(many=True)
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class OverrideInput(serializers.Serializer):
    finding = serializers.CharField(
        max_length=64,
        help_text="The id of an automated finding of the round (`/review/filings/{id}/findings/`)",
    )
    note = serializers.CharField(
        max_length=1000, allow_blank=True, help_text="Why it does not stand in the way"
    )


class ApproveInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    overrides = OverrideInput(many=True, required=False)


class CallAttemptInput(serializers.Serializer):
    reached = serializers.BooleanField(help_text="Whether the person in charge answered")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class CallAttemptSerializer(serializers.Serializer):
    reached = serializers.BooleanField()
    note = serializers.CharField()
    at = serializers.DateTimeField()
    failed_attempts = serializers.IntegerField(help_text="Failed calls in a row, this review round")
    rejection_suggested = serializers.BooleanField(
        help_text="Two failed calls are a rejection reason (`phone_unreachable`)"
    )


class ReassignInput(serializers.Serializer):
    specialist = serializers.CharField(max_length=150, help_text="The user name of the specialist")


class _ReviewAction(FilingResponseMixin, APIView):
    permission_classes = [IsSpecialist]
    identity_access_logger = staticmethod(identity_access_record)
    input_class: type[serializers.Serializer] | None = None
    # The decision's transition: its availability is checked before the body (a 409 whatever was sent).
    transition: str | None = None

    def act(self, filing: Filing, user: Any, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: Request, id: Any) -> Response:
        filing = visible_filing(request.user, id)
        if self.transition is not None:
            available_transition(filing, self.transition, by=request.user)
        data: dict[str, Any] = {}
        if self.input_class is not None:
            data = validated(self.input_class, request.data)
        result = self.act(filing, request.user, data)
        if isinstance(result, Response):
            return result
        return self.filing_response(request, id)


def _action_schema(summary: str, request: Any = None) -> Any:
    return extend_schema(summary=summary, request=request, responses={200: FilingSerializer})


class ClaimView(_ReviewAction):
    @_action_schema("Take a filing from the queue (409 when someone else took it)")
    def post(self, request: Request, id: Any) -> Response:
        return super().post(request, id)

    def act(self, filing, user, data):
        review_services.review_claim(filing=filing, by=user)


class ReleaseView(_ReviewAction):
    @_action_schema("Put a held filing back in the queue")
    def post(self, request: Request, id: Any) -> Response:
        return super().post(request, id)

    def act(self, filing, user, data):
        review_services.review_release(filing=filing, by=user)


class ApproveView(_ReviewAction):
    transition = "approve"
    input_class = ApproveInput

    @_action_schema("Approve (the holder); findings overridden with a note", ApproveInput)
    def post(self, request: Request, id: Any) -> Response:
        return super().post(request, id)

    def act(self, filing, user, data):
        review_approve_with_overrides(
            filing=filing, by=user, note=data.get("note", ""), overrides=data.get("overrides", [])
        )


class RejectView(_ReviewAction):
    transition = "reject"
    input_class = RejectInput

    @_action_schema("Return the filing with reasons from the catalogue, each tied to a field", RejectInput)
    def post(self, request: Request, id: Any) -> Response:
        return super().post(request, id)

    def act(self, filing, user, data):
        review_services.review_reject(
            filing=filing, by=user, reasons=data["reasons"], message=data.get("message", "")
        )


class ConfirmMailView(_ReviewAction):
    transition = "confirm_mail_received"

    @_action_schema("Confirm that the paper materials arrived (mailing → MIIT submission)")
    def post(self, request: Request, id: Any) -> Response:
        return super().post(request, id)

    def act(self, filing, user, data):
        review_services.review_confirm_mail(filing=filing, by=user)


class CallAttemptView(_ReviewAction):
    input_class = CallAttemptInput

    @extend_schema(
        summary="Record a phone call attempt (the holder)",
        request=CallAttemptInput,
        responses={201: CallAttemptSerializer},
    )
    def post(self, request: Request, id: Any) -> Response:
        return super().post(request, id)

    def act(self, filing, user, data):
        attempt = review_record_call_attempt(
            filing=filing, by=user, reached=data["reached"], note=data.get("note", "")
        )
        failed = failed_calls(filing)
        body = {
            "reached": attempt.reached,
            "note": attempt.note,
            "at": attempt.at,
            "failed_attempts": failed,
            "rejection_suggested": failed >= FAILED_CALLS_FOR_REJECTION,
        }
        return Response(CallAttemptSerializer(body).data, status=status.HTTP_201_CREATED)


class ReassignView(_ReviewAction):
    permission_classes = [IsOperator]
    input_class = ReassignInput

    @_action_schema("Operators: hand the filing to a specialist", ReassignInput)
    def post(self, request: Request, id: Any) -> Response:
        return super().post(request, id)

    def act(self, filing, user, data):
        review_reassign(filing=filing, by=user, to_username=data["specialist"])


# --- Automated findings --------------------------------------------------------------------------------------
class ReviewFindingSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text="The check's code: `domain_holder_name_mismatch`")
    field = serializers.CharField(read_only=True, help_text="The field or material path: `websites.0.domain`")
    resolved_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, help_text="The specialist who resolved or overrode it"
    )
    is_open = serializers.BooleanField(read_only=True, help_text="Blocking, neither resolved nor overridden")

    class Meta:
        model = Finding
        fields = [
            "id",
            "review_round",
            "code",
            "field",
            "severity",
            "message",
            "evidence",
            "created_at",
            "is_open",
            "resolution",
            "resolved_by",
            "resolved_at",
            "note",
        ]
        read_only_fields = fields


class ResolveInput(serializers.Serializer):
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class FindingListView(APIView):
    """The automated findings of the filing's current review round (approve overrides them by id)."""

    permission_classes = [IsStaff]

    @extend_schema(
        summary="The automated findings of the current review round",
        responses={200: ReviewFindingSerializer(many=True)},
    )
    def get(self, request: Request, id: Any) -> Response:
        filing = visible_filing(request.user, id)
        rows = Finding.objects.filter(filing=filing, review_round=filing.review_round).select_related(
            "resolved_by"
        )
        return Response(ReviewFindingSerializer(rows, many=True).data)


class FindingResolveView(APIView):
    permission_classes = [IsSpecialist]

    @extend_schema(
        summary="Mark a finding resolved (the holder)",
        request=ResolveInput,
        responses={200: ReviewFindingSerializer},
    )
    def post(self, request: Request, id: Any, finding_id: int) -> Response:
        filing = visible_filing(request.user, id)
        finding = Finding.objects.filter(filing=filing, pk=finding_id).select_related("filing").first()
        if finding is None:
            raise Http404
        data = validated(ResolveInput, request.data)
        finding = review_resolve_finding(finding=finding, by=request.user, note=data.get("note", ""))
        return Response(ReviewFindingSerializer(finding).data)

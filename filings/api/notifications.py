"""``/api/v1/notifications/``: the caller's inbox (``notifications.Notification`` rows of the inbox channel),
newest first, each rendered in its language; ``POST /api/v1/notifications/{id}/read/`` marks one as read.
Nobody sees another's notices: another's id is a 404, as one that does not exist."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications.models import Notification
from notifications.rendering import render
from notifications.services import inbox_for, notification_mark_read


class NotificationSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", read_only=True)
    kind = serializers.CharField(help_text="What the notice is about (filing_submitted, filing_returned, …)")
    subject = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField(help_text="The notice's text, in the recipient's language")
    filing = serializers.UUIDField(source="filing.code", allow_null=True, default=None, read_only=True)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def _rendered(self, notification: Notification) -> Any:
        cache = self.context.setdefault("rendered", {})
        if notification.pk not in cache:
            cache[notification.pk] = render(notification)
        return cache[notification.pk]

    def get_subject(self, notification: Notification) -> str:
        return self._rendered(notification).subject

    def get_text(self, notification: Notification) -> str:
        return self._rendered(notification).text


class NotificationListView(generics.ListAPIView):
    serializer_class = NotificationSerializer

    @extend_schema(summary="The caller's notices, newest first")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Notification]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return Notification.objects.none()
        return inbox_for(self.request.user).select_related("filing")


class NotificationReadView(APIView):
    @extend_schema(
        summary="Mark one of the caller's notices as read",
        request=None,
        responses={200: NotificationSerializer},
    )
    def post(self, request: Request, id: Any) -> Response:
        try:
            notification = inbox_for(request.user).select_related("filing").get(code=id)
        except (Notification.DoesNotExist, ValidationError) as exc:
            raise Http404 from exc
        notification = notification_mark_read(notification=notification, by=request.user)
        return Response(NotificationSerializer(notification).data)

"""``GET /api/v1/instances/``: the caller's instances with their free service identification numbers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from common.api.pagination import CursorPage
from instances.models import Instance, ServiceNumber


class InstanceSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="code", read_only=True)
    instance_id = serializers.CharField(help_text="The cloud's own id")
    kind = serializers.CharField()
    cloud_region = serializers.CharField()
    is_mainland = serializers.BooleanField()
    public_ip = serializers.IPAddressField(allow_null=True)
    billing = serializers.CharField()
    expires_at = serializers.DateTimeField(allow_null=True)
    free_service_numbers = serializers.SerializerMethodField(
        help_text="Numbers neither used by an approved website nor by a filing in progress"
    )

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_free_service_numbers(self, instance: Instance) -> list[str]:
        return [number.code for number in instance.free_numbers]


class NewestInstanceFirst(CursorPage):
    ordering = ("-id",)


class InstanceListView(generics.ListAPIView):
    """``busy_service_numbers()`` returns the numbers held by filings in progress: it is handed in by
    ``icp_portal/api_urls.py`` (filings sit above instances, which do not import them)."""

    serializer_class = InstanceSerializer
    queryset = Instance.objects.none()  # the model, for the schema; ``get_queryset`` scopes the rows
    pagination_class = NewestInstanceFirst
    busy_service_numbers: Callable[[], QuerySet[Any]] | None = None

    def get_queryset(self) -> QuerySet[Instance]:
        free = ServiceNumber.objects.filter(consumed_at__isnull=True).order_by("code")
        if self.busy_service_numbers is not None:
            free = free.exclude(pk__in=self.busy_service_numbers())
        return Instance.objects.filter(owner=self.request.user).prefetch_related(
            Prefetch("service_numbers", queryset=free, to_attr="free_numbers")
        )

"""``GET /api/v1/regions/``: the regions with the rules an applicant must know before starting a filing."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from entities.models import Region


class RegionSerializer(serializers.ModelSerializer):
    """The regional rules as data (regions.csv, edited by operators)."""

    icp_prefixes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Region
        fields = [
            "code",
            "name_zh",
            "name_en",
            "icp_prefix",
            "icp_prefixes",
            "sms_required",
            "individual_residency",
            "local_phone_required",
            "head_must_be_legal_rep",
            "domain_min_months",
            "max_domains_per_order",
            "min_age",
            "review_workdays",
            "mailing_rule",
            "empty_entity_must_cancel",
            "individual_name_forms",
            "extra_pre_approval_categories",
            "individual_excluded_tlds",
        ]
        read_only_fields = fields


@extend_schema(summary="The regions and their filing rules (public reference data, not paginated)")
class RegionListView(generics.ListAPIView):
    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    queryset = Region.objects.order_by("division")
    error_statuses = ()

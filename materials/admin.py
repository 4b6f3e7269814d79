"""Operators read the uploads, the face checks and who opened which file; the actions send the jobs again.
Every row here is written by a service or a job: nothing is added, changed or deleted by hand."""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.admin import LargeTableAdminMixin, ReadOnlyAdminMixin
from materials.models import (
    CertificateRecognition,
    FaceVerification,
    FaceVerificationStatus,
    Material,
    MaterialDownload,
    MaterialStatus,
)
from materials.tasks import face_verification_result_task, material_process_task


def jobs_dispatched(count: int) -> str:
    return ngettext("%(count)d job dispatched.", "%(count)d jobs dispatched.", count) % {"count": count}


@admin.register(Material)
class MaterialAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("preview", "kind", "filing", "status", "rejection_code", "attempts", "created_at")
    list_filter = ("status", "kind", "created_at")
    list_select_related = ("filing",)
    # Exact matches only: a LIKE over millions of uploads would scan them all.
    search_fields = ("=code", "=filing__code", "=sha256", "rejection_code")
    readonly_fields = ("preview",)
    exclude = ("original_name", "quarantine_path")  # the applicant's own file name may hold personal data
    actions = ["retry_processing"]

    @admin.display(description=_("file"))
    def preview(self, obj: Material) -> str:
        """The thumbnail, linked to the full file, both through the private view (which checks the viewer)."""
        if obj.status != MaterialStatus.ACCEPTED:
            return obj.get_status_display()
        file_url = reverse("material-file", args=[obj.code])
        if not obj.thumbnail_path:
            return format_html('<a href="{}">{}</a>', file_url, obj.content_type)
        thumbnail_url = reverse("material-thumbnail", args=[obj.code])
        return format_html(
            '<a href="{}"><img src="{}" alt="" style="max-height:64px"></a>', file_url, thumbnail_url
        )

    @admin.action(description=_("Process the selected uploads again (those still processing)"))
    def retry_processing(self, request, queryset):
        count = 0
        for material_id in queryset.filter(status=MaterialStatus.PROCESSING).values_list("pk", flat=True):
            material_process_task.delay_on_commit(material_id)
            count += 1
        self.message_user(request, jobs_dispatched(count), messages.SUCCESS)


@admin.register(MaterialDownload)
class MaterialDownloadAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "user", "variant", "material")
    list_select_related = ("user", "material")
    list_filter = ("variant", "at")
    search_fields = ("user__username", "=material__code")


@admin.register(FaceVerification)
class FaceVerificationAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("filing", "person", "status", "reason", "gateway_reference", "created_at", "decided_at")
    list_filter = ("status", "created_at")
    list_select_related = ("filing", "person")
    search_fields = ("=gateway_reference", "=filing__code")
    actions = ["ask_provider_again"]

    @admin.action(description=_("Ask the provider again for the result of the selected pending checks"))
    def ask_provider_again(self, request, queryset):
        count = 0
        for verification_id in queryset.filter(status=FaceVerificationStatus.PENDING).values_list(
            "pk", flat=True
        ):
            face_verification_result_task.delay_on_commit(verification_id)
            count += 1
        self.message_user(request, jobs_dispatched(count), messages.SUCCESS)


@admin.register(CertificateRecognition)
class CertificateRecognitionAdmin(LargeTableAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Photos read by the OCR: what was proposed, identity numbers masked (the encrypted ones never shown)."""

    list_display = ("created_at", "purpose", "status", "kind", "owner", "filing", "attempts", "recognised_at")
    list_filter = ("status", "purpose", "created_at")
    list_select_related = ("owner", "filing")
    search_fields = ("=code", "=filing__code", "owner__username")
    # The proposals hold encrypted numbers and the upload its path and the applicant's own file name.
    exclude = ("proposals", "upload_path", "original_name")
    readonly_fields = ("masked_proposals",)

    @admin.display(description=_("proposals"))
    def masked_proposals(self, obj: CertificateRecognition) -> str:
        parts = []
        for name, item in (obj.proposals or {}).items():
            value = item.get("masked", "") if "encrypted" in item else item.get("value", "")
            parts.append(f"{name}: {value} ({float(item.get('confidence', 0)):.2f})")
        return "; ".join(parts)

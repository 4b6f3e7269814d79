"""Materials (step 4), face verification results and the log of who opened a file.

The tables keep the names they had when these models lived in the filings app (``filings_material``, …): the
move changed no row. Files are private: stored under ``settings.PRIVATE_STORAGE_ROOT``, outside every root a
web server serves, and streamed only by ``materials.views.material_file`` after it checks the viewer.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class MaterialKind(models.TextChoices):
    ENTITY_CERTIFICATE = "entity_certificate", "主体证件 / Entity certificate"
    ID_FRONT = "id_front", "身份证件正面 / ID, front"
    ID_BACK = "id_back", "身份证件背面 / ID, back"
    ENTITY_HEAD_ID_FRONT = "entity_head_id_front", "主体负责人证件正面 / Entity person in charge's ID, front"
    ENTITY_HEAD_ID_BACK = "entity_head_id_back", "主体负责人证件背面 / Entity person in charge's ID, back"
    WEBSITE_HEAD_ID_FRONT = (
        "website_head_id_front",
        "网站负责人证件正面 / Website person in charge's ID, front",
    )
    WEBSITE_HEAD_ID_BACK = "website_head_id_back", "网站负责人证件背面 / Website person in charge's ID, back"
    VERIFICATION_FORM = "verification_form", "网站备案信息真实性核验单 / Authenticity verification form"
    AUTHORISATION_LETTER = "authorisation_letter", "授权书 / Authorisation letter"
    RESIDENCE_PERMIT = "residence_permit", "居住证 / Residence permit"
    PRE_APPROVAL_DOCUMENT = "pre_approval_document", "前置审批文件 / Pre-approval document"
    DOMAIN_CERTIFICATE = "domain_certificate", "域名证书 / Domain certificate"
    AUXILIARY = "auxiliary", "其他辅助材料 / Other auxiliary material"


_K = MaterialKind
# Kinds that belong to one website (the upload names it); the others belong to the filing.
PER_WEBSITE_KINDS = frozenset(
    {
        _K.WEBSITE_HEAD_ID_FRONT,
        _K.WEBSITE_HEAD_ID_BACK,
        _K.VERIFICATION_FORM,
        _K.PRE_APPROVAL_DOCUMENT,
        _K.DOMAIN_CERTIFICATE,
    }
)
# Signed papers may come as a PDF or a photo; everything else is a photo of a card or a certificate.
DOCUMENT_KINDS = frozenset(
    {
        _K.VERIFICATION_FORM,
        _K.AUTHORISATION_LETTER,
        _K.PRE_APPROVAL_DOCUMENT,
        _K.DOMAIN_CERTIFICATE,
        _K.AUXILIARY,
    }
)
# Dated papers: the date is entered with the upload (a letter must be recent, an approval already issued).
DATED_KINDS = frozenset({_K.AUTHORISATION_LETTER, _K.PRE_APPROVAL_DOCUMENT})
# Never required up front: a specialist asks for them when returning the filing.
ON_REQUEST_KINDS = frozenset({_K.DOMAIN_CERTIFICATE, _K.AUXILIARY})


class MaterialStatus(models.TextChoices):
    PROCESSING = "processing", "处理中 / Processing"
    ACCEPTED = "accepted", "已接受 / Accepted"
    REJECTED = "rejected", "未通过 / Rejected"


class FaceVerificationStatus(models.TextChoices):
    PENDING = "pending", "待核验 / Pending"
    PASSED = "passed", "已通过 / Passed"
    FAILED = "failed", "未通过 / Failed"


class StorageUnavailable(Exception):
    """The private store could not be read or written (a full disk, a network file system away): transient."""


def private_storage() -> FileSystemStorage:
    """The private file store, built on each use (it is cheap) so a changed setting applies at once."""
    return FileSystemStorage(
        location=settings.PRIVATE_STORAGE_ROOT,
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


class Material(models.Model):
    """One upload of one required material. Re-uploading adds a row: the latest per (kind, website,
    category) counts, the earlier ones stay for the reviewer's comparison.

    The raw upload waits in ``quarantine_path`` until the processing job has checked and re-encoded it; only
    the sanitised ``file_path`` and its ``thumbnail_path`` are ever served.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=32, choices=MaterialKind.choices)
    website = models.ForeignKey(
        "entities.Website", null=True, blank=True, on_delete=models.PROTECT, related_name="materials"
    )
    category = models.CharField(max_length=32, blank=True, help_text=_("Pre-approval category"))
    status = models.CharField(
        max_length=16, choices=MaterialStatus.choices, default=MaterialStatus.PROCESSING, db_index=True
    )
    rejection_code = models.CharField(max_length=48, blank=True)
    rejection_message = models.TextField(blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    quarantine_path = models.CharField(max_length=255, blank=True)
    file_path = models.CharField(max_length=255, blank=True)
    thumbnail_path = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=32, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    perceptual_hash = models.CharField(max_length=16, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    findings = models.JSONField(default=list, blank=True)
    # Letters and pre-approval documents carry their date (entered with the upload).
    document_date = models.DateField(null=True, blank=True)
    # Runs of the processing job; the sweep stops re-dispatching after a few and operators see it in the admin.
    attempts = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "filings_material"
        ordering = ["filing", "created_at", "id"]
        indexes = [
            models.Index(fields=["filing", "kind", "created_at"], name="filings_mat_filing__b93757_idx"),
            models.Index(fields=["status", "created_at"], name="filings_mat_status_6cbe85_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.status})"


class MaterialDownload(models.Model):
    """Someone other than the owner opened a material's file: identity documents are personal data."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    variant = models.CharField(max_length=16, default="file")  # file or thumbnail
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "filings_materialdownload"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} {self.variant} {self.material.code} {self.at:%Y-%m-%d %H:%M}"


class FaceVerification(models.Model):
    """One liveness check of a website's person in charge for a filing. Only the provider's reference and
    the outcome are kept: the selfie goes to the provider and is never stored here."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filing = models.ForeignKey("filings.Filing", on_delete=models.CASCADE, related_name="face_verifications")
    person = models.ForeignKey("entities.Person", on_delete=models.PROTECT, related_name="face_verifications")
    gateway_reference = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=16,
        choices=FaceVerificationStatus.choices,
        default=FaceVerificationStatus.PENDING,
        db_index=True,
    )
    reason = models.TextField(blank=True)  # why it failed, in the provider's words
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    selfie_submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "filings_faceverification"
        ordering = ["filing", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.gateway_reference} ({self.status})"


# Certificate recognition's row lives beside its services; Django finds the app's models through this module.
from materials.recognition.models import CertificateRecognition  # noqa: E402, F401

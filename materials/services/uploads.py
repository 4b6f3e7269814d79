"""Uploads of materials and the job that processes them (``filings/material_services/__init__.py``)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.errors import ApplicationError
from common.jobs import dispatch_on_commit
from common.problems import add_months
from entities.models import Website
from entities.rules.websites import PRE_APPROVAL_CATEGORIES
from materials.models import (
    DATED_KINDS,
    DOCUMENT_KINDS,
    ON_REQUEST_KINDS,
    PER_WEBSITE_KINDS,
    Material,
    MaterialKind,
    MaterialStatus,
    StorageUnavailable,
    private_storage,
)
from materials.pipeline import (
    MaterialRejected,
    check_file_size,  # one size rule and one message for the upload and the pipeline
    near_duplicate,
    process_document,
    process_image,
)
from materials.requirements import LETTER_MAX_AGE_MONTHS, current_materials, material_key, required_materials
from materials.services.editing import filing_rules

_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


# --- Uploads ----------------------------------------------------------------------------------------------
def material_upload(
    *,
    filing: Any,
    by: Any,
    kind: str,
    website: Website | None = None,
    content: bytes,
    filename: str,
    document_date: dt.date | None = None,
    category: str = "",
) -> Material:
    """Accept an upload for processing: checks that need no decoding now, the pipeline in a job.

    1. Only the owner; the size before anything else is looked at (413).
    2. While the filing is in ``materials`` or ``self_check`` (which re-opens to ``materials``), or returned
       (edited in place).
    3. The kind must be one this filing requires now (for this website and category), or an on-request kind
       while the filing is returned; dated papers need a plausible date.
    4. Store the raw bytes in the private quarantine, create the row, dispatch processing after the commit.
    """
    filing_rules().require_owner(filing, by)
    check_file_size(content)
    if not content:
        raise MaterialRejected(
            "empty", "文件为空，请重新选择文件。 / The file is empty; choose the file again."
        )
    filing_rules().require_editable(filing)
    category = (category or "").strip()
    _check_required(filing, kind=kind, website=website, category=category)
    _check_document_date(kind, document_date)

    code = uuid.uuid4()
    storage = private_storage()
    try:
        quarantine_path = storage.save(f"quarantine/{code}.upload", ContentFile(content))
    except OSError as error:
        raise StorageUnavailable(str(error)) from error
    try:
        with transaction.atomic():
            locked = type(filing).objects.select_for_update().get(pk=filing.pk)
            filing_rules().require_editable(locked)  # the state may have moved since the first look
            material = Material.objects.create(
                code=code,
                filing=locked,
                kind=kind,
                website=website,
                category=category,
                original_name=os.path.basename(filename or "")[:255],
                size=len(content),
                quarantine_path=quarantine_path,
                document_date=document_date,
                uploaded_by=by,
            )
            filing_rules().reopen(locked, by=by)
            _dispatch_processing(material)
    except BaseException:
        storage.delete(quarantine_path)  # nothing refers to it any more
        raise
    filing.refresh_from_db(fields=["state"])
    return material


def _check_required(filing: Any, *, kind: str, website: Website | None, category: str) -> None:
    field = f"materials.{kind}"
    if kind not in MaterialKind.values:
        message = f"未知的材料类型“{kind}”。 / “{kind}” is not a kind of material."
        raise ApplicationError(message, code="material_kind_unknown", fields={"materials": [message]})
    label = MaterialKind(kind).label
    zh, en = label.split(" / ", 1)
    websites = set(filing.filing_websites.values_list("website_id", flat=True))
    if kind in PER_WEBSITE_KINDS and website is None:
        message = f"请选择这份{zh}所属的网站。 / Choose the website this {en} belongs to."
        raise ApplicationError(message, code="material_website_required", fields={field: [message]})
    if website is not None and website.pk not in websites:
        message = f"网站不属于本备案。 / The website is not part of this filing ({en})."
        raise ApplicationError(message, code="material_website_unknown", fields={field: [message]})
    if kind in ON_REQUEST_KINDS:
        if filing_rules().is_returned(filing):
            return
        message = (
            f"{zh}只在审核人员要求时上传（备案被退回后）。 / Upload the {en} only when a reviewer asks for it "
            "(after the filing is returned)."
        )
        raise ApplicationError(message, code="material_not_required", fields={field: [message]})
    wanted = (kind, website.pk if website else None, category)
    if any(requirement.key == wanted for requirement in required_materials(filing)):
        return
    where_zh, where_en = (f"（网站 {website}）", f" (website {website})") if website else ("", "")
    message = f"本备案不需要{zh}{where_zh}。 / This filing does not need the {en}{where_en}."
    if kind == MaterialKind.PRE_APPROVAL_DOCUMENT:
        name_zh, name_en = PRE_APPROVAL_CATEGORIES.get(category, (category, category))
        message = (
            f"网站 {website} 未选择“{name_zh}”前置审批，无需此文件。 / The website {website} has no "
            f"“{name_en}” pre-approval: this document is not needed."
        )
    raise ApplicationError(message, code="material_not_required", fields={field: [message]})


def _check_document_date(kind: str, document_date: dt.date | None) -> None:
    if kind not in DATED_KINDS:
        return
    field = f"materials.{kind}.document_date"
    today = timezone.localdate()
    if document_date is None:
        message = "请填写文件上的日期。 / Enter the date on the document."
    elif document_date > today:
        message = (
            f"文件日期 {document_date} 晚于今天。 / The document's date {document_date} is in the future."
        )
    elif (
        kind == MaterialKind.AUTHORISATION_LETTER and add_months(document_date, LETTER_MAX_AGE_MONTHS) < today
    ):
        message = (
            f"授权书须为近{LETTER_MAX_AGE_MONTHS}个月内出具（日期为 {document_date}）。 / The authorisation letter "
            f"must be dated within the last {LETTER_MAX_AGE_MONTHS} months (it is dated {document_date})."
        )
    else:
        return
    raise ApplicationError(message, code="material_document_date", fields={field: [message]})


def _dispatch_processing(material: Material) -> None:
    dispatch_on_commit("materials.tasks.material_process_task", material.pk)


# --- The processing job -------------------------------------------------------------------------------------
def material_process(*, material_id: int) -> Material | None:
    """Run the pipeline on a quarantined upload and record the verdict (idempotent).

    1. Re-read; a material no longer ``processing`` is done: leave it.
    2. Read the raw upload. Gone while still processing means it was lost: refused, upload again.
    3. Photos through ``process_image``; papers (form, letters) through ``process_document`` (PDF or photo).
    4. Store the sanitised file and thumbnail, note near-duplicates among the filing's current materials.
    5. Write the verdict only if still ``processing`` (a concurrent run may have won: its files stay, ours go),
       then delete the raw upload.
    """
    material = Material.objects.filter(pk=material_id).select_related("filing").first()
    if material is None or material.status != MaterialStatus.PROCESSING:
        return material
    Material.objects.filter(pk=material.pk).update(attempts=F("attempts") + 1)
    storage = private_storage()
    try:
        with storage.open(material.quarantine_path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        material.refresh_from_db()
        if material.status != MaterialStatus.PROCESSING:
            return material
        lost = MaterialRejected(
            "upload_lost", "上传的文件已丢失，请重新上传。 / The uploaded file was lost; upload it again."
        )
        return _record_rejection(material, lost)
    except OSError as error:
        raise StorageUnavailable(str(error)) from error

    try:
        processed = _run_pipeline(material.kind, raw)
    except MaterialRejected as rejection:
        return _record_rejection(material, rejection)

    directory = f"materials/{material.filing.code}"
    extension = _EXTENSIONS.get(processed.content_type, "bin")
    try:
        file_path = storage.save(f"{directory}/{material.code}.{extension}", ContentFile(processed.content))
        thumbnail_path = (
            storage.save(f"{directory}/{material.code}-thumbnail.jpg", ContentFile(processed.thumbnail))
            if processed.thumbnail
            else ""
        )
    except OSError as error:
        raise StorageUnavailable(str(error)) from error
    findings = list(processed.findings) + _duplicate_findings(material, processed.perceptual_hash)
    updated = Material.objects.filter(pk=material.pk, status=MaterialStatus.PROCESSING).update(
        status=MaterialStatus.ACCEPTED,
        file_path=file_path,
        thumbnail_path=thumbnail_path,
        content_type=processed.content_type,
        sha256=processed.sha256,
        perceptual_hash=processed.perceptual_hash,
        width=processed.width,
        height=processed.height,
        findings=findings,
        processed_at=timezone.now(),
    )
    if not updated:  # another run recorded its verdict first: keep its files, not ours
        for path in (file_path, thumbnail_path):
            if path:
                storage.delete(path)
    else:
        storage.delete(material.quarantine_path)
    material.refresh_from_db()
    return material


@dataclass(frozen=True)
class _Processed:
    content: bytes
    content_type: str
    thumbnail: bytes | None
    sha256: str
    perceptual_hash: str
    width: int | None
    height: int | None
    findings: list[dict]


def _run_pipeline(kind: str, raw: bytes) -> _Processed:
    """The pipeline's result in one shape. A paper sent as a photo goes through ``process_image`` itself
    (``process_document`` would do the same but drop the size and the perceptual hash)."""
    is_photo = raw.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))
    if kind in DOCUMENT_KINDS and not is_photo:
        document = process_document(raw)
        return _Processed(
            document.content, document.content_type, document.thumbnail, document.sha256, "", None, None,
            document.findings,
        )  # fmt: skip
    image = process_image(raw)
    return _Processed(
        image.content, image.content_type, image.thumbnail, image.sha256, image.perceptual_hash, image.width,
        image.height, image.findings,
    )  # fmt: skip


def _duplicate_findings(material: Material, perceptual_hash: str) -> list[dict]:
    """An advisory for each current material of the filing that looks like this one (the same photo
    uploaded as two documents); the reviewer decides."""
    if not perceptual_hash:
        return []
    findings = []
    for key, other in current_materials(material.filing).items():
        if (
            other.pk == material.pk
            or key == material_key(material)
            or other.status != MaterialStatus.ACCEPTED
            or not near_duplicate(perceptual_hash, other.perceptual_hash)
        ):
            continue
        findings.append(
            {
                "code": "duplicate_image",
                "severity": "advisory",
                "message": (
                    f"与已上传的“{other.get_kind_display().split(' / ')[0]}”几乎相同，请确认没有传错文件。 / "
                    f"Nearly identical to the {other.get_kind_display().split(' / ')[1]} already uploaded; "
                    "check that the right file was chosen."
                ),
                "other": str(other.code),
            }
        )
    return findings


def _record_rejection(material: Material, rejection: MaterialRejected) -> Material:
    Material.objects.filter(pk=material.pk, status=MaterialStatus.PROCESSING).update(
        status=MaterialStatus.REJECTED,
        rejection_code=rejection.code,
        rejection_message=rejection.message,
        processed_at=timezone.now(),
    )
    private_storage().delete(material.quarantine_path)  # a refused upload is not kept
    material.refresh_from_db()
    return material

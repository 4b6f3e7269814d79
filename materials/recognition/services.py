"""Certificate recognition's writes: the upload, the job's body, and the attachment to a filing.

A photo is stored in the private store and answered at once; ``recognition_run`` (the ``ocr`` queue's job,
never the web process) reads it with the OCR gateway, turns the lines into proposals with
``entities.recognition.recognise`` and keeps only those, numbers encrypted. ``recognition_attach`` hands the
same photo to a filing as the step-4 material it shows, processed by the materials pipeline like any upload.
Nothing here writes to an entity or a person: the applicant accepts or corrects a proposal on the forms.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.errors import ApplicationError
from common.identity import encrypt_identity, mask_identity, normalise_certificate_number
from common.jobs import dispatch_on_commit
from entities import recognition as parsers
from entities.models import Website
from entities.recognition import CertificateKind, Recognition
from gateways.ocr import ocr_engine
from materials.models import Material, MaterialKind, StorageUnavailable, private_storage
from materials.pipeline import MaterialRejected, check_file_size
from materials.recognition.models import (
    NUMBER_FIELDS,
    CertificateRecognition,
    RecognitionPurpose,
    RecognitionStatus,
)
from materials.services.editing import filing_rules

logger = logging.getLogger(__name__)
P = RecognitionPurpose
K = CertificateKind

# What each purpose may be a photo of; anything else read on it is "nothing recognised" for that purpose.
EXPECTED_KINDS = {
    P.ENTITY_CERTIFICATE: (K.BUSINESS_LICENCE, K.ORGANISATION_CERTIFICATE, K.ID_CARD_FRONT),
    # A person's photo is their ID card's front (name, number): it becomes the "ID, front" material.
    P.ENTITY_HEAD_ID: (K.ID_CARD_FRONT,),
    P.WEBSITE_HEAD_ID: (K.ID_CARD_FRONT,),
}
_PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


# --- The upload ---------------------------------------------------------------------------------------------
def recognition_upload(
    *,
    by: Any,
    purpose: str,
    content: bytes,
    filename: str,
    filing: Any = None,
    website: Website | None = None,
) -> CertificateRecognition:
    """Accept a photo for recognition; the OCR runs in a job.

    1. A known purpose; a website's person in charge names the website, which must be the filing's.
    2. A photo (JPEG or PNG, the pipeline's types) within the size limit.
    3. With a filing (step 3): only its owner; the photo becomes the material at once.
    4. Store the photo privately, create the row, dispatch the job after the commit.
    """
    if purpose not in P.values:
        message = f"未知的识别用途“{purpose}”。 / “{purpose}” is not a purpose of recognition."
        raise ApplicationError(message, code="recognition_purpose_unknown", fields={"purpose": [message]})
    if filing is not None:
        filing_rules().require_owner(filing, by)
    _check_website(purpose, filing, website)
    check_file_size(content)
    if not content.startswith(_PHOTO_SIGNATURES):
        message = "请上传证件照片（JPEG 或 PNG）。 / Upload a photo of the certificate (JPEG or PNG)."
        raise MaterialRejected("unsupported_type", message)
    code = uuid.uuid4()
    storage = private_storage()
    try:
        upload_path = storage.save(f"recognition/{code}.upload", ContentFile(content))
    except OSError as error:
        raise StorageUnavailable(str(error)) from error
    try:
        with transaction.atomic():
            recognition = CertificateRecognition.objects.create(
                code=code,
                owner=by,
                purpose=purpose,
                website=website,
                upload_path=upload_path,
                original_name=(filename or "").rsplit("/", 1)[-1][:255],
                size=len(content),
            )
            dispatch_on_commit("materials.tasks.certificate_recognition_task", recognition.pk)
            if filing is not None:
                recognition_attach(recognition=recognition, filing=filing, by=by)
    except BaseException:
        storage.delete(upload_path)
        raise
    return recognition


def _check_website(purpose: str, filing: Any, website: Website | None) -> None:
    if purpose != P.WEBSITE_HEAD_ID:
        return
    if website is None or filing is None:
        message = "请选择这位负责人所属的网站。 / Choose the website this person is in charge of."
        raise ApplicationError(message, code="recognition_website_required", fields={"website": [message]})
    if not filing.filing_websites.filter(website=website).exists():
        message = "网站不属于本备案。 / The website is not part of this filing."
        raise ApplicationError(message, code="recognition_website_unknown", fields={"website": [message]})


# --- The job's body -----------------------------------------------------------------------------------------
def recognition_run(*, recognition_id: int) -> CertificateRecognition | None:
    """Read the photo and keep the proposals (idempotent).

    1. Re-read; a recognition no longer ``processing`` is done: leave it.
    2. Read the photo; gone means lost: nothing recognised (the applicant types or uploads again).
    3. OCR (``OcrUnavailable`` is transient: the job retries), then the parsers; a kind the purpose does not
       expect, or no field read, is "nothing recognised". An image the engine cannot decode is the same.
    4. Keep the proposals (numbers encrypted, masked copy) only if still ``processing``; the lines are dropped.
    5. Hand the photo on (``_hand_on``): attached and a fitting certificate, it becomes the material.
    """
    recognition = CertificateRecognition.objects.filter(pk=recognition_id).first()
    if recognition is None or recognition.status != RecognitionStatus.PROCESSING:
        return recognition
    CertificateRecognition.objects.filter(pk=recognition.pk).update(attempts=F("attempts") + 1)
    storage = private_storage()
    try:
        with storage.open(recognition.upload_path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return _record(recognition, Recognition(kind=K.UNKNOWN))
    except OSError as error:
        raise StorageUnavailable(str(error)) from error
    try:
        reading = ocr_engine().read(raw)
    except ValueError:  # not an image the engine can decode: not a certificate either
        logger.info("recognition %s: the image could not be decoded", recognition.code)
        return _record(recognition, Recognition(kind=K.UNKNOWN))
    return _record(recognition, parsers.recognise(reading))


def _record(recognition: CertificateRecognition, result: Recognition) -> CertificateRecognition:
    expected = EXPECTED_KINDS.get(RecognitionPurpose(recognition.purpose), ())
    useful = result.recognised and result.kind in expected
    proposals = _stored_proposals(result) if useful else {}
    CertificateRecognition.objects.filter(pk=recognition.pk, status=RecognitionStatus.PROCESSING).update(
        status=RecognitionStatus.RECOGNISED if useful else RecognitionStatus.NOTHING,
        kind=str(result.kind),
        proposals=proposals,
        recognised_at=timezone.now(),
    )
    with transaction.atomic():
        _hand_on(CertificateRecognition.objects.select_for_update().get(pk=recognition.pk))
    recognition.refresh_from_db()
    return recognition


def _stored_proposals(result: Recognition) -> dict[str, dict[str, Any]]:
    stored: dict[str, dict[str, Any]] = {}
    for name, proposal in result.fields.items():
        confidence = math.floor(float(proposal.confidence) * 1000) / 1000  # never rounded up to certainty
        if name in NUMBER_FIELDS:
            number = normalise_certificate_number(proposal.value)
            stored[name] = {
                "encrypted": encrypt_identity(number),
                "masked": mask_identity(number),
                "confidence": confidence,
            }
        else:
            stored[name] = {"value": proposal.value, "confidence": confidence}
    return stored


# --- Attaching the photo to a filing ------------------------------------------------------------------------
def recognition_attach(*, recognition: CertificateRecognition, filing: Any, by: Any) -> Material | None:
    """The photo belongs to the filing from now on, and becomes its material once read (idempotent).

    1. Only the recognition's and the filing's owner; a photo belongs to one filing.
    2. Under the row's lock (the job may be recording its reading at the same moment), note the filing and
       hand the photo on: ``_hand_on`` makes the material if the photo is read already, else the job will.
    """
    filing_rules().require_owner(filing, by)
    if recognition.owner_id != by.pk:
        message = "找不到这张照片。 / No such photo."
        raise ApplicationError(message, code="recognition_not_found", fields={"recognition": [message]})
    with transaction.atomic():
        locked = CertificateRecognition.objects.select_for_update().get(pk=recognition.pk)
        if locked.filing_id not in (None, filing.pk):
            message = "这张照片已用于另一个备案。 / This photo belongs to another filing."
            raise ApplicationError(
                message, code="recognition_other_filing", fields={"recognition": [message]}
            )
        if locked.filing_id is None:
            locked.filing = filing
            locked.save(update_fields=["filing"])
            _hand_on(locked)
    recognition.refresh_from_db()
    return recognition.material


def _hand_on(locked: CertificateRecognition) -> None:
    """Once a photo is both read and attached, it becomes the filing's material (the same upload, through the
    materials pipeline) if it is a certificate of the kind the filing needs; the recognition's own copy is
    then dropped. A photo read as nothing is not kept (it would make a wrong material); one read but not
    attached yet waits for step 1's filing. Called with the row locked."""
    if locked.status == RecognitionStatus.PROCESSING or locked.material_id is not None:
        return
    if locked.status == RecognitionStatus.RECOGNISED and locked.filing_id is None:
        return
    if locked.status == RecognitionStatus.RECOGNISED and _fits(locked, locked.filing):
        locked.material = _material_from(locked, locked.filing, locked.owner)
        locked.save(update_fields=["material"])
    if locked.upload_path:
        transaction.on_commit(lambda: _drop_upload(locked))


def _fits(recognition: CertificateRecognition, filing: Any) -> bool:
    """An individual's entity certificate is their ID card; an organisation's is its licence or certificate
    (a person's photo is an ID card's front already, ``EXPECTED_KINDS``)."""
    if recognition.purpose != P.ENTITY_CERTIFICATE:
        return True
    individual = filing.entity.is_individual
    return (recognition.kind == K.ID_CARD_FRONT) == individual


def material_kind_for(purpose: str, *, individual: bool) -> str:
    if purpose == P.WEBSITE_HEAD_ID:
        return MaterialKind.WEBSITE_HEAD_ID_FRONT
    if individual:
        return MaterialKind.ID_FRONT
    if purpose == P.ENTITY_CERTIFICATE:
        return MaterialKind.ENTITY_CERTIFICATE
    return MaterialKind.ENTITY_HEAD_ID_FRONT


def _material_from(recognition: CertificateRecognition, filing: Any, by: Any) -> Material | None:
    storage = private_storage()
    try:
        with storage.open(recognition.upload_path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None  # lost: step 4 asks for the file like any other
    except OSError as error:
        raise StorageUnavailable(str(error)) from error
    code = uuid.uuid4()
    try:
        quarantine_path = storage.save(f"quarantine/{code}.upload", ContentFile(raw))
    except OSError as error:
        raise StorageUnavailable(str(error)) from error
    material = Material.objects.create(
        code=code,
        filing=filing,
        kind=material_kind_for(recognition.purpose, individual=filing.entity.is_individual),
        website=recognition.website,
        original_name=recognition.original_name,
        size=len(raw),
        quarantine_path=quarantine_path,
        uploaded_by=by,
    )
    dispatch_on_commit("materials.tasks.material_process_task", material.pk)
    return material


def _drop_upload(recognition: CertificateRecognition) -> None:
    private_storage().delete(recognition.upload_path)
    CertificateRecognition.objects.filter(pk=recognition.pk).update(upload_path="")
    recognition.upload_path = ""


# --- Reads --------------------------------------------------------------------------------------------------
def latest_recognitions(filing: Any) -> dict[tuple[str, int | None], CertificateRecognition]:
    """Every purpose's latest photo of the filing in one query (a page showing a panel per website):
    keyed by (purpose, website id), the website id None for the entity's and its head's photos."""
    latest: dict[tuple[str, int | None], CertificateRecognition] = {}
    for recognition in CertificateRecognition.objects.filter(filing=filing).order_by("created_at", "id"):
        latest[(recognition.purpose, recognition.website_id)] = recognition
    return latest


# --- The sweep ----------------------------------------------------------------------------------------------
PROCESSING_GRACE = dt.timedelta(minutes=2)
MAX_ATTEMPTS = 5
# A photo of an identity document sent at step 1 whose filing was never started is not kept longer than this.
UNUSED_FOR = dt.timedelta(days=1)
SWEEP_BATCH = 200


def recognitions_to_sweep(*, now: dt.datetime | None = None) -> tuple[list[int], int]:
    """The ids of photos still unread after ``PROCESSING_GRACE`` (their job was lost: the sweep sends it again,
    up to ``MAX_ATTEMPTS`` runs), and how many photos never attached to a filing were deleted, row and file,
    after ``UNUSED_FOR`` (what was read on them is personal data with no use any more)."""
    now = now or timezone.now()
    stuck = list(
        CertificateRecognition.objects.filter(
            status=RecognitionStatus.PROCESSING,
            created_at__lt=now - PROCESSING_GRACE,
            attempts__lt=MAX_ATTEMPTS,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    unused = CertificateRecognition.objects.filter(filing=None, created_at__lt=now - UNUSED_FOR).order_by(
        "created_at"
    )[:SWEEP_BATCH]
    deleted = 0
    storage = private_storage()
    for recognition in unused:
        if recognition.upload_path:
            storage.delete(recognition.upload_path)
        deleted += CertificateRecognition.objects.filter(pk=recognition.pk, filing=None).delete()[0]
    return stuck, deleted

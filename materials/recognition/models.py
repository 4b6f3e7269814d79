"""One photo of a certificate sent for recognition, and what was recognised on it.

The photo waits in the private store until it is attached to a filing, where it becomes the step-4 material
it shows (the same bytes, processed by the same pipeline). What the OCR read is not kept: only the proposals
made from it, the identity numbers among them encrypted like typed ones (``common/identity.py``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.identity import decrypt_identity

# The proposal fields that are identity numbers: stored encrypted with a masked copy, never as plain text.
NUMBER_FIELDS = frozenset({"credit_code", "number"})


class RecognitionPurpose(models.TextChoices):
    """Which certificate the photo is of, so which material it becomes once attached."""

    ENTITY_CERTIFICATE = "entity_certificate", _("The entity's certificate")
    ENTITY_HEAD_ID = "entity_head_id", _("The ID card of the entity's person in charge")
    WEBSITE_HEAD_ID = "website_head_id", _("The ID card of a website's person in charge")


class RecognitionStatus(models.TextChoices):
    PROCESSING = "processing", _("Being read")
    RECOGNISED = "recognised", _("Recognised")
    NOTHING = "nothing", _("Nothing recognised")


class CertificateRecognition(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Empty while step 1 has not created the filing yet; set when the photo is attached.
    filing = models.ForeignKey(
        "filings.Filing", null=True, blank=True, on_delete=models.CASCADE, related_name="recognitions"
    )
    website = models.ForeignKey(
        "entities.Website", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    purpose = models.CharField(max_length=32, choices=RecognitionPurpose.choices)
    status = models.CharField(
        max_length=16, choices=RecognitionStatus.choices, default=RecognitionStatus.PROCESSING, db_index=True
    )
    kind = models.CharField(max_length=32, blank=True)  # entities.recognition.CertificateKind
    # {field: {"value": …, "confidence": …}}; a number: {"encrypted": …, "masked": …, "confidence": …}
    proposals = models.JSONField(default=dict, blank=True)
    material = models.OneToOneField(
        "materials.Material", null=True, blank=True, on_delete=models.SET_NULL, related_name="recognition"
    )
    upload_path = models.CharField(max_length=255, blank=True)  # the photo, until it becomes a material
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    recognised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["filing", "purpose", "created_at"], name="materials_recog_filing")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.status})"

    def proposal_values(self) -> dict[str, dict[str, Any]]:
        """Every proposal with its plain value (numbers decrypted), for the owner's forms only."""
        found = {}
        for name, item in (self.proposals or {}).items():
            value = decrypt_identity(item["encrypted"]) if name in NUMBER_FIELDS else item.get("value", "")
            found[name] = {
                "value": value,
                "masked": item.get("masked", value),
                "confidence": float(item.get("confidence", 0)),
            }
        return found

"""The vocabulary of the process: the filing's states and its types (``docs/process.md``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FilingState(models.TextChoices):
    TYPE_DETECTION = "type_detection", _("Step 1: filing type")
    INSTANCE_VERIFICATION = "instance_verification", _("Step 2: instance")
    INFORMATION = "information", _("Step 3: information")
    MATERIALS = "materials", _("Step 4: materials")
    SELF_CHECK = "self_check", _("Step 5: self-check")
    PROVIDER_REVIEW = "provider_review", _("Provider review")
    PROVIDER_REJECTED = "provider_rejected", _("Returned by the provider")
    MAILING = "mailing", _("Mailing paper materials")
    MIIT_SUBMISSION = "miit_submission", _("Waiting to be handed to MIIT")
    SMS_VERIFICATION = "sms_verification", _("MIIT SMS verification")
    MIIT_REVIEW = "miit_review", _("MIIT review")
    MIIT_REJECTED = "miit_rejected", _("Returned by MIIT")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The applicant's wizard, in order: ``reopen`` moves back along it, never to type detection (whose inputs
# cannot change: withdraw and start again).
APPLICANT_STEPS = (
    FilingState.TYPE_DETECTION,
    FilingState.INSTANCE_VERIFICATION,
    FilingState.INFORMATION,
    FilingState.MATERIALS,
    FilingState.SELF_CHECK,
)
REOPENABLE_STEPS = APPLICANT_STEPS[1:4]

# A filing is open from detection until it is approved or withdrawn: one open filing per entity.
CLOSED_STATES = (FilingState.APPROVED, FilingState.WITHDRAWN)
# Returned to the applicant with reasons: the data is edited in place, then resubmitted.
RETURNED_STATES = (FilingState.PROVIDER_REJECTED, FilingState.MIIT_REJECTED)


class FilingType(models.TextChoices):
    INITIAL = "initial", _("Initial filing (首次备案)")
    NEW_ACCESS = "new_access", _("New access (接入备案)")
    NEW_WEBSITE_ENTITY_HERE = "new_website_entity_here", _("New website, entity filed here (新增网站)")
    NEW_WEBSITE_ENTITY_ELSEWHERE = (
        "new_website_entity_elsewhere",
        _("New website, entity filed through another provider (新增网站)"),
    )
    NEW_WEBSITE_ENTITY_AT_MIIT = (
        "new_website_entity_at_miit",
        _("New website, entity without websites (无主体新增网站)"),
    )

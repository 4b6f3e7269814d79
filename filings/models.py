"""The filing and its state machine: read this file to read the whole process (``docs/process.md``).

Transition methods hold guards and field changes only, never I/O. ``filings/services/`` is the one entry
point that locks the row, runs a transition, saves, writes the ``FilingEvent`` and dispatches follow-up jobs
after the commit. Each transition names who may run it (``permission``) and what must hold (``conditions``),
both defined in ``filings/conditions.py``: a condition is a function returning the problems found, field
path → messages, so a refusal can say which field is at fault.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from entities.models import Entity, Region, Website
from filings.conditions import (
    accepted_by_miit,
    by_applicant,
    by_applicant_or_system,
    by_claiming_specialist,
    by_claiming_specialist_or_operator_when_overdue,
    by_system,
    four_eyes_satisfied,
    icp_numbers_issued,
    information_complete,
    materials_complete,
    named_fields_changed,
    second_approval_needed,
    service_numbers_assigned,
    sms_codes_verified,
    tracking_number_entered,
    type_detected,
)
from filings.deadlines import start_review_round
from filings.reloading import ThreadSafeRefreshMixin
from filings.states import (
    APPLICANT_STEPS,
    CLOSED_STATES,
    REOPENABLE_STEPS,
    RETURNED_STATES,
    FilingState,
    FilingType,
)
from instances.models import ServiceNumber

S = FilingState


# --- The filing -------------------------------------------------------------------------------------------
class Filing(ThreadSafeRefreshMixin, ConcurrentTransitionMixin, models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filings")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="filings")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="filings")
    filing_type = models.CharField(max_length=32, choices=FilingType.choices, blank=True)
    state = FSMField(default=S.TYPE_DETECTION, choices=S.choices, protected=True, db_index=True)
    # How many domains the entity already held at MIIT when the type was detected (the mailing threshold).
    registry_domain_count = models.PositiveIntegerField(default=0)
    # Each entry into provider review starts a round; the MIIT submission and SMS codes belong to one round.
    review_round = models.PositiveIntegerField(default=0)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claimed_filings",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True, db_index=True)  # see filings/deadlines.py
    escalated_at = models.DateTimeField(null=True, blank=True)  # flagged overdue to the operators
    mailing_courier = models.CharField(max_length=64, blank=True)
    mailing_tracking_number = models.CharField(max_length=64, blank=True)
    miit_reference = models.CharField(max_length=64, blank=True)
    sms_expires_at = models.DateTimeField(null=True, blank=True)
    # Advisories for the reviewer found by the last full check ([{code, field, message}]): they refuse nothing.
    advisories = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # ``protected=True`` is not applied by create() or update(): the database refuses unknown states.
            models.CheckConstraint(condition=models.Q(state__in=S.values), name="filing_state_valid"),
        ]
        indexes = [models.Index(fields=["applicant", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.code} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_STATES

    @property
    def miit_idempotency_key(self) -> str:
        """One MIIT submission per review round: handing the same round twice is the same submission."""
        return f"{self.code}:{self.review_round}"

    # --- Steps 1–5: the applicant's wizard ---------------------------------------------------------------
    @transition(
        field=state,
        source=S.TYPE_DETECTION,
        target=S.INSTANCE_VERIFICATION,
        permission=by_applicant,
        conditions=[type_detected],
    )
    def detect_type(self) -> None:
        """The registry was asked and the type is known (``detection.py``); the service stored it."""

    @transition(
        field=state,
        source=S.INSTANCE_VERIFICATION,
        target=S.INFORMATION,
        permission=by_applicant,
        conditions=[service_numbers_assigned],
    )
    def verify_instance(self) -> None:
        """Every website has a qualifying instance's service number."""

    @transition(
        field=state,
        source=S.INFORMATION,
        target=S.MATERIALS,
        permission=by_applicant,
        conditions=[information_complete],
    )
    def enter_information(self) -> None:
        """Entity and website information valid under the region's rules."""

    @transition(
        field=state,
        source=S.MATERIALS,
        target=S.SELF_CHECK,
        permission=by_applicant,
        conditions=[materials_complete],
    )
    def complete_materials(self) -> None:
        """Every required material accepted; face verification passed."""

    # One decorator per source so that each lists exactly the earlier steps it may go back to.
    @transition(
        field=state, source=S.INFORMATION, target=RETURN_VALUE(*REOPENABLE_STEPS[:1]), permission=by_applicant
    )
    @transition(
        field=state, source=S.MATERIALS, target=RETURN_VALUE(*REOPENABLE_STEPS[:2]), permission=by_applicant
    )
    @transition(
        field=state, source=S.SELF_CHECK, target=RETURN_VALUE(*REOPENABLE_STEPS[:3]), permission=by_applicant
    )
    def reopen(self, step: str) -> str:
        """Editing the data of an earlier step moves the filing back to that step."""
        return step

    @transition(
        field=state,
        source=S.SELF_CHECK,
        target=S.PROVIDER_REVIEW,
        permission=by_applicant,
        conditions=[type_detected, service_numbers_assigned, information_complete, materials_complete],
    )
    def submit(self) -> None:
        """Everything is validated again now, not trusted from earlier steps."""
        start_review_round(self)

    # --- Step 6–7: the provider's review and the mailing branch -----------------------------------------
    @transition(
        field=state,
        source=S.PROVIDER_REVIEW,
        target=S.PROVIDER_REVIEW,
        permission=by_claiming_specialist,
        conditions=[second_approval_needed],
    )
    def approve_first(self) -> None:
        """Four eyes: the first of two approvals frees the filing for another specialist's ``approve``."""
        self._release_claim()

    @transition(
        field=state,
        source=S.PROVIDER_REVIEW,
        target=RETURN_VALUE(S.MAILING, S.MIIT_SUBMISSION),
        permission=by_claiming_specialist,
        conditions=[four_eyes_satisfied],
    )
    def approve(self) -> str:
        """The region's mailing rule decides whether paper materials are needed (data, not code)."""
        self._release_claim()
        domains_after_approval = self.registry_domain_count + self.filing_websites.count()
        if self.region.requires_mailing(
            nature=self.entity.nature, domains_after_approval=domains_after_approval
        ):
            return S.MAILING
        return S.MIIT_SUBMISSION

    @transition(
        field=state,
        source=[S.PROVIDER_REVIEW, S.MAILING],
        target=S.PROVIDER_REJECTED,
        permission=by_claiming_specialist_or_operator_when_overdue,
    )
    def reject(self) -> None:
        """Returned with reasons from the catalogue, each tied to a field (recorded on the event); an operator
        returns one whose review deadline has passed (stuck), with their reason (``services/operator.py``)."""
        self._release_claim()

    @transition(
        field=state,
        source=S.MAILING,
        target=S.MIIT_SUBMISSION,
        permission=by_claiming_specialist,
        conditions=[tracking_number_entered],
    )
    def confirm_mail_received(self) -> None:
        self._release_claim()

    @transition(
        field=state,
        source=list(RETURNED_STATES),
        target=S.PROVIDER_REVIEW,
        permission=by_applicant,
        conditions=[
            named_fields_changed,
            type_detected,
            service_numbers_assigned,
            information_complete,
            materials_complete,
        ],
    )
    def resubmit(self) -> None:
        """The applicant changed what each reason named (or explained why not); every rule is checked again."""
        start_review_round(self)
        self.miit_reference = ""
        self.sms_expires_at = None

    # --- Steps 8–9: MIIT ----------------------------------------------------------------------------------
    @transition(
        field=state,
        source=S.MIIT_SUBMISSION,
        target=RETURN_VALUE(S.SMS_VERIFICATION, S.MIIT_REVIEW),
        permission=by_system,
        conditions=[accepted_by_miit],
    )
    def hand_to_miit(self, *, sms_required: bool) -> str:
        """MIIT accepted the submission; it asks for SMS codes in the regions that need them."""
        return S.SMS_VERIFICATION if sms_required else S.MIIT_REVIEW

    @transition(
        field=state,
        source=S.SMS_VERIFICATION,
        target=S.MIIT_REVIEW,
        permission=by_applicant,
        conditions=[sms_codes_verified],
    )
    def verify_sms(self) -> None:
        self.sms_expires_at = None

    @transition(field=state, source=S.SMS_VERIFICATION, target=S.MIIT_REJECTED, permission=by_system)
    def expire_sms(self) -> None:
        """24 hours passed, or 5 wrong codes for one person (reason ``sms_verification_failed``)."""
        self.sms_expires_at = None

    @transition(
        field=state,
        source=S.MIIT_REVIEW,
        target=S.APPROVED,
        permission=by_system,
        conditions=[icp_numbers_issued],
    )
    def miit_approve(self) -> None:
        """MIIT issued the entity number and a number for each website (stored by the service)."""

    @transition(field=state, source=S.MIIT_REVIEW, target=S.MIIT_REJECTED, permission=by_system)
    def miit_reject(self) -> None:
        """MIIT gave reasons (recorded on the event)."""

    # --- Giving up ------------------------------------------------------------------------------------------
    @transition(
        field=state,
        source=[*APPLICANT_STEPS, S.PROVIDER_REVIEW, S.PROVIDER_REJECTED, S.MAILING, S.MIIT_REJECTED],
        target=S.WITHDRAWN,
        permission=by_applicant_or_system,
    )
    def withdraw(self) -> None:
        """Allowed until the filing is handed to MIIT; the system withdraws an idle one (45 days)."""
        self._release_claim()

    def _release_claim(self) -> None:
        self.claimed_by = None
        self.claimed_at = None


# The review queue: the states in which a specialist has something to decide, asked of the machine itself.
REVIEW_STATES: tuple[str, ...] = tuple(
    state
    for state in S.values
    if any(
        t.source == state and t.permission is by_claiming_specialist
        for t in Filing._meta.get_field("state").get_all_transitions(Filing)
    )
)


class FilingWebsite(models.Model):
    """A website as part of one filing, with the service number of the instance that hosts it."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="filing_websites")
    website = models.ForeignKey(Website, on_delete=models.PROTECT, related_name="filing_entries")
    position = models.PositiveSmallIntegerField(default=0)
    service_number = models.ForeignKey(
        ServiceNumber, null=True, blank=True, on_delete=models.PROTECT, related_name="filing_entries"
    )

    class Meta:
        ordering = ["filing", "position"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "website"], name="filing_website_unique"),
            models.UniqueConstraint(fields=["filing", "position"], name="filing_website_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.filing.code} #{self.position}"


class FilingEvent(models.Model):
    """One row per transition: who (a user, or the system), when, from, to, which transition and why. An
    operator's intervention that changes no state (a job retried, a claim moved) is a row too: its kind says
    so, ``transition`` names the intervention and ``to_state`` stays blank, so that every reader looking for
    the event that entered a state (``to_state=…``) passes it by."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("Transition")
        INTERVENTION = "intervention", _("Operator's intervention")

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_role = models.CharField(max_length=16)  # applicant, specialist, operator or system
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TRANSITION)
    transition = models.CharField(max_length=32)
    from_state = models.CharField(max_length=32, choices=S.choices)
    to_state = models.CharField(max_length=32, choices=S.choices, blank=True)
    # Rejection reasons: [{"code": ..., "field": ...}]; the message and other details go in the payload.
    reasons = models.JSONField(default=list, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["filing", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.transition}: {self.from_state} → {self.to_state}"


class ReviewSnapshot(models.Model):
    """The filing's data as the reviewer saw it in one review round (``filings/snapshots.py``), taken when the
    round starts (``submit``, ``resubmit``): what ``resubmit`` compares against, and the review workspace's
    "changed since the last round"."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="review_snapshots")
    review_round = models.PositiveIntegerField()
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["filing", "review_round"], name="review_snapshot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.filing.code} round {self.review_round}"


class SmsVerification(models.Model):
    """One mobile MIIT sent a code to, in one review round; the code itself stays with MIIT (hashed there)."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="sms_verifications")
    review_round = models.PositiveIntegerField()
    mobile = models.CharField(max_length=20)
    wrong_attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["filing", "review_round", "mobile"], name="sms_verification_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filing.code} {self.mobile[:3]}****{self.mobile[-4:]}"

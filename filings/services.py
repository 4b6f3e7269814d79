"""Every write to a filing: one function per transition or step, the one entry point for pages, API,
admin actions and jobs.

A transition service locks the row, runs the transition (guards and field changes only), saves, writes the
``FilingEvent`` in the same transaction and dispatches follow-up jobs after the commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from common.identity import identity_hash, normalise_certificate_number
from entities.domains import normalise_domain
from entities.models import Domain, Entity, Person, Region, Website
from entities.rules import raise_for_problems
from entities.rules.contacts import normalise_mobile
from filings.detection import detect_filing_type
from filings.models import SYSTEM, Filing, FilingEvent, FilingWebsite, SmsVerification
from filings.states import APPLICANT_STEPS, CLOSED_STATES, FilingState
from filings.validation import entry_problems, filing_problems, information_input_problems
from gateways.miit import (
    OutcomeStatus,
    SmsCheck,
    Submission,
    SubmissionPerson,
    SubmissionWebsite,
    miit_gateway,
)
from instances.models import ServiceNumber
from instances.services import service_number_problems

S = FilingState
SMS_VERIFICATION_FAILED = "sms_verification_failed"


# --- The transition runner ----------------------------------------------------------------------------
def run_transition(
    filing: Filing,
    name: str,
    *,
    by: Any,
    arguments: dict[str, Any] | None = None,
    reasons: Iterable[dict[str, str]] = (),
    payload: dict[str, Any] | None = None,
    prepare: Callable[[Filing], None] | None = None,
) -> Filing:
    """Run transition ``name`` on ``filing`` for ``by`` (a user or ``SYSTEM``) and record it.

    1. Lock the row; refuse with 409 when the state has no such transition, 403 when ``by`` may not run it.
    2. ``prepare`` makes the field changes the transition depends on (on the locked row).
    3. Check the conditions, collecting every problem with its field path (400).
    4. Transition, save (a concurrent change is a 409), write the event, dispatch jobs after commit.
    """
    try:
        with transaction.atomic():
            locked = Filing.objects.select_for_update().select_related("region", "entity").get(pk=filing.pk)
            method = getattr(locked, name)
            transition = _available_transition(locked, name, by=by)
            if prepare is not None:
                prepare(locked)
            problems: dict[str, list[str]] = {}
            for condition in transition.conditions:
                problems.update(condition.problems(locked))
            if problems:
                raise ApplicationError(
                    _("Some information is missing or not valid."), code="conditions_not_met", fields=problems
                )
            from_state = locked.state
            method(**(arguments or {}))
            locked.save()
            FilingEvent.objects.create(
                filing=locked,
                actor=by if by is not SYSTEM else None,
                actor_role=getattr(by, "role", "system"),
                transition=name,
                from_state=from_state,
                to_state=locked.state,
                reasons=list(reasons),
                payload=payload or {},
            )
            _dispatch_on_entering(locked)
    except ConcurrentTransition as exc:
        raise TransitionConflict(
            _("Someone else changed this filing at the same moment."), code="conflict"
        ) from exc
    if filing is not locked:
        filing.refresh_from_db()  # the caller's object follows the row it asked to change
    return locked


def _available_transition(filing: Filing, name: str, *, by: Any) -> Any:
    """The transition ``name`` from the filing's state, or 409 (not from this state) / 403 (not by ``by``)."""
    transition = getattr(filing, name)._django_fsm.get_transition(filing.state)
    if transition is None:
        raise TransitionConflict(
            _("“%(transition)s” is not possible while the filing is in “%(state)s”.")
            % {"transition": name, "state": filing.get_state_display()},
            code="transition_not_available",
        )
    if not transition.has_perm(filing, by):
        raise NotPermitted(_("You may not do this to this filing."), code="not_permitted")
    return transition


def _validate_then_run(filing: Filing, name: str, *, by: Any, **options: Any) -> Filing:
    """Check the state and the actor, then every rule (with the registrar's answers, so outside the row
    lock), then run the transition, which checks state and actor again under the lock."""
    _available_transition(filing, name, by=by)
    raise_for_problems(filing_problems(filing))
    return run_transition(filing, name, by=by, **options)


def _dispatch_on_entering(filing: Filing) -> None:
    """Follow-up work of a new state, sent to the broker only once the transaction has committed."""
    from filings.tasks import filing_hand_to_miit_task

    if filing.state == S.MIIT_SUBMISSION:
        filing_hand_to_miit_task.delay_on_commit(filing.pk)


# --- Step 1: start and detect the type ------------------------------------------------------------------
@transaction.atomic
def filing_start(
    *,
    applicant: Any,
    region: Region,
    nature: str,
    certificate_type: str,
    certificate_number: str,
    domains: list[str],
) -> Filing:
    """Create a filing in ``type_detection`` with its entity (reused when this account has it) and websites."""
    normalised = [normalise_domain(raw, field=f"websites.{i}.domain") for i, raw in enumerate(domains)]
    seen: set[str] = set()
    for index, (_unicode, ascii_name) in enumerate(normalised):
        if ascii_name in seen:
            message = _("Each website has its own domain; this one is listed twice.")
            raise ApplicationError(
                message, code="domain_duplicate", fields={f"websites.{index}.domain": [message]}
            )
        seen.add(ascii_name)
    number = normalise_certificate_number(certificate_number)
    if not number:
        message = _("Enter the certificate number.")
        raise ApplicationError(message, code="required", fields={"entity.certificate_number": [message]})

    raise_for_problems(
        entry_problems(
            region=region,
            nature=nature,
            certificate_type=certificate_type,
            certificate_number=number,
            domains=[unicode_name for unicode_name, _ascii in normalised],
        )
    )
    entity = Entity.objects.filter(
        owner=applicant, certificate_type=certificate_type, certificate_number_hash=identity_hash(number)
    ).first()
    if entity is None:
        entity = Entity(owner=applicant, region=region, nature=nature, certificate_type=certificate_type)
        entity.set_certificate_number(number)
    # A later filing of the same entity may be in another region (or correct the nature): the latest counts.
    entity.region, entity.nature = region, nature
    entity.save()
    filing = Filing.objects.create(applicant=applicant, region=region, entity=entity)
    for position, (unicode_name, ascii_name) in enumerate(normalised):
        website = Website.objects.create(entity=entity)
        Domain.objects.create(website=website, name=unicode_name, ascii_name=ascii_name)
        FilingWebsite.objects.create(filing=filing, website=website, position=position)
    return filing


def open_filing_exists_here(filing: Filing) -> bool:
    """Another open filing at this provider for the same certificate (drafts in step 1 do not count)."""
    return (
        Filing.objects.filter(
            entity__certificate_type=filing.entity.certificate_type,
            entity__certificate_number_hash=filing.entity.certificate_number_hash,
        )
        .exclude(pk=filing.pk)
        .exclude(state__in=[S.TYPE_DETECTION, *CLOSED_STATES])
        .exists()
    )


def filing_detect_type(*, filing: Filing, by: Any) -> Filing:
    """Check the step-1 inputs against today's rules, ask the MIIT registry about the entity and the
    domains, store the type, move to step 2."""
    _available_transition(filing, "detect_type", by=by)
    entity = filing.entity
    items = _websites(filing)
    raise_for_problems(
        entry_problems(
            region=Region.objects.get(pk=filing.region_id),
            nature=entity.nature,
            certificate_type=entity.certificate_type,
            certificate_number=entity.certificate_number,
            domains=[item.website.domain.name for item in items],
        )
    )
    domains = [item.website.domain.ascii_name for item in items]
    answer = miit_gateway().registry_lookup(
        certificate_type=entity.certificate_type,
        certificate_number=entity.certificate_number,
        domains=domains,
    )
    detection = detect_filing_type(
        answer=answer,
        domains=domains,
        provider_code=settings.PROVIDER_CODE,
        region=filing.region,
        open_filing_here=open_filing_exists_here(filing),
    )
    registry_numbers = {w.domain: w.website_number for w in (answer.entity.websites if answer.entity else ())}

    def store_detection(locked: Filing) -> None:
        locked.filing_type = detection.filing_type
        locked.registry_domain_count = detection.registry_domain_count
        if detection.entity_number and locked.entity.icp_number != detection.entity_number:
            locked.entity.icp_number = detection.entity_number
            locked.entity.save(update_fields=["icp_number"])
        for item in _websites(locked):
            number = registry_numbers.get(item.website.domain.ascii_name, "")
            if number and item.website.website_number != number:
                item.website.website_number = number
                item.website.save(update_fields=["website_number"])

    return run_transition(
        filing, "detect_type", by=by, prepare=store_detection, payload={"filing_type": detection.filing_type}
    )


# --- Step 2: instances ------------------------------------------------------------------------------------
def filing_assign_service_numbers(*, filing: Filing, by: Any, service_numbers: list[str]) -> Filing:
    """Give each website (in order) a service number of a qualifying instance; an earlier step re-opens."""
    _require_owner(filing, by)
    _require_editable(filing, step=S.INSTANCE_VERIFICATION)
    items = _websites(filing)
    if len(service_numbers) != len(items):
        message = _("Give one service number for each website.")
        raise ApplicationError(message, code="service_numbers_count", fields={"websites": [message]})
    problems: dict[str, list[str]] = {}
    chosen: list[ServiceNumber | None] = []
    for index, code in enumerate(service_numbers):
        field = f"websites.{index}.service_number"
        number = (
            ServiceNumber.objects.select_related("instance").filter(code=(code or "").strip().upper()).first()
        )
        if number is None:
            problems[field] = [_("No instance has this service number.")]
        elif found := service_number_problems(number, field=field):
            problems[field] = [item.message for item in found]
        elif number in chosen:
            problems[field] = [_("Each website needs its own service number.")]
        elif (
            FilingWebsite.objects.filter(service_number=number)
            .exclude(filing=filing)
            .exclude(filing__state__in=CLOSED_STATES)
            .exists()
        ):
            problems[field] = [_("This service number is used by another filing in progress.")]
        chosen.append(number)
    if problems:
        raise ApplicationError(_("Some service numbers cannot be used."), code="invalid", fields=problems)
    with transaction.atomic():
        for item, number in zip(items, chosen, strict=True):
            item.service_number = number
            item.save(update_fields=["service_number"])
        _reopen_if_past(filing, by=by, step=S.INSTANCE_VERIFICATION)
    return filing


def filing_verify_instance(*, filing: Filing, by: Any) -> Filing:
    return run_transition(filing, "verify_instance", by=by)


# --- Step 3: information ----------------------------------------------------------------------------------
def filing_save_information(
    *,
    filing: Filing,
    by: Any,
    entity: dict[str, Any],
    entity_head: dict[str, Any],
    websites: list[dict[str, Any]],
) -> Filing:
    """Store the entity's and the websites' information (step 3), every rule checked first.

    A website's ``head`` of ``None`` means the entity's person in charge. A certificate number left blank
    keeps the stored one (numbers are shown masked: the owner re-enters a number to change it). Invalid input
    is refused whole, so what was saved before stays; an earlier step re-opens if the filing is past it.
    """
    _require_owner(filing, by)
    _require_editable(filing, step=S.INFORMATION)
    items = _websites(filing)
    if len(websites) != len(items):
        message = _("Give the information of each website.")
        raise ApplicationError(message, code="websites_count", fields={"websites": [message]})
    record = filing.entity
    head = _with_stored_number(entity_head, record.head)
    website_heads = [
        _with_stored_number(
            data["head"], item.website.head if item.website.head_id != record.head_id else None
        )
        if data.get("head")
        else None
        for item, data in zip(items, websites, strict=True)
    ]
    raise_for_problems(
        information_input_problems(
            entity=record,
            entity_data=entity,
            head=head,
            websites=[
                (item.website.domain.name, data, website_head)
                for item, data, website_head in zip(items, websites, website_heads, strict=True)
            ],
        )
    )
    with transaction.atomic():
        record = Entity.objects.select_for_update().get(pk=filing.entity_id)
        for field in ("name", "certificate_address", "mailing_address", "certificate_valid_until"):
            if field in entity:
                setattr(record, field, entity[field])
        record.head = _save_person(record, record.head, head)
        record.save()
        for item, data, website_head in zip(items, websites, website_heads, strict=True):
            website = item.website
            for field in ("name", "homepage_url", "content_type", "languages", "pre_approvals"):
                if field in data:
                    setattr(website, field, data[field])
            if website_head is None:
                website.head = record.head
            else:
                own = website.head if website.head_id not in (None, record.head_id) else None
                website.head = _save_person(record, own, website_head)
            website.save()
        _reopen_if_past(filing, by=by, step=S.INFORMATION)
    filing.entity.refresh_from_db()
    return filing


def _with_stored_number(data: dict[str, Any], person: Person | None) -> dict[str, Any]:
    if not str(data.get("certificate_number") or "").strip() and person is not None:
        return {**data, "certificate_number": person.certificate_number}
    return data


def _save_person(entity: Entity, person: Person | None, data: dict[str, Any]) -> Person:
    person = person or Person(entity=entity)
    for field in ("name", "emergency_phone", "email", "certificate_type", "certificate_valid_until"):
        if field in data:
            setattr(person, field, data[field])
    person.mobile = normalise_mobile(str(data.get("mobile") or ""))
    person.is_legal_representative = bool(data.get("is_legal_representative", person.is_legal_representative))
    if data.get("certificate_number"):
        person.set_certificate_number(data["certificate_number"])
    person.save()
    return person


def filing_enter_information(*, filing: Filing, by: Any) -> Filing:
    """Step 3 done: every rule so far (the registrar's facts included) holds."""
    return _validate_then_run(filing, "enter_information", by=by)


# --- Steps 4–5 ---------------------------------------------------------------------------------------------
def filing_complete_materials(*, filing: Filing, by: Any) -> Filing:
    return run_transition(filing, "complete_materials", by=by)


def filing_submit(*, filing: Filing, by: Any) -> Filing:
    """Everything is validated again now, not trusted from the earlier steps."""
    return _validate_then_run(filing, "submit", by=by)


def filing_reopen(*, filing: Filing, by: Any, step: str) -> Filing:
    if step not in APPLICANT_STEPS[1:4] or (
        filing.state in APPLICANT_STEPS and APPLICANT_STEPS.index(step) >= APPLICANT_STEPS.index(filing.state)
    ):
        message = _("Only an earlier step (instance, information or materials) can be re-opened.")
        raise ApplicationError(message, code="invalid_step", fields={"step": [message]})
    return run_transition(filing, "reopen", by=by, arguments={"step": step}, payload={"step": step})


def filing_withdraw(*, filing: Filing, by: Any, reason: str = "") -> Filing:
    return run_transition(filing, "withdraw", by=by, payload={"note": reason} if reason else None)


def filing_resubmit(*, filing: Filing, by: Any, explanation: str = "") -> Filing:
    """The applicant fixed what the reasons named; every rule is checked again."""
    return _validate_then_run(
        filing, "resubmit", by=by, payload={"explanation": explanation} if explanation else None
    )


# --- Steps 6–7: the provider's decisions (called by reviews.services, which checks reasons and findings) --
def filing_approve(
    *, filing: Filing, by: Any, note: str = "", overrides: list[dict[str, str]] = ()
) -> Filing:
    payload = {k: v for k, v in (("note", note), ("overrides", list(overrides))) if v}
    return run_transition(filing, "approve", by=by, payload=payload)


def filing_reject(*, filing: Filing, by: Any, reasons: list[dict[str, str]], message: str = "") -> Filing:
    if not reasons:
        text = _("Give at least one reason from the catalogue.")
        raise ApplicationError(text, code="reasons_required", fields={"reasons": [text]})
    return run_transition(
        filing, "reject", by=by, reasons=reasons, payload={"message": message} if message else None
    )


def filing_enter_mailing(*, filing: Filing, by: Any, courier: str, tracking_number: str) -> Filing:
    """The applicant says how the paper materials travel (while the filing is in ``mailing``)."""
    _require_owner(filing, by)
    if filing.state != S.MAILING:
        raise TransitionConflict(_("The filing is not waiting for mailed materials."), code="wrong_state")
    problems = {}
    if not courier.strip():
        problems["mailing.courier"] = [_("This field is required.")]
    if not tracking_number.strip():
        problems["mailing.tracking_number"] = [_("This field is required.")]
    if problems:
        raise ApplicationError(_("Some information is missing."), code="invalid", fields=problems)
    Filing.objects.filter(pk=filing.pk, state=S.MAILING).update(
        mailing_courier=courier.strip(),
        mailing_tracking_number=tracking_number.strip(),
        updated_at=timezone.now(),
    )
    filing.mailing_courier, filing.mailing_tracking_number = courier.strip(), tracking_number.strip()
    return filing


def filing_confirm_mail_received(*, filing: Filing, by: Any) -> Filing:
    return run_transition(filing, "confirm_mail_received", by=by)


# --- Steps 8–9: MIIT --------------------------------------------------------------------------------------
def filing_hand_to_miit(*, filing_id: int) -> Filing | None:
    """Submit through the MIIT gateway (idempotent by review round), then ``hand_to_miit``.

    Safe to run twice or after a redelivery: a filing no longer waiting is left alone, and a second call to
    the gateway with the same key returns the first submission.
    """
    filing = Filing.objects.select_related("entity", "entity__head", "region").filter(pk=filing_id).first()
    if filing is None or filing.state != S.MIIT_SUBMISSION:
        return None
    receipt = miit_gateway().submit(_submission(filing))

    def store_receipt(locked: Filing) -> None:
        locked.miit_reference = receipt.reference
        if receipt.sms_mobiles:
            sent_at = (
                dt.datetime.fromisoformat(receipt.sms_sent_at) if receipt.sms_sent_at else timezone.now()
            )
            locked.sms_expires_at = sent_at + dt.timedelta(hours=settings.SMS_CODE_VALID_HOURS)
            for mobile in receipt.sms_mobiles:
                SmsVerification.objects.get_or_create(
                    filing=locked,
                    review_round=locked.review_round,
                    mobile=mobile,
                    defaults={"sent_at": sent_at},
                )

    try:
        return run_transition(
            filing,
            "hand_to_miit",
            by=SYSTEM,
            arguments={"sms_required": bool(receipt.sms_mobiles)},
            prepare=store_receipt,
            payload={"miit_reference": receipt.reference, "sms_mobiles": len(receipt.sms_mobiles)},
        )
    except TransitionConflict:
        return None  # a concurrent run (a redelivery) recorded the same submission first


def _submission(filing: Filing) -> Submission:
    entity = filing.entity

    def person(role: str, record: Person) -> SubmissionPerson:
        return SubmissionPerson(
            role, record.name, record.mobile, record.certificate_type, record.certificate_number
        )

    return Submission(
        idempotency_key=filing.miit_idempotency_key,
        provider_code=settings.PROVIDER_CODE,
        filing_type=filing.filing_type,
        region_code=filing.region.code,
        entity_nature=entity.nature,
        entity_name=entity.name,
        certificate_type=entity.certificate_type,
        certificate_number=entity.certificate_number,
        entity_head=person("entity_head", entity.head),
        websites=tuple(
            SubmissionWebsite(
                item.website.domain.ascii_name, item.website.name, person("website_head", item.website.head)
            )
            for item in _websites(filing)
        ),
    )


def filing_verify_sms_code(
    *, filing: Filing, by: Any, mobile: str, code: str, certificate_tail: str
) -> Filing:
    """One person's answer to MIIT's SMS. The 5th wrong code for a person returns the filing at once."""
    _require_owner(filing, by)
    if filing.state != S.SMS_VERIFICATION:
        raise TransitionConflict(_("The filing is not waiting for SMS codes."), code="wrong_state")
    verification = SmsVerification.objects.filter(
        filing=filing, review_round=filing.review_round, mobile=(mobile or "").strip()
    ).first()
    if verification is None:
        message = _("MIIT sent no code to this number for this filing.")
        raise ApplicationError(message, code="sms_unknown_mobile", fields={"mobile": [message]})
    if verification.verified_at is not None:
        return filing
    result = miit_gateway().check_sms_code(
        reference=filing.miit_reference,
        mobile=verification.mobile,
        code=code or "",
        certificate_tail=certificate_tail,
    )
    if result == SmsCheck.VERIFIED:
        SmsVerification.objects.filter(pk=verification.pk).update(verified_at=timezone.now())
        if not filing.sms_verifications.filter(
            review_round=filing.review_round, verified_at__isnull=True
        ).exists():
            return run_transition(filing, "verify_sms", by=by)
        return filing
    if result == SmsCheck.EXPIRED:
        filing_expire_sms(filing=filing, cause="expired")
        raise ApplicationError(
            _("The code has expired; the filing was returned."), code=SMS_VERIFICATION_FAILED
        )
    # A wrong code (or a used one): count it, and the 5th returns the filing.
    SmsVerification.objects.filter(pk=verification.pk).update(wrong_attempts=verification.wrong_attempts + 1)
    attempts_left = settings.SMS_MAX_WRONG_CODES - verification.wrong_attempts - 1
    if attempts_left <= 0:
        filing_expire_sms(filing=filing, cause="wrong_codes")
        message = _("Too many wrong codes: the filing was returned.")
        raise ApplicationError(message, code=SMS_VERIFICATION_FAILED, fields={"code": [message]})
    message = _("The code or the certificate digits are wrong; %(left)d attempts left.") % {
        "left": attempts_left
    }
    raise ApplicationError(message, code="sms_code_wrong", fields={"code": [message]})


def filing_expire_sms(*, filing: Filing, cause: str) -> Filing:
    return run_transition(
        filing,
        "expire_sms",
        by=SYSTEM,
        reasons=[{"code": SMS_VERIFICATION_FAILED, "field": "filing"}],
        payload={"cause": cause},
    )


def filing_record_miit_outcome(*, filing_id: int) -> Filing | None:
    """Ask MIIT about a filing under review; record the numbers or the reasons (idempotent: the callback's
    job and the poll may both arrive, and the second finds the work done)."""
    try:
        return _record_miit_outcome(filing_id)
    except TransitionConflict:
        return None


def _record_miit_outcome(filing_id: int) -> Filing | None:
    filing = Filing.objects.filter(pk=filing_id, state=S.MIIT_REVIEW).select_related("entity").first()
    if filing is None or not filing.miit_reference:
        return None
    outcome = miit_gateway().outcome(filing.miit_reference)
    if outcome.status == OutcomeStatus.REJECTED:
        return run_transition(
            filing,
            "miit_reject",
            by=SYSTEM,
            reasons=[
                {"code": code, "field": "filing", "message": message} for code, message in outcome.reasons
            ],
        )
    if outcome.status != OutcomeStatus.APPROVED:
        return None

    def store_numbers(locked: Filing) -> None:
        entity = locked.entity
        if entity.icp_number != outcome.entity_number:
            entity.icp_number = outcome.entity_number
            entity.save(update_fields=["icp_number"])
        now = timezone.now()
        for item in _websites(locked):
            website = item.website
            website.website_number = outcome.website_numbers.get(
                website.domain.ascii_name, website.website_number
            )
            website.save(update_fields=["website_number"])
            if item.service_number_id:  # a number once used by an approved website stays used
                ServiceNumber.objects.filter(pk=item.service_number_id, consumed_at__isnull=True).update(
                    consumed_at=now
                )

    return run_transition(
        filing,
        "miit_approve",
        by=SYSTEM,
        prepare=store_numbers,
        payload={"entity_number": outcome.entity_number, "website_numbers": outcome.website_numbers},
    )


# --- Helpers ------------------------------------------------------------------------------------------------
def _websites(filing: Filing) -> list[FilingWebsite]:
    return list(filing.filing_websites.select_related("website", "website__domain", "website__head"))


def _require_owner(filing: Filing, by: Any) -> None:
    if getattr(by, "pk", None) != filing.applicant_id:
        raise NotPermitted(_("Only the applicant can change this filing."), code="not_permitted")


def _require_editable(filing: Filing, *, step: str) -> None:
    """Data of a step can change while the filing is at or past that step in the wizard, or returned."""
    returned = filing.state in (S.PROVIDER_REJECTED, S.MIIT_REJECTED)
    in_wizard = filing.state in APPLICANT_STEPS and APPLICANT_STEPS.index(
        filing.state
    ) >= APPLICANT_STEPS.index(step)
    if not (returned or in_wizard):
        raise TransitionConflict(
            _("This information cannot change while the filing is in “%(state)s”.")
            % {"state": filing.get_state_display()},
            code="not_editable",
        )


def _reopen_if_past(filing: Filing, *, by: Any, step: str) -> None:
    """Editing an earlier step's data before ``submit`` moves the filing back to that step."""
    filing.refresh_from_db(fields=["state"])
    if filing.state in APPLICANT_STEPS and APPLICANT_STEPS.index(filing.state) > APPLICANT_STEPS.index(step):
        updated = run_transition(filing, "reopen", by=by, arguments={"step": step}, payload={"step": step})
        filing.refresh_from_db(fields=["state"])
        assert updated.state == step

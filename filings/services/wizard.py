"""Steps 1 to 5: the applicant's wizard, from type detection to submission, and giving up."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import ApplicationError
from common.identity import identity_hash, normalise_certificate_number
from entities.domains import normalise_domain
from entities.models import Domain, Entity, Person, Region, Website
from entities.rules import raise_for_problems
from entities.rules.contacts import normalise_mobile, normalise_phone
from filings.conditions import answered_rejection
from filings.detection import detect_filing_type
from filings.models import Filing, FilingWebsite
from filings.services.common import reopen_if_past, require_editable, require_owner, websites_of
from filings.services.transitions import available_transition, run_transition, validate_then_run
from filings.states import APPLICANT_STEPS, CLOSED_STATES, FilingState
from filings.validation import entry_problems, information_input_problems
from gateways.miit import miit_gateway
from instances.models import ServiceNumber
from instances.services import service_number_problems

S = FilingState


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
    available_transition(filing, "detect_type", by=by)
    entity = filing.entity
    items = websites_of(filing)
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
        for item in websites_of(locked):
            number = registry_numbers.get(item.website.domain.ascii_name, "")
            if number and item.website.website_number != number:
                item.website.website_number = number
                item.website.save(update_fields=["website_number"])

    return run_transition(
        filing, "detect_type", by=by, prepare=store_detection, payload={"filing_type": detection.filing_type}
    )


def filing_start_and_detect(
    *,
    applicant: Any,
    region: Region,
    nature: str,
    certificate_type: str,
    certificate_number: str,
    domains: list[str],
) -> Filing:
    """Step 1 in one go (the pages): start, then detect the type. A filing whose type cannot be detected is
    not kept, so the applicant corrects the inputs on the same form instead of finding a stuck draft."""
    with transaction.atomic():
        filing = filing_start(
            applicant=applicant,
            region=region,
            nature=nature,
            certificate_type=certificate_type,
            certificate_number=certificate_number,
            domains=domains,
        )
        return filing_detect_type(filing=filing, by=applicant)


# --- Step 2: instances ------------------------------------------------------------------------------------
def filing_assign_service_numbers(*, filing: Filing, by: Any, service_numbers: list[str]) -> Filing:
    """Give each website (in order) a service number of a qualifying instance; an earlier step re-opens."""
    require_owner(filing, by)
    require_editable(filing, step=S.INSTANCE_VERIFICATION)
    items = websites_of(filing)
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
        reopen_if_past(filing, by=by, step=S.INSTANCE_VERIFICATION)
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
    require_owner(filing, by)
    require_editable(filing, step=S.INFORMATION)
    items = websites_of(filing)
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
        reopen_if_past(filing, by=by, step=S.INFORMATION)
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
    # Stored as read (digits of any script as ASCII), like the mobile: not in the script it was typed in.
    person.emergency_phone = normalise_phone(person.emergency_phone)
    person.mobile = normalise_mobile(str(data.get("mobile") or ""))
    person.is_legal_representative = bool(data.get("is_legal_representative", person.is_legal_representative))
    if data.get("certificate_number"):
        person.set_certificate_number(data["certificate_number"])
    person.save()
    return person


def filing_enter_information(*, filing: Filing, by: Any) -> Filing:
    """Step 3 done: every rule so far (the registrar's facts included) holds."""
    return validate_then_run(filing, "enter_information", by=by)


# --- Steps 4–5 ---------------------------------------------------------------------------------------------
def filing_complete_materials(*, filing: Filing, by: Any) -> Filing:
    return run_transition(filing, "complete_materials", by=by)


def filing_submit(*, filing: Filing, by: Any) -> Filing:
    """Everything is validated again now, not trusted from the earlier steps."""
    return validate_then_run(filing, "submit", by=by)


def filing_reopen(*, filing: Filing, by: Any, step: str) -> Filing:
    if step not in APPLICANT_STEPS[1:4] or (
        filing.state in APPLICANT_STEPS and APPLICANT_STEPS.index(step) >= APPLICANT_STEPS.index(filing.state)
    ):
        message = _("Only an earlier step (instance, information or materials) can be re-opened.")
        raise ApplicationError(message, code="invalid_step", fields={"step": [message]})
    return run_transition(filing, "reopen", by=by, arguments={"step": step}, payload={"step": step})


def filing_withdraw(*, filing: Filing, by: Any, reason: str = "", cause: str = "") -> Filing:
    """The applicant gives up (``reason``: their note), or the system does (``cause``: e.g. ``idle_45_days``)."""
    payload = {key: value for key, value in (("note", reason), ("cause", cause)) if value}
    return run_transition(filing, "withdraw", by=by, payload=payload or None)


EXPLANATION_MAX_LENGTH = 2000


def filing_resubmit(
    *, filing: Filing, by: Any, explanation: str = "", explanations: dict[str, str] | None = None
) -> Filing:
    """Back to review once each reason's field or material was changed, or ``explanations`` (reason id →
    text; a reason's id is its position in the rejection, as the API lists them) says why it was not. Every
    rule is checked again; the explanations are kept on the event for the reviewer."""
    available_transition(filing, "resubmit", by=by)
    cleaned = _resubmit_explanations(filing, explanations or {})
    payload = {
        key: value for key, value in (("explanation", explanation), ("explanations", cleaned)) if value
    }

    def hand_in_explanations(locked: Filing) -> None:
        locked.resubmit_explanations = cleaned  # read by the ``named_fields_changed`` condition

    return validate_then_run(filing, "resubmit", by=by, payload=payload or None, prepare=hand_in_explanations)


def _resubmit_explanations(filing: Filing, explanations: dict[str, str]) -> dict[str, str]:
    """Explanations keyed by the ids of the reasons being answered, each a non-blank text."""
    returned = answered_rejection(filing)
    reason_ids = {str(index) for index in range(len(returned.reasons if returned else []))}
    problems: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for key, text in explanations.items():
        field = f"explanations.{key}"
        if str(key) not in reason_ids:
            problems[field] = [_("There is no reason with this id in the rejection being answered.")]
        elif not isinstance(text, str) or not text.strip():
            problems[field] = [_("Say why this stays as it is.")]
        elif len(text) > EXPLANATION_MAX_LENGTH:
            problems[field] = [_("Keep it under %(limit)d characters.") % {"limit": EXPLANATION_MAX_LENGTH}]
        else:
            cleaned[str(key)] = text.strip()
    if problems:
        raise ApplicationError(_("Some explanations are not valid."), code="invalid", fields=problems)
    return cleaned

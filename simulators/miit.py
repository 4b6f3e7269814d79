"""The simulated MIIT: the national registry, submissions, SMS codes and a review that decides after a delay.

It reads the same Region rows as the portal (one source of truth for ``sms_required``, the ICP prefixes and
the name blacklists). When it decides, it calls the portal back through the dotted path in
``settings.MIIT_OUTCOME_CALLBACK``, as the real MIIT would call an HTTP endpoint; the portal also polls.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from common.identity import identity_hash, mask_identity, normalise_certificate_number
from common.jobs import dispatch
from entities.models import EntityNature, Region
from gateways.miit import (
    DemoText,
    Outcome,
    OutcomeStatus,
    RegistryAnswer,
    RegistryDomain,
    RegistryEntity,
    RegistryWebsite,
    SmsCheck,
    SmsResendRefused,
    Submission,
    SubmissionReceipt,
)
from simulators.models import (
    MiitAbnormalCertificate,
    MiitNumberSequence,
    MiitOpenOrder,
    MiitRegistryEntity,
    MiitRegistryWebsite,
    MiitSmsCode,
    MiitSubmission,
    MiitSubmissionStatus,
    SmsInboxMessage,
)
from simulators.rules import review_delay_seconds, ruled_returns

SMS_CODE_VALIDITY = dt.timedelta(hours=24)
SMS_SENDER = "MIIT"


def certificate_hash(number: str) -> str:
    return identity_hash(number, scope="miit-certificate")


def _code_hash(reference: str, mobile: str, code: str) -> str:
    return identity_hash(code, scope=f"miit-sms:{reference}:{mobile}")


def _tail_hash(reference: str, certificate_number: str) -> str:
    return identity_hash(
        normalise_certificate_number(certificate_number)[-6:], scope=f"miit-tail:{reference}"
    )


class SimulatedMiitGateway:
    """Implements ``gateways.miit.MiitGateway`` against the simulator's tables."""

    def registry_lookup(
        self, *, certificate_type: str, certificate_number: str, domains: list[str]
    ) -> RegistryAnswer:
        cert_hash = certificate_hash(certificate_number)
        entity_row = (
            MiitRegistryEntity.objects.filter(certificate_type=certificate_type, certificate_hash=cert_hash)
            .prefetch_related("websites")
            .first()
        )
        entity = None
        if entity_row is not None:
            entity = RegistryEntity(
                icp_number=entity_row.icp_number,
                websites=tuple(
                    RegistryWebsite(w.domain, w.website_number, tuple(w.access_providers))
                    for w in entity_row.websites.all()
                ),
            )
        filed = {
            w.domain: RegistryDomain(
                domain=w.domain,
                owned_by_entity=entity_row is not None and w.entity_id == entity_row.pk,
                access_providers=tuple(w.access_providers),
            )
            for w in MiitRegistryWebsite.objects.filter(domain__in=domains)
        }
        # An order waiting for SMS codes closes when its codes lapse (24 hours), as MIIT's own does.
        awaiting = Q(status=MiitSubmissionStatus.AWAITING_SMS, sms_codes__expires_at__gt=timezone.now())
        open_order = (
            MiitSubmission.objects.filter(certificate_hash=cert_hash)
            .filter(Q(status=MiitSubmissionStatus.IN_REVIEW) | awaiting)
            .exists()
            or MiitOpenOrder.objects.filter(
                certificate_type=certificate_type, certificate_hash=cert_hash
            ).exists()
        )
        return RegistryAnswer(entity=entity, open_order=open_order, domains=filed)

    def submit(self, submission: Submission) -> SubmissionReceipt:
        region = Region.objects.get(code=submission.region_code)
        with transaction.atomic():
            row, created = MiitSubmission.objects.get_or_create(
                idempotency_key=submission.idempotency_key,
                defaults={
                    "reference": f"MIIT-{uuid.uuid4().hex[:16].upper()}",
                    "provider_code": submission.provider_code,
                    "filing_type": submission.filing_type,
                    "region_code": submission.region_code,
                    "certificate_type": submission.certificate_type,
                    "certificate_hash": certificate_hash(submission.certificate_number),
                    "entity_nature": submission.entity_nature,
                    "entity_name": submission.entity_name,
                    "websites": [{"domain": w.domain, "name": w.name} for w in submission.websites],
                    "status": MiitSubmissionStatus.AWAITING_SMS
                    if region.sms_required
                    else MiitSubmissionStatus.IN_REVIEW,
                },
            )
            if created:
                if region.sms_required:
                    _send_codes(row, _people_to_verify(submission))
                else:
                    _start_review(row)
        codes = list(row.sms_codes.order_by("id"))
        return SubmissionReceipt(
            reference=row.reference,
            sms_mobiles=tuple(c.mobile for c in codes),
            sms_sent_at=codes[0].sent_at.isoformat() if codes else "",
        )

    def outcome(self, reference: str) -> Outcome:
        row = MiitSubmission.objects.get(reference=reference)
        if row.status == MiitSubmissionStatus.IN_REVIEW and row.decide_at and row.decide_at <= timezone.now():
            row = review_submission(row.pk)
        return Outcome(
            status=OutcomeStatus(row.status),
            entity_number=row.entity_number,
            website_numbers=dict(row.website_numbers),
            reasons=tuple(tuple(r) for r in row.reasons),
        )

    def check_sms_code(self, *, reference: str, mobile: str, code: str, certificate_tail: str) -> SmsCheck:
        with transaction.atomic():
            sms = (
                MiitSmsCode.objects.select_for_update()
                .filter(submission__reference=reference, mobile=mobile, used_at__isnull=True)
                .select_related("submission")
                .first()
            )
            if sms is None:
                return SmsCheck.UNKNOWN
            if sms.expires_at <= timezone.now():
                return SmsCheck.EXPIRED
            code_ok = hmac.compare_digest(sms.code_hash, _code_hash(reference, mobile, code.strip()))
            tail_ok = any(
                hmac.compare_digest(expected, _tail_hash(reference, certificate_tail))
                for expected in sms.certificate_tail_hashes
            )
            if not (code_ok and tail_ok):
                return SmsCheck.WRONG
            sms.used_at = timezone.now()
            sms.save(update_fields=["used_at"])
            submission = sms.submission
            if not submission.sms_codes.filter(used_at__isnull=True).exists():
                _start_review(submission)
            return SmsCheck.VERIFIED

    def demo_inbox(self, mobiles: list[str]) -> tuple[DemoText, ...]:
        """The demo's phones: the 10 newest texts MIIT sent to ``mobiles`` (``gateways.miit.demo_inbox``)."""
        rows = SmsInboxMessage.objects.filter(mobile__in=list(mobiles), sender=SMS_SENDER)[:10]
        return tuple(DemoText(row.mobile, row.text, row.sent_at) for row in rows)

    def resend_sms(self, *, reference: str, mobile: str) -> None:
        with transaction.atomic():
            sms = MiitSmsCode.objects.select_for_update().get(
                submission__reference=reference, mobile=mobile, used_at__isnull=True
            )
            if sms.resend_count >= 1:
                raise SmsResendRefused("MIIT resends a code once.")
            now = timezone.now()
            recent = SmsInboxMessage.objects.filter(mobile=mobile, sender=SMS_SENDER)
            if (
                recent.filter(sent_at__gte=now - dt.timedelta(minutes=1)).exists()
                or recent.filter(sent_at__gte=now - dt.timedelta(hours=1)).count() >= 5
                or recent.filter(sent_at__gte=now - dt.timedelta(days=1)).count() >= 10
            ):
                raise SmsResendRefused("Too many codes sent to this number; try again later.")
            code = _new_code()
            sms.code_hash = _code_hash(reference, mobile, code)
            sms.resend_count += 1
            sms.save(update_fields=["code_hash", "resend_count"])
            _deliver_code(mobile, code, sms.submission)


def _people_to_verify(submission: Submission) -> dict[str, list[str]]:
    """Mobile → certificate numbers of those who verify: the entity's head for ``initial``, every website's."""
    people = [w.head for w in submission.websites]
    if submission.filing_type == "initial":
        people.insert(0, submission.entity_head)
    by_mobile: dict[str, list[str]] = {}
    for person in people:
        numbers = by_mobile.setdefault(person.mobile, [])
        if person.certificate_number not in numbers:
            numbers.append(person.certificate_number)
    return by_mobile


def _new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _deliver_code(mobile: str, code: str, submission: MiitSubmission) -> None:
    SmsInboxMessage.objects.create(
        mobile=mobile,
        sender=SMS_SENDER,
        text=f"【工信部】您的ICP备案短信核验码为{code}，24小时内有效。订单{submission.reference}。",
    )


def _send_codes(submission: MiitSubmission, people: dict[str, list[str]]) -> None:
    now = timezone.now()
    for mobile, certificate_numbers in people.items():
        code = _new_code()
        MiitSmsCode.objects.create(
            submission=submission,
            mobile=mobile,
            code_hash=_code_hash(submission.reference, mobile, code),
            certificate_tail_hashes=[_tail_hash(submission.reference, n) for n in certificate_numbers],
            sent_at=now,
            expires_at=now + SMS_CODE_VALIDITY,
        )
        _deliver_code(mobile, code, submission)


def _start_review(submission: MiitSubmission) -> None:
    """The submission is complete: review it after the delay (``simulators.rules``; seconds in the demo)."""
    delay = review_delay_seconds()
    submission.status = MiitSubmissionStatus.IN_REVIEW
    submission.decide_at = timezone.now() + dt.timedelta(seconds=delay)
    submission.save(update_fields=["status", "decide_at"])
    submission_id = submission.pk
    # By name: the tasks module imports this one (review_submission), an import back would close a circle.
    transaction.on_commit(
        lambda: dispatch(
            "simulators.tasks.miit_review_submission_task", submission_id, countdown=max(delay, 0)
        )
    )


def review_submission(submission_id: int) -> MiitSubmission:
    """Decide a submission whose delay has passed (idempotent: a decided one is returned as it is).

    1. Reject an abnormal certificate, or an individual's website name on the region's blacklist.
    2. Reject a domain that another entity filed in the meantime.
    3. Otherwise approve: the entity keeps or gets its number, each new website gets ``<entity>-<n>``, and the
       provider becomes an access provider of every website of the submission.
    """
    with transaction.atomic():
        row = MiitSubmission.objects.select_for_update().get(pk=submission_id)
        if row.status != MiitSubmissionStatus.IN_REVIEW or (row.decide_at and row.decide_at > timezone.now()):
            return row
        reasons = _rejection_reasons(row) + ruled_returns(row)
        if reasons:
            row.status = MiitSubmissionStatus.REJECTED
            row.reasons = reasons
        else:
            _approve(row)
            row.status = MiitSubmissionStatus.APPROVED
        row.decided_at = timezone.now()
        row.save()
        reference = row.reference
        transaction.on_commit(lambda: import_string(settings.MIIT_OUTCOME_CALLBACK)(reference))
    return row


def _rejection_reasons(row: MiitSubmission) -> list[list[str]]:
    reasons: list[list[str]] = []
    if MiitAbnormalCertificate.objects.filter(certificate_hash=row.certificate_hash).exists():
        reasons.append(["entity_abnormal", "证件号码经营异常 The certificate is marked abnormal"])
    if row.entity_nature == EntityNature.INDIVIDUAL:
        blacklist = Region.objects.get(code=row.region_code).individual_name_blacklist.split()
        for website in row.websites:
            if any(word in website["name"] for word in blacklist):
                reasons.append(["website_name_invalid", f"网站名称含有禁用词 {website['name']}"])
    conflicts = MiitRegistryWebsite.objects.filter(domain__in=[w["domain"] for w in row.websites]).exclude(
        entity__certificate_hash=row.certificate_hash, entity__certificate_type=row.certificate_type
    )
    reasons.extend(["domain_conflict", f"域名已被其他主体备案 {w.domain}"] for w in conflicts)
    return reasons


def _approve(row: MiitSubmission) -> None:
    region = Region.objects.get(code=row.region_code)
    entity, _created = MiitRegistryEntity.objects.select_for_update().get_or_create(
        certificate_type=row.certificate_type,
        certificate_hash=row.certificate_hash,
        defaults={
            "region_code": row.region_code,
            "nature": row.entity_nature,
            "name": row.entity_name,
            "icp_number": _issue_entity_number(region.icp_prefix),
        },
    )
    numbers: dict[str, str] = {}
    for website in row.websites:
        existing = MiitRegistryWebsite.objects.filter(domain=website["domain"]).first()
        if existing is None:
            entity.last_website_index += 1
            existing = MiitRegistryWebsite.objects.create(
                entity=entity,
                domain=website["domain"],
                name=website["name"],
                website_number=f"{entity.icp_number}-{entity.last_website_index}",
                access_providers=[],
            )
        if row.provider_code not in existing.access_providers:
            existing.access_providers = [*existing.access_providers, row.provider_code]
            existing.save(update_fields=["access_providers"])
        numbers[website["domain"]] = existing.website_number
    entity.save(update_fields=["last_website_index"])
    row.entity_number = entity.icp_number
    row.website_numbers = numbers


def _issue_entity_number(prefix: str) -> str:
    year = timezone.localdate().year
    sequence, _created = MiitNumberSequence.objects.select_for_update().get_or_create(
        prefix=prefix, year=year
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}ICP备{year}{sequence.last:06d}号"


# --- Staging: how the demo, the tests and operators set up the outside world ------------------------------
@transaction.atomic
def stage_registry_entity(
    *,
    certificate_type: str,
    certificate_number: str,
    region_code: str,
    nature: str,
    name: str,
    websites: list[tuple[str, str, list[str]]] = (),
) -> MiitRegistryEntity:
    """Put an entity (and its websites: ``(ascii domain, name, access providers)``) in the registry."""
    region = Region.objects.get(code=region_code)
    entity, _created = MiitRegistryEntity.objects.get_or_create(
        certificate_type=certificate_type,
        certificate_hash=certificate_hash(certificate_number),
        defaults={
            "region_code": region_code,
            "nature": nature,
            "name": name,
            "certificate_masked": mask_identity(normalise_certificate_number(certificate_number)),
            "icp_number": _issue_entity_number(region.icp_prefix),
        },
    )
    for domain, website_name, providers in websites:
        entity.last_website_index += 1
        MiitRegistryWebsite.objects.create(
            entity=entity,
            domain=domain,
            name=website_name,
            website_number=f"{entity.icp_number}-{entity.last_website_index}",
            access_providers=list(providers),
        )
    entity.save(update_fields=["last_website_index"])
    return entity


def mark_certificate_abnormal(certificate_number: str, note: str = "") -> None:
    MiitAbnormalCertificate.objects.get_or_create(
        certificate_hash=certificate_hash(certificate_number), defaults={"note": note}
    )


def latest_code_sent_to(mobile: str) -> str | None:
    """The 6-digit code in the newest MIIT message a phone received (what a person reads off the screen)."""
    message = SmsInboxMessage.objects.filter(mobile=mobile, sender=SMS_SENDER).first()
    if message is None:
        return None
    digits = message.text.split("核验码为", 1)[-1][:6]
    return digits if digits.isdigit() else None

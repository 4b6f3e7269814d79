"""A data set of known proportions for the dashboard, written with bulk_create (not through the services: the
point is to know every number in advance), and the figures computed from it here, independently of
``icp_portal.dashboard.compute`` (plain Python over the lists below, no SQL)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from common.workdays import add_workdays
from entities.models import CertificateType, Entity, EntityNature, Region
from filings.models import Filing, FilingEvent
from filings.states import FilingState, FilingType
from materials.models import Material, MaterialKind, MaterialStatus
from notifications.models import Channel, Notification
from reviews.models import FindingRun
from tests.builders import credit_code, resident_id

S = FilingState
HOUR = dt.timedelta(hours=1)

# (state, region, type, nature, how many)
FILINGS = [
    (S.TYPE_DETECTION, "CN-ZJ", "", EntityNature.INDIVIDUAL, 2),
    (S.INFORMATION, "CN-BJ", FilingType.INITIAL, EntityNature.INDIVIDUAL, 3),
    (S.PROVIDER_REVIEW, "CN-BJ", FilingType.INITIAL, EntityNature.ENTERPRISE, 4),
    (S.MIIT_REJECTED, "CN-SH", FilingType.NEW_ACCESS, EntityNature.ENTERPRISE, 3),
    (S.APPROVED, "CN-SH", FilingType.INITIAL, EntityNature.INDIVIDUAL, 5),
    (S.APPROVED, "CN-GD", FilingType.NEW_WEBSITE_ENTITY_HERE, EntityNature.ENTERPRISE, 1),
]


def at_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@dataclass
class Dataset:
    now: dt.datetime
    filings: list[Filing] = field(default_factory=list)
    # filing id → [(at, from, to, transition, reasons)], what was written
    events: dict[int, list[tuple[dt.datetime, str, str, str, list[dict[str, str]]]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    created: dict[int, dt.datetime] = field(default_factory=dict)
    # (due day, decided day or None) per provider-review round, written below
    rounds: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)

    def event(self, filing: Filing, at: dt.datetime, source: str, target: str, transition: str, reasons=()):
        self.events[filing.pk].append((at, source, target, transition, list(reasons)))


def build_dataset(applicant: Any) -> Dataset:
    now = timezone.now()
    data = Dataset(now=now)
    entities = {}
    for nature in EntityNature.values:
        entity = Entity(
            owner=applicant,
            region=Region.objects.get(code="CN-BJ"),
            nature=nature,
            certificate_type=CertificateType.RESIDENT_ID
            if nature == EntityNature.INDIVIDUAL
            else CertificateType.BUSINESS_LICENCE,
        )
        entity.set_certificate_number(resident_id() if nature == EntityNature.INDIVIDUAL else credit_code())
        entity.save()
        entities[nature] = entity
    regions = {region.code: region for region in Region.objects.all()}
    rows = [
        Filing(
            applicant=applicant,
            region=regions[region],
            entity=entities[nature],
            filing_type=kind,
            state=state,
        )
        for state, region, kind, nature, count in FILINGS
        for _ in range(count)
    ]
    data.filings = Filing.objects.bulk_create(rows)
    created_at = now - dt.timedelta(days=60)
    for filing in data.filings:
        data.created[filing.pk] = created_at
    Filing.objects.update(created_at=created_at)

    by_state: dict[str, list[Filing]] = defaultdict(list)
    for filing in data.filings:
        by_state[filing.state].append(filing)

    # Step 1 took 1, 2, 3 … hours for the information-step filings and the approved ones.
    stepped = by_state[S.INFORMATION] + by_state[S.APPROVED]
    for index, filing in enumerate(stepped, start=1):
        data.event(
            filing, created_at + index * HOUR, S.TYPE_DETECTION, S.INSTANCE_VERIFICATION, "detect_type"
        )
        data.event(
            filing,
            created_at + index * HOUR + 30 * dt.timedelta(minutes=index),
            S.INSTANCE_VERIFICATION,
            S.INFORMATION,
            "verify_instance",
        )

    # Provider-review rounds, by day: entered on a Monday noon (due the next working day with one workday).
    today = timezone.localdate(now)
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=3)
    approved = by_state[S.APPROVED]
    for index, filing in enumerate(approved):
        entered_day = monday - dt.timedelta(weeks=index % 3)
        entered = at_noon(entered_day)
        due = add_workdays(entered_day, settings.PROVIDER_REVIEW_WORKDAYS)
        # Alternately decided on the due day (met) and two days after it (missed).
        decided_day = due if index % 2 == 0 else due + dt.timedelta(days=2)
        decided = at_noon(decided_day)
        data.event(filing, entered - 2 * HOUR, S.INFORMATION, S.SELF_CHECK, "submit_information")
        data.event(filing, entered, S.SELF_CHECK, S.PROVIDER_REVIEW, "submit")
        if index == 0:  # four eyes: the first approval is no new round
            data.event(filing, entered + HOUR, S.PROVIDER_REVIEW, S.PROVIDER_REVIEW, "approve_first")
        data.event(filing, decided, S.PROVIDER_REVIEW, S.MIIT_SUBMISSION, "approve")
        data.event(filing, decided + HOUR, S.MIIT_SUBMISSION, S.MIIT_REVIEW, "hand_to_miit")
        data.event(filing, decided + 3 * HOUR, S.MIIT_REVIEW, S.APPROVED, "miit_approve")
        data.rounds.append((due, decided_day))

    # Open rounds: two overdue (due last week), one not yet due, one (of the four) left without events.
    in_review = by_state[S.PROVIDER_REVIEW]
    last_week = today - dt.timedelta(days=today.weekday() + 5)
    for filing, due in zip(in_review, [last_week, last_week, today + dt.timedelta(days=3)], strict=False):
        Filing.objects.filter(pk=filing.pk).update(review_due_on=due, review_round=1)
        data.rounds.append((due, None))

    # MIIT's returns: reasons given by MIIT, and an SMS verification that lapsed; one return too old to count.
    rejected = by_state[S.MIIT_REJECTED]
    conflict = {"code": "domain_conflict", "field": "filing", "message": "域名已被其他主体备案 a.com"}
    abnormal = {"code": "entity_abnormal", "field": "filing", "message": "证件号码经营异常"}
    sms = {"code": "sms_verification_failed", "field": "filing"}
    data.event(rejected[0], now - 5 * HOUR, S.MIIT_REVIEW, S.MIIT_REJECTED, "miit_reject", [conflict])
    data.event(
        rejected[1], now - 4 * HOUR, S.MIIT_REVIEW, S.MIIT_REJECTED, "miit_reject", [abnormal, conflict]
    )
    data.event(rejected[2], now - 3 * HOUR, S.SMS_VERIFICATION, S.MIIT_REJECTED, "expire_sms", [sms])
    data.event(
        rejected[2], now - dt.timedelta(days=200), S.MIIT_REVIEW, S.MIIT_REJECTED, "miit_reject", [abnormal]
    )

    events = [
        FilingEvent(
            filing_id=filing_id,
            actor_role="system",
            transition=transition,
            from_state=source,
            to_state=target,
            reasons=reasons,
        )
        for filing_id, rows in data.events.items()
        for _at, source, target, transition, reasons in rows
    ]
    written = FilingEvent.objects.bulk_create(events)
    moments = [at for rows in data.events.values() for at, *_rest in rows]
    for event, at in zip(written, moments, strict=True):
        FilingEvent.objects.filter(pk=event.pk).update(created_at=at)

    # Findings: rounds in review for an hour without a findings run, except one.
    Filing.objects.filter(state=S.PROVIDER_REVIEW).update(updated_at=now - HOUR)
    FindingRun.objects.create(filing=in_review[0], review_round=1)

    # Uploads: two stuck (one given up on after 5 runs), one just uploaded, one accepted.
    owner = data.filings[0]
    materials = Material.objects.bulk_create(
        [
            Material(filing=owner, kind=MaterialKind.values[0], status=MaterialStatus.PROCESSING, attempts=2),
            Material(filing=owner, kind=MaterialKind.values[0], status=MaterialStatus.PROCESSING, attempts=5),
            Material(filing=owner, kind=MaterialKind.values[0], status=MaterialStatus.PROCESSING),
            Material(filing=owner, kind=MaterialKind.values[0], status=MaterialStatus.ACCEPTED),
        ]
    )
    Material.objects.filter(pk__in=[m.pk for m in materials[:2]]).update(created_at=now - HOUR)

    # The outbox: failed 2 email + 1 SMS, waiting 3 email, sent 2 (inbox).
    def notice(n: int, channel: str, **fields: Any) -> Notification:
        return Notification(channel=channel, kind="filing_submitted", dedupe_key=f"dash:{n}", **fields)

    Notification.objects.bulk_create(
        [
            notice(1, Channel.EMAIL, failed_at=now),
            notice(2, Channel.EMAIL, failed_at=now),
            notice(3, Channel.SMS, failed_at=now),
            notice(4, Channel.EMAIL),
            notice(5, Channel.EMAIL),
            notice(6, Channel.EMAIL),
            notice(7, Channel.INBOX, sent_at=now),
            notice(8, Channel.INBOX, sent_at=now),
        ]
    )
    return data


def expected_figures(data: Dataset) -> dict[str, Any]:
    """Every number the page shows, by its ``data-figure`` name, counted from what ``build_dataset`` wrote."""
    figures: dict[str, Any] = {"filings.total": sum(count for *_rest, count in FILINGS)}
    for key, position in (("state", 0), ("region", 1), ("type", 2), ("nature", 3)):
        counts: Counter[str] = Counter()
        for spec in FILINGS:
            counts[str(spec[position]) or "none"] += spec[4]
        for value, count in counts.items():
            figures[f"{key}.{value}"] = count
    for state in S.values:
        figures.setdefault(f"state.{state}", 0)

    # Time in each state: follow each filing's events, a stay from entering to leaving (self-loops go on).
    since = data.now - dt.timedelta(days=90)
    stays: dict[str, list[float]] = defaultdict(list)
    for filing_id, rows in data.events.items():
        entered = {S.TYPE_DETECTION: data.created[filing_id]}
        for at, source, target, _transition, _reasons in sorted(rows, key=lambda row: row[0]):
            if source == target:
                continue
            if at >= since and source in entered:
                stays[source].append((at - entered[source]).total_seconds())
            entered[target] = at
    for state, values in stays.items():
        figures[f"stays.{state}"] = len(values)
        figures[f"median.{state}"] = statistics.median(values)
        figures[f"p90.{state}"] = (
            statistics.quantiles(values, n=10, method="inclusive")[8] if len(values) > 1 else values[0]
        )

    # Deadlines per week of the due day, for the 12 weeks ending with this one.
    today = timezone.localdate(data.now)
    this_monday = today - dt.timedelta(days=today.weekday())
    weeks = {this_monday - dt.timedelta(weeks=back) for back in range(12)}
    for monday in weeks:
        figures[f"met.{monday.isoformat()}"] = 0
        figures[f"missed.{monday.isoformat()}"] = 0
    for due, decided in data.rounds:
        monday = due - dt.timedelta(days=due.weekday())
        if monday not in weeks:
            continue
        if decided is not None and decided <= due:
            figures[f"met.{monday.isoformat()}"] += 1
        elif decided is not None or due < today:
            figures[f"missed.{monday.isoformat()}"] += 1

    recent = [row for rows in data.events.values() for row in rows if row[0] >= since]
    figures["miit.approvals"] = sum(1 for row in recent if row[3] == "miit_approve")
    returns = [row for row in recent if row[2] == S.MIIT_REJECTED]
    figures["miit.rejections"] = len(returns)
    for code, count in Counter(reason["code"] for row in returns for reason in row[4]).items():
        figures[f"reason.{code}"] = count

    figures.update(
        {
            "jobs.materials_stuck": 2,
            "jobs.materials_given_up": 1,
            "jobs.findings_missing": 3,
            "jobs.deliveries_failed.email": 2,
            "jobs.deliveries_failed.sms": 1,
            "jobs.deliveries_failed.inbox": 0,
            "jobs.deliveries_waiting.email": 3,
            "jobs.deliveries_waiting.sms": 0,
            "jobs.deliveries_waiting.inbox": 0,
        }
    )
    return figures

"""Everything the review screen shows, read in a fixed number of queries: one filing with its relations
prefetched, whatever the number of websites, events, rounds or other filings.

Who sees what: identity numbers and full mobiles only to the specialist holding the claim (each such view
logged as an identity access, channel ``page``); everyone else reads them masked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.errors import ApplicationError
from common.forms import in_active_language
from common.identity import mask_mobile
from entities.rules.websites import PRE_APPROVAL_CATEGORIES
from filings.conditions import first_approval
from filings.models import REVIEW_STATES, Filing, FilingEvent
from filings.pages.information_forms import CONTENT_TYPES, LANGUAGES, stored_languages
from filings.pages.materials_forms import in_english
from filings.pages.regions import region_name, region_rules
from filings.pages.timeline import timeline
from filings.selectors import filing_deadlines, filings_visible_to
from filings.services import approval_transition, available_transition
from materials.requirements import face_checklist, materials_checklist
from reviews.assignment import FAILED_CALLS_FOR_REJECTION, identity_access_record
from reviews.diff import diff_since_last_rejection
from reviews.models import CallAttempt, Finding
from reviews.pages.diff import PathWords, path_words

ROLE_WORDS = {
    "applicant": gettext_lazy("applicant"),
    "specialist": gettext_lazy("specialist"),
    "operator": gettext_lazy("operator"),
    "system": gettext_lazy("the portal"),
}
# The decisions the screen may offer, asked of the state machine for the viewer (never a copied state list).
DECISIONS = ("approve", "reject", "confirm_mail_received")


def reviewed_filing(user: Any, code: Any, *, full: bool = False) -> Filing:
    """The filing ``code`` if ``user`` may see it (``filings_visible_to``), else 404. ``full``: with every
    relation the screen reads."""
    queryset = filings_visible_to(user).select_related(
        "region", "entity", "entity__head", "claimed_by", "applicant"
    )
    if full:
        queryset = queryset.prefetch_related(
            Prefetch(
                "events", queryset=FilingEvent.objects.select_related("actor").order_by("created_at", "id")
            ),
            "review_snapshots",
            Prefetch(
                "call_attempts",
                queryset=CallAttempt.objects.select_related("specialist").order_by("at", "id"),
            ),
            Prefetch("review_findings", queryset=Finding.objects.select_related("resolved_by")),
        )
    filing = queryset.filter(code=code).order_by().first()
    if filing is None:
        raise Http404
    return filing


def can(filing: Filing, name: str, user: Any) -> bool:
    """Whether the state machine lets ``user`` run transition ``name`` now (the service's first check)."""
    try:
        available_transition(filing, name, by=user)
    except ApplicationError:
        return False
    return True


def approval_due(filing: Filing, user: Any) -> tuple[str, str]:
    """Which approval ``user`` gives now (the service's own answer, ``approval_transition``): ``first`` or
    ``second`` of two under four eyes, ``only`` of one; ``""`` with the refusal's words when none."""
    try:
        name = approval_transition(filing, by=user)
    except ApplicationError as error:
        return "", in_active_language(error.message)
    if name == "approve_first":
        return "first", ""
    return ("second" if first_approval(filing) is not None else "only"), ""


def holds(filing: Filing, user: Any) -> bool:
    return getattr(user, "role", None) == "specialist" and filing.claimed_by_id == user.pk


def may_claim(filing: Filing, user: Any) -> bool:
    return (
        getattr(user, "role", None) == "specialist"
        and filing.claimed_by_id is None
        and (filing.state in REVIEW_STATES)
    )


@dataclass(frozen=True)
class ShownPerson:
    role: str
    person: Any
    certificate_number: str
    mobile: str


@dataclass(frozen=True)
class ShownFinding:
    id: str
    check: str
    field: str
    field_label: str
    severity: str
    message: str
    evidence: list[tuple[str, str]] = field(default_factory=list)
    is_open: bool = True
    resolution: str = ""
    note: str = ""
    resolved_by: str = ""


def _websites(filing: Filing) -> list[Any]:
    return list(
        filing.filing_websites.select_related(
            "website__domain", "website__head", "service_number__instance"
        ).order_by("position")
    )


def _people(filing: Filing, websites: list[Any], reveal: bool) -> list[ShownPerson]:
    shown, seen = [], set()
    candidates = [(_("The entity's person in charge"), filing.entity.head)]
    candidates += [
        (_("Person in charge of %(domain)s") % {"domain": item.website.domain.name}, item.website.head)
        for item in websites
    ]
    for role, person in candidates:
        if person is None or person.pk in seen:
            continue
        seen.add(person.pk)
        shown.append(
            ShownPerson(
                role=role,
                person=person,
                certificate_number=person.certificate_number if reveal else person.certificate_number_masked,
                mobile=person.mobile if reveal else mask_mobile(person.mobile),
            )
        )
    return shown


def _website_rows(websites: list[Any]) -> list[dict[str, Any]]:
    english = in_english()
    return [
        {
            "index": index,
            "item": item,
            "website": item.website,
            "content_type": dict(CONTENT_TYPES).get(item.website.content_type, item.website.content_type),
            "languages": [dict(LANGUAGES).get(c, c) for c in stored_languages(item.website.languages)],
            "pre_approvals": [
                PRE_APPROVAL_CATEGORIES.get(str(p.get("category", "")), (p.get("category"),) * 2)[
                    1 if english else 0
                ]
                for p in item.website.pre_approvals or []
            ],
        }
        for index, item in enumerate(websites)
    ]


def _findings(filing: Filing, words: PathWords) -> list[ShownFinding]:
    """The automated findings of the round under review: open blocking ones first."""
    rows = [f for f in filing.review_findings.all() if f.review_round == filing.review_round]
    rows.sort(key=lambda f: (f.severity != "blocking", not f.is_open, f.field, f.pk))
    return [
        ShownFinding(
            id=str(f.pk),
            check=f.code,
            field=f.field,
            field_label=words.label(f.field) if f.field else "",
            severity=f.severity,
            message=in_active_language(f.message),
            evidence=[(str(k), str(v)) for k, v in (f.evidence or {}).items()]
            if isinstance(f.evidence, dict)
            else [],
            is_open=bool(f.is_open),
            resolution=f.get_resolution_display() if f.resolution else "",
            note=f.note,
            resolved_by=str(f.resolved_by or ""),
        )
        for f in rows
    ]


def _diff_rows(diff: Any, words: PathWords, reveal: bool, checklist: list[Any]) -> list[dict[str, Any]]:
    """The diff's rows in words: a replaced material links to its new upload; a certificate number says only
    that it changed (the snapshot holds a hash); a mobile is masked for anyone but the holder."""
    materials = {item.material.pk: item.material for item in checklist if item.material}
    rows = []
    for change in diff.changes if diff else []:
        before, after = _value(change.before), _value(change.after)
        if change.path.endswith(".mobile") and not reveal:
            before, after = mask_mobile(before), mask_mobile(after)
        rows.append(
            {
                "change": change,
                "label": words.label(change.path),
                "before": before,
                "after": after,
                "material": materials.get(change.after) if change.kind == "material" else None,
            }
        )
    return rows


def _value(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(
            str(item.get("category", item)) if isinstance(item, dict) else str(item) for item in value
        )
    return str(value)


def failed_calls_of(filing: Filing) -> int:
    """``reviews.assignment.failed_calls`` over the prefetched attempts: failed calls in a row this round."""
    count = 0
    for attempt in filing.call_attempts.all():
        if attempt.review_round == filing.review_round:
            count = 0 if attempt.reached else count + 1
    return count


def screen_data(filing: Filing, user: Any) -> dict[str, Any]:
    """The screen's facts (the decision forms are added by the view). Logs the identity access of the
    holder."""
    reveal = holds(filing, user)
    if reveal:
        identity_access_record(filing=filing, user=user, channel="page")
    websites = _websites(filing)
    checklist = materials_checklist(filing)
    faces = face_checklist(filing)
    words = path_words(filing, websites, checklist, faces)
    events = list(filing.events.all())
    findings = _findings(filing, words)
    diff = diff_since_last_rejection(filing, snapshots=filing.review_snapshots.all(), events=events)
    failed = failed_calls_of(filing)
    can_do = {name: can(filing, name, user) for name in DECISIONS}
    approval, approval_refused = approval_due(filing, user) if can_do["approve"] else ("", "")
    can_do["approve"] = bool(approval)
    return {
        "filing": filing,
        "entity": filing.entity,
        "reveal": reveal,
        "entity_certificate_number": (
            filing.entity.certificate_number if reveal else filing.entity.certificate_number_masked
        ),
        "people": _people(filing, websites, reveal),
        "websites": _website_rows(websites),
        "materials": [
            {
                "label": words.label(item.requirement.field),
                "field": item.requirement.field,
                "status": item.status,
                "material": item.material,
            }
            for item in checklist
        ],
        "faces": faces,
        "region_label": region_name(filing.region),
        "region_rules": region_rules(filing.region),
        "findings": findings,
        "open_blocking": [f for f in findings if f.severity == "blocking" and f.is_open],
        "diff": diff,
        "diff_rows": _diff_rows(diff, words, reveal, checklist),
        "diff_reasons": [
            {
                "reason": reason,
                "label": words.label(reason.field),
                "message": in_active_language(reason.message),
            }
            for reason in (diff.reasons if diff else [])
        ],
        "calls": [a for a in filing.call_attempts.all()],
        "failed_calls": failed,
        "suggest_unreachable": failed >= FAILED_CALLS_FOR_REJECTION,
        # The applicant's timeline words, with who acted by name (the applicant's page says "You").
        "timeline": [
            (entry, event, str(ROLE_WORDS.get(event.actor_role, event.actor_role)))
            for entry, event in zip(timeline(filing, events), reversed(events), strict=True)
        ],
        "deadlines": filing_deadlines(filing),
        "holds": reveal,
        "may_claim": may_claim(filing, user),
        "can_call": reveal and filing.state in REVIEW_STATES,
        "can": can_do,
        "approval": approval,
        "approval_refused": approval_refused,
        "decides": any(can_do.values()),
        "words": words,
    }

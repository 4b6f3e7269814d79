"""The automated findings of review.md: computed once per review round when a filing enters provider review
(``reviews.tasks.review_findings_task``), stored as ``reviews.models.Finding`` rows.

Each module holds one group of checks, with its severities and why in its docstring: ``identity``
(certificate numbers and their consistency), ``registrar`` (holder, real-name, expiry), ``registry`` (the MIIT
registry look-up), ``websites`` (names, sensitive words, domain rules), ``contacts`` (contacts, duplicates
across entities), ``instances`` (instance validity), ``materials`` (image checks), ``recognition`` (what
was typed against what was read on the certificates' photos). The checks reuse the rules
(``entities.rules``, ``filings.validation``, ``filings.detection``, ``instances.services``, the materials'
findings); none is written again here. A problem of the rules no group claims is still a finding
(``rules``, blocking): whatever the submit would refuse now, the reviewer sees.

A filing that passed submit unchanged has no finding: those checks fire only for what changed since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from filings.models import Filing
from filings.states import FilingState
from reviews.findings import (
    contacts,
    identity,
    instances,
    materials,
    recognition,
    registrar,
    registry,
    websites,
)
from reviews.findings.base import ADVISORY, BLOCKING, Context, Found, from_problem
from reviews.models import Finding, FindingRun

__all__ = ["ADVISORY", "BLOCKING", "CHECKS", "Found", "findings_compute", "run_findings"]

CLAIMS = (
    identity.claims,
    contacts.claims,
    websites.claims_names,
    websites.claims_domains,
    instances.claims,
)


def unclaimed_rule_findings(context: Context) -> list[Found]:
    """Any other rule's problem (none is expected on a filing that passed submit)."""
    return [
        from_problem(item, group="rules")
        for item in context.problems_where(lambda item: not any(claims(item) for claims in CLAIMS))
    ]


CHECKS: tuple[Callable[[Context], list[Found]], ...] = (
    identity.certificate_findings,
    registrar.registrar_findings,
    registry.registry_findings,
    websites.name_findings,
    websites.domain_rule_findings,
    contacts.contact_findings,
    contacts.email_elsewhere_findings,
    instances.instance_findings,
    materials.image_findings,
    recognition.recognition_findings,
    unclaimed_rule_findings,
)


def run_findings(filing: Filing) -> list[Found]:
    """Every check on ``filing`` as stored now, each (code, field) once, blocking first."""
    context = Context(filing)
    found: dict[tuple[str, str], Found] = {}
    for check in CHECKS:
        for item in check(context):
            found.setdefault((item.code, item.field), item)
    return sorted(found.values(), key=lambda item: (item.severity != BLOCKING, item.field, item.code))


def findings_compute(*, filing_id: int, review_round: int) -> list[Finding] | None:
    """Compute and store the findings of ``review_round`` (the job's body). Nothing happens, and None is
    returned, when the filing is no longer in provider review in that round or the round's findings exist:
    running it twice writes them once. The checks ask the registrar and MIIT, so they run outside the
    transaction; the marker row and the findings are written in one."""
    filing = Filing.objects.select_related("entity", "region").filter(pk=filing_id).first()
    if not _due(filing, review_round):
        return None
    found = run_findings(filing)
    try:
        with transaction.atomic():
            locked = Filing.objects.select_for_update().filter(pk=filing_id).first()
            if not _due(locked, review_round):
                return None
            FindingRun.objects.create(filing=locked, review_round=review_round)
            return _store(locked, review_round, found)
    except IntegrityError:  # another run of the job wrote the round meanwhile
        return None


def findings_recompute(*, filing_id: int, review_round: int) -> list[Finding] | None:
    """Run the checks of ``review_round`` again (an operator asked: the registrar or MIIT answered wrongly, a
    rule was corrected). The findings a specialist has not resolved are replaced by the new ones; a resolved
    finding stays as the specialist left it (their decision is review work), and the same check is not
    stored twice. Nothing happens when the filing has left provider review or that round."""
    filing = Filing.objects.select_related("entity", "region").filter(pk=filing_id).first()
    if not _in_round(filing, review_round):
        return None
    found = run_findings(filing)
    with transaction.atomic():
        locked = Filing.objects.select_for_update().filter(pk=filing_id).first()
        if not _in_round(locked, review_round):
            return None
        round_findings = Finding.objects.filter(filing=locked, review_round=review_round)
        round_findings.filter(resolved_at__isnull=True).delete()
        kept = set(round_findings.values_list("code", "field"))
        FindingRun.objects.get_or_create(filing=locked, review_round=review_round)
        return _store(locked, review_round, [item for item in found if (item.code, item.field) not in kept])


def _store(filing: Filing, review_round: int, found: list[Found]) -> list[Finding]:
    return Finding.objects.bulk_create(
        Finding(
            filing=filing,
            review_round=review_round,
            code=item.code,
            field=item.field,
            severity=item.severity,
            message=item.message,
            evidence=item.evidence,
        )
        for item in found
    )


def _in_round(filing: Filing | None, review_round: int) -> bool:
    return (
        filing is not None
        and filing.state == FilingState.PROVIDER_REVIEW
        and filing.review_round == review_round
    )


def _due(filing: Filing | None, review_round: int) -> bool:
    return (
        filing is not None
        and filing.state == FilingState.PROVIDER_REVIEW
        and filing.review_round == review_round
        and not FindingRun.objects.filter(filing=filing, review_round=review_round).exists()
    )


SWEEP_GRACE = dt.timedelta(minutes=2)


def findings_missing(*, now: dt.datetime | None = None, limit: int = 200) -> list[tuple[int, int]]:
    """(filing id, round) of the filings in provider review for a while whose round has no findings yet: their
    job never reached the broker (or was lost); the sweep dispatches it again."""
    since = (now or timezone.now()) - SWEEP_GRACE
    done = FindingRun.objects.filter(filing=OuterRef("pk"), review_round=OuterRef("review_round"))
    return list(
        Filing.objects.filter(state=FilingState.PROVIDER_REVIEW, updated_at__lt=since)
        .exclude(Exists(done))
        .order_by("updated_at", "id")
        .values_list("pk", "review_round")[:limit]
    )

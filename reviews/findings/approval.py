"""Approval against the findings (review.md: approve once every blocking finding is resolved or overridden
with a note), and resolving a finding. The review API and the review screen both come through here, so both
use the same ``Finding`` rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ApplicationError, NotPermitted, TransitionConflict
from filings import services as filing_services
from filings.models import Filing
from filings.states import FilingState
from reviews.findings import findings_compute
from reviews.models import Finding


def open_findings(filing: Filing) -> list[Finding]:
    """The blocking findings of the filing's current round nobody resolved or overrode yet."""
    return list(
        Finding.objects.filter(
            filing=filing,
            review_round=filing.review_round,
            severity=Finding.Severity.BLOCKING,
            resolution="",
        ).order_by("field", "code", "id")
    )


def approve_checking_findings(
    *, filing: Filing, by: Any, note: str = "", overrides: Sequence[dict[str, str]] = ()
) -> Filing:
    """Approve; refused (400 ``findings_open``, each open blocking finding's field → message) unless each open
    blocking finding is overridden here with a note. ``overrides``: ``[{"finding": "<id>", "note": "..."}]``,
    each naming a finding of the current round not yet resolved. The overridden rows are marked in the
    approval's transaction, and the approve event keeps the overrides."""
    filing_services.available_transition(filing, "approve", by=by)  # 409 / 403 before the findings
    # The round's checks run now if their job has not yet (a specialist quicker than the worker): nobody
    # approves a round whose findings were never computed. A no-op once the job has run.
    findings_compute(filing_id=filing.pk, review_round=filing.review_round)
    with transaction.atomic():
        rows = {
            str(row.pk): row
            for row in Finding.objects.select_for_update().filter(
                filing=filing, review_round=filing.review_round
            )
        }
        problems: dict[str, list[str]] = {}
        for index, override in enumerate(overrides):
            row = rows.get(str(override.get("finding") or ""))
            if row is None:
                problems[f"overrides.{index}.finding"] = [_("The filing has no such finding.")]
            elif row.resolution:
                problems[f"overrides.{index}.finding"] = [_("This finding is already resolved.")]
            if not str(override.get("note") or "").strip():
                problems[f"overrides.{index}.note"] = [_("Say why the finding does not stand in the way.")]
        if problems:
            raise ApplicationError(_("Some overrides are not valid."), code="invalid", fields=problems)
        overridden = {str(o["finding"]): str(o["note"]).strip() for o in overrides}
        still_open = [row for row in rows.values() if row.is_open and str(row.pk) not in overridden]
        if still_open:
            fields: dict[str, list[str]] = {}
            for row in sorted(still_open, key=lambda row: (row.field, row.code)):
                fields.setdefault(row.field or "filing", []).append(row.message)
            raise ApplicationError(
                _("Resolve each blocking finding, or override it with a note, before approving."),
                code="findings_open",
                fields=fields,
            )
        recorded = [
            {"finding": key, "code": rows[key].code, "field": rows[key].field, "note": value}
            for key, value in overridden.items()
        ]
        approved = filing_services.filing_approve(filing=filing, by=by, note=note, overrides=recorded)
        now = timezone.now()
        for key, value in overridden.items():
            Finding.objects.filter(pk=key).update(
                resolution=Finding.Resolution.OVERRIDDEN, resolved_by=by, resolved_at=now, note=value
            )
    return approved


def resolve_finding(*, finding: Finding, by: Any, note: str = "") -> Finding:
    """The specialist holding the filing marks a finding resolved (the applicant fixed it on the phone, the
    registrar's record was checked by hand...)."""
    filing = finding.filing
    if getattr(by, "role", None) != "specialist" or filing.claimed_by_id != by.pk:
        raise NotPermitted(_("Claim the filing before resolving its findings."), code="not_permitted")
    if filing.state != FilingState.PROVIDER_REVIEW or finding.review_round != filing.review_round:
        raise TransitionConflict(_("This finding belongs to a review that is over."), code="not_in_review")
    resolved = Finding.objects.filter(pk=finding.pk, resolution="").update(
        resolution=Finding.Resolution.RESOLVED, resolved_by=by, resolved_at=timezone.now(), note=note.strip()
    )
    if resolved != 1:
        raise TransitionConflict(_("This finding is already resolved."), code="finding_resolved")
    finding.refresh_from_db()
    return finding

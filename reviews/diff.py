"""What changed since the last rejection: the round the specialist reviews now against the round that was
returned, both read from the per-round ``ReviewSnapshot`` (``filings/snapshots.py``) that ``resubmit``'s
condition compares, so the screen and the condition cannot disagree about what "changed" means.

Pure reads of rows already loaded (the snapshots and the events, prefetched by the screen): no query here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from filings.snapshots import unchanged_paths
from filings.states import RETURNED_STATES

MATERIALS_PREFIX = "materials."
# Certificate numbers are kept as keyed hashes in the snapshot: "changed" can be said, the values cannot.
IDENTITY_SUFFIX = ".certificate_number"


@dataclass(frozen=True)
class Change:
    path: str
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        """``material`` (replaced, added or removed: the values are upload ids), ``identity`` (a hash), or
        ``field``."""
        if self.path.startswith(MATERIALS_PREFIX):
            return "material"
        if self.path.endswith(IDENTITY_SUFFIX):
            return "identity"
        return "field"


@dataclass(frozen=True)
class AnsweredReason:
    """One reason of the rejection and how the new round answers it."""

    index: int
    code: str
    field: str
    message: str
    changed: bool | None  # None: the reason names nothing comparable (the whole filing, an unknown path)
    explanation: str = ""


@dataclass(frozen=True)
class RoundDiff:
    round_before: int
    round_now: int
    rejection: Any  # the FilingEvent that returned the earlier round (None when it is not recorded)
    changes: list[Change] = field(default_factory=list)
    reasons: list[AnsweredReason] = field(default_factory=list)


def snapshot_changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every path whose value differs between two snapshots (added and removed paths included), in path
    order with the materials last."""
    paths = sorted(
        (path for path in before.keys() | after.keys() if before.get(path) != after.get(path)),
        key=lambda path: (path.startswith(MATERIALS_PREFIX), path),
    )
    return [Change(path, before.get(path), after.get(path)) for path in paths]


def diff_since_last_rejection(
    filing: Any, *, snapshots: Iterable[Any], events: Iterable[Any]
) -> RoundDiff | None:
    """The current round against the round before it, when the filing came back after a rejection.

    1. The current round's snapshot and the previous round's; no diff without both (a first submission, or
       rounds reviewed before snapshots were kept).
    2. The rejection answered: the last event that returned the filing before the current round started,
       with the resubmission's explanations (its payload, keyed by the reason's position).
    3. Every changed path, and for each reason whether what it names changed (``unchanged_paths``, the
       condition's own test)."""
    by_round = {snapshot.review_round: snapshot.data for snapshot in snapshots}
    now, before = by_round.get(filing.review_round), by_round.get(filing.review_round - 1)
    if now is None or before is None:
        return None
    ordered = list(events)
    rejection = next((e for e in reversed(ordered) if e.to_state in RETURNED_STATES), None)
    resubmission = next((e for e in reversed(ordered) if e.transition == "resubmit"), None)
    explanations = ((resubmission.payload or {}).get("explanations") or {}) if resubmission else {}
    reasons = []
    for index, item in enumerate((rejection.reasons or []) if rejection else []):
        item = item if isinstance(item, dict) else {}
        named = str(item.get("field") or "filing")
        unchanged = unchanged_paths(named, before=before, now=now)
        reasons.append(
            AnsweredReason(
                index=index,
                code=str(item.get("code", "")),
                field=named,
                message=str(item.get("message") or item.get("code") or ""),
                changed=None if unchanged is None else not unchanged,
                explanation=str(explanations.get(str(index), "")),
            )
        )
    return RoundDiff(
        round_before=filing.review_round - 1,
        round_now=filing.review_round,
        rejection=rejection,
        changes=snapshot_changes(before, now),
        reasons=reasons,
    )

"""P1 in the suite (issue 15): the SQL queries of each page do not grow with the filings in the database nor
with the websites of a filing. ``python -m bench`` measures the same pages (``bench.pages``) with 100,000
filings; here each page is counted with 1 and 10 websites, before and after 40 more filings appear in every
list it shows (10 vs 50 rows), so a regression fails CI."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from bench.pages import Scene, client_for, count_queries, pages
from filings.models import Filing, FilingEvent, FilingWebsite
from reviews import services as review_services
from tests.api.conftest import complete_materials
from tests.filings.test_reminders import approve

pytestmark = pytest.mark.django_db

WEBSITES = (1, 10)


def _to(build: Any, filing: Filing, state: str) -> Filing:
    if state in ("instance_verification", "information", "materials"):
        return build.to(filing, state)
    filing = build.to(filing, "materials")
    complete_materials(filing)
    return build.to(filing, state)


def _scene(build: Any, sam: Any, olga: Any, websites: int) -> Scene:
    def start(tag: str) -> Filing:
        return build.start(domains=[f"qc-{tag}-{websites}-{n}.cn" for n in range(websites)])

    filings = {
        "approved": approve(build, start("approved")),
        "provider_review": _to(build, start("review"), "provider_review"),
        "instance_verification": build.start(domains=[f"qc-iv-{websites}-{n}.cn" for n in range(websites)]),
        "information": _to(build, start("info"), "information"),
        "materials": _to(build, start("materials"), "materials"),
    }
    filings["instance_verification"] = build.to(filings["instance_verification"], "instance_verification")
    held = review_services.review_claim(filing=filings["provider_review"], by=sam)
    return Scene(websites, filings, sam, held, olga)


def _more_filings(like: Filing, times: int, **changes: Any) -> None:
    """``times`` copies of ``like`` (its websites and events too), written directly: the lists grow."""
    fields = [f for f in Filing._meta.concrete_fields if f.name not in ("id", "code")]
    values = {f.attname: getattr(like, f.attname) for f in fields} | changes
    clones = Filing.objects.bulk_create(Filing(code=uuid.uuid4(), **values) for _ in range(times))
    items = list(like.filing_websites.all())
    events = list(like.events.all())
    FilingWebsite.objects.bulk_create(
        FilingWebsite(filing=clone, website_id=item.website_id, position=item.position)
        for clone in clones
        for item in items
    )
    FilingEvent.objects.bulk_create(
        FilingEvent(
            filing=clone,
            actor_id=event.actor_id,
            actor_role=event.actor_role,
            transition=event.transition,
            from_state=event.from_state,
            to_state=event.to_state,
            created_at=event.created_at,
        )
        for clone in clones
        for event in events
    )


def _counts(scenes: list[Scene]) -> dict[tuple[str, int], int]:
    found = {}
    for scene in scenes:
        for page in pages(scene):
            status, count = count_queries(client_for(page.user, page.kind), page.url)
            assert status == 200, (page.name, page.url, status)
            found[(page.name, scene.websites)] = count
    return found


def test_page_queries_do_not_grow_with_filings_or_websites(build, alice, sam, olga):
    scenes = [_scene(build, sam, olga, websites) for websites in WEBSITES]
    for scene in scenes:  # the queue is not empty (an empty list skips its prefetches)
        _more_filings(scene.held, 1, claimed_by_id=None)
    before = _counts(scenes)
    for scene in scenes:  # 10 → 50 rows in every list: the applicant's, the queue, the inbox, the archive
        for filing in scene.filings.values():
            _more_filings(filing, 4)  # the held filing's copies are held by sam too: the inbox grows
        _more_filings(scene.held, 4, claimed_by_id=None)
    assert Filing.objects.count() >= 50
    after = _counts(scenes)
    names = sorted({name for name, _websites in before})
    assert {"applicant dashboard", "API list", "API detail", "review queue", "review screen"} <= set(names)
    assert {"admin filing list", "admin filing change", "wizard: filing-materials"} <= set(names)
    growing = {}
    for name in names:
        counts = {before[(name, w)] for w in WEBSITES} | {after[(name, w)] for w in WEBSITES}
        if len(counts) != 1:
            growing[name] = {f"{w} websites": (before[(name, w)], after[(name, w)]) for w in WEBSITES}
    assert not growing, growing

"""``python -m bench generate --filings 100000``: a provider's data set in PostgreSQL, in realistic proportions.

1. Plan each filing: its state (``STATES``: most approved or withdrawn, a few thousand in review, some
   returned), the path of transitions that brought it there (one ``FilingEvent`` each, ``path_to``), its
   region, type, entity (individual or organisation, with its people) and 1–10 websites (``WEBSITE_COUNTS``).
2. Write the rows of every table that path implies (users, entities, people, websites, domains, instances and
   service numbers, filing websites, events, materials, findings, notifications) as COPY text, a chunk of
   filings at a time: a thread builds the next chunk while PostgreSQL loads the last one.
3. Move the identity sequences past the new ids; ``VACUUM ANALYZE`` the tables.

Foreign keys are not checked while loading (``session_replication_role = replica``, the bulk loader's
switch): the rows are consistent by construction. Identity numbers are encrypted as the models do, from a
pool of a few thousand numbers (Fernet costs 25 µs a number; one per row would take a tenth of the budget).
"""

from __future__ import annotations

import queue
import random
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction

from bench.copying import Table, copy_into, drop_secondary_indexes, move_sequences
from bench.paths import STATES, WEBSITE_COUNTS, path_to
from bench.tables import ChunkWriter, make_tables

CHUNK = 5000  # filings per COPY round


@dataclass
class Generated:
    filings: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    first_ids: dict[str, int] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def progress(done: int, total: int, started: float, *, width: int = 30) -> None:
    filled = int(width * done / total) if total else width
    sys.stderr.write(
        f"\r  [{'#' * filled}{'.' * (width - filled)}] {done:>7}/{total} filings"
        f"  {time.perf_counter() - started:5.1f} s"
    )
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def plan(count: int, seed: int) -> list[tuple[str, int]]:
    """(state, website count) of each filing, in a shuffled order with exact state proportions."""
    rng = random.Random(seed)
    weights = sum(STATES.values())
    states: list[str] = []
    for state, weight in STATES.items():
        states += [state] * round(count * weight / weights)
    states = (states + ["approved"] * count)[:count]
    rng.shuffle(states)
    sizes = rng.choices(list(WEBSITE_COUNTS), weights=list(WEBSITE_COUNTS.values()), k=count)
    return list(zip(states, sizes, strict=True))


def generate(
    count: int,
    *,
    seed: int = 15,
    show: Callable[[int, int, float], None] | None = progress,
    planned: list[tuple[str, int]] | None = None,
) -> Generated:
    """Fill the database with ``count`` filings and everything they imply; seconds and rows per table.
    ``planned``: the (state, websites) of each filing instead of the proportions (P1's small data set)."""
    if connection.vendor != "postgresql":
        raise SystemExit(
            "The generator writes with PostgreSQL's COPY: set DATABASE_URL to a PostgreSQL database."
        )
    started = time.perf_counter()
    tables = make_tables()
    for table in tables.values():
        table.reserve()
    result = Generated(filings=count, tables=list(tables.values()))
    result.first_ids = {table.name: table.next_id for table in tables.values()}
    run = f"{int(time.time()) % 10**8:x}"  # in unique names and the random codes: runs add up, never collide
    writer = ChunkWriter(tables, rng=random.Random(f"{seed}-{run}"), run=run)
    writer.add_staff()
    planned = planned or plan(count, seed)
    chunks: queue.Queue = queue.Queue(maxsize=2)

    def produce() -> None:
        try:
            for start in range(0, count, CHUNK):
                for state, websites in planned[start : start + CHUNK]:
                    writer.add_filing(state, websites, path_to(state, writer.rng))
                chunks.put((min(start + CHUNK, count), {name: t.drain() for name, t in tables.items()}))
        except BaseException as error:  # hand it to the loading thread, which raises it
            chunks.put(error)
        chunks.put(None)

    producer = threading.Thread(target=produce, name="bench-generate", daemon=True)
    producer.start()
    raw = connection.connection
    with transaction.atomic(), raw.cursor() as cursor:  # all or nothing
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        indexes = drop_secondary_indexes(cursor, tables.values())
        while (item := chunks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            done, data = item
            for name, text in data.items():
                if text:
                    copy_into(cursor, tables[name].statement(), text)
            if show is not None:
                show(done, count, started)
        if show is not None:
            sys.stderr.write(f"  rebuilding {len(indexes)} indexes …\n")
        for definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET session_replication_role = DEFAULT")
    producer.join()
    move_sequences(tables.values())
    # Fresh statistics (the planner picks the indexes P2 relies on) and the visibility map that autovacuum
    # would have set on a live database (without it an index-only scan still reads every row's page).
    with connection.cursor() as cursor:
        for table in tables.values():
            cursor.execute(f'VACUUM ANALYZE "{table.name}"')
    result.rows = {table.name: table.next_id - result.first_ids[table.name] for table in tables.values()}
    result.seconds = time.perf_counter() - started
    return result

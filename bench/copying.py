"""Writing generated rows into PostgreSQL with COPY (psycopg 3), and the plain COPY that P6 compares with.

A ``Table`` knows the model's columns: the generator writes the ones it decides (as tab-separated text, in
``columns`` order) and every other column gets the model field's default, so a column added by a later
migration with a default does not break the generator. Ids are given by the generator (from the table's
current maximum) and the identity sequences are moved past them at the end.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import time
from collections.abc import Iterable
from typing import Any

from django.db import connection, models


def copy_text(value: Any) -> str:
    """One value in COPY's text format (``\\N`` for NULL; backslash, tab and newline escaped)."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, enum.Enum):
        value = value.value
    elif isinstance(value, (dt.datetime, dt.date)):
        value = value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return text


class Table:
    """The COPY target of one model: its columns, the text of the defaulted ones, the next free id."""

    def __init__(self, model: type[models.Model], columns: Iterable[str]) -> None:
        self.model = model
        self.name = model._meta.db_table
        own = tuple(columns)
        fields = model._meta.concrete_fields
        known = {field.column for field in fields}
        missing = set(own) - known
        if missing:
            raise ValueError(f"{self.name} has no column {sorted(missing)}")
        rest = [field for field in fields if field.column not in own]
        for field in rest:
            if not (field.has_default() or field.null) or field.unique:
                raise ValueError(f"the generator must give {self.name}.{field.column} (no default to use)")
        defaults = [None if field.null and not field.has_default() else field.get_default() for field in rest]
        self.columns = own + tuple(field.column for field in rest)
        self.suffix = "".join("\t" + copy_text(value) for value in defaults)
        self.next_id = 1
        self.rows: list[str] = []
        self.written = 0

    def reserve(self) -> None:
        """Start ids after the table's largest."""
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{self.name}"')
            self.next_id = cursor.fetchone()[0] + 1

    def take_id(self) -> int:
        taken = self.next_id
        self.next_id += 1
        return taken

    def add(self, line: str) -> None:
        """``line``: the generator's columns, tab-separated, without the newline."""
        self.rows.append(line + self.suffix + "\n")

    def statement(self, name: str | None = None) -> str:
        columns = ", ".join(f'"{column}"' for column in self.columns)
        return f'COPY "{name or self.name}" ({columns}) FROM STDIN'

    def drain(self) -> str:
        data, self.rows = "".join(self.rows), []
        return data


def copy_into(cursor: Any, statement: str, data: str) -> None:
    with cursor.copy(statement) as copy:
        copy.write(data.encode())


def move_sequences(tables: Iterable[Table]) -> None:
    """After explicit ids, the identity sequences continue after the largest."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table.name}"))'
            )


def drop_secondary_indexes(cursor: Any, tables: Iterable[Table]) -> list[str]:
    """Drop the indexes that back no constraint (the keys and unique constraints stay, and are checked) and
    return their definitions: building an index once after the load is several times cheaper than updating
    it row by row. Inside the loading transaction, so a failed load keeps them."""
    definitions: list[str] = []
    for table in tables:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            (f'"{table.name}"',),
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f"DROP INDEX {name}")
            definitions.append(definition)
    return definitions


def plain_copy_seconds(tables: Iterable[Table], first_ids: dict[str, int]) -> float:
    """P6's floor: the rows just generated, read back with ``COPY … TO`` (not timed), then loaded with a plain
    ``COPY … FROM`` into a bare copy of each table (the same columns, no index, no constraint): the cost of
    moving the bytes into PostgreSQL, which no generator can beat. Seconds of the loads only; the copies are
    dropped."""
    raw = connection.connection  # the psycopg connection under Django's
    total = 0.0
    with raw.cursor() as cursor:
        for table in tables:
            columns = ", ".join(f'"{column}"' for column in table.columns)
            dump = bytearray()
            query = (
                f'COPY (SELECT {columns} FROM "{table.name}" WHERE id >= {first_ids[table.name]}) TO STDOUT'
            )
            with cursor.copy(query) as copy:
                for block in copy:
                    dump += block
            floor_name = f"bench_floor_{table.name}"
            cursor.execute(f'DROP TABLE IF EXISTS "{floor_name}"')
            cursor.execute(f'CREATE TABLE "{floor_name}" (LIKE "{table.name}")')
            raw.commit()
            started = time.perf_counter()
            with cursor.copy(table.statement(floor_name)) as copy:
                copy.write(bytes(dump))
            raw.commit()
            total += time.perf_counter() - started
            cursor.execute(f'DROP TABLE "{floor_name}"')
            raw.commit()
    return total

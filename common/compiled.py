"""Querysets compiled to SQL once per process, then run again with new values.

Django compiles a queryset to SQL on every evaluation; for a small query with joins that costs more than
running it (1–2.5 ms of Python for the API filing detail's five queries against 0.1 ms in PostgreSQL: issue
15, P3). A ``CompiledQuery`` is declared once with a function building the queryset from named values; it is
compiled the first time it runs on a connection, with a marker standing for each value, and the markers'
places in the SQL's parameters are remembered. Each later run executes that SQL with the new values through
Django's own cursor (so it is logged and counted like any query), applies the same converters and builds the
model instances as Django does (``ModelIterable``: ``from_db`` and the ``select_related`` populators).

Only for read paths that run very often: the queryset's shape must not depend on the values (no ``if`` on
them in ``build``), and every value must reach the SQL as a parameter (a value Django folds into the SQL
text, such as an empty list, is refused when compiling).
"""

from __future__ import annotations

import itertools
import re
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

# PostgreSQL: each compiled query is also a prepared statement of the session (``PREPARE``), so that it is
# planned once per connection, not on every run (planning the detail's joins cost PostgreSQL more than running
# them). Prepared statements outlive a rolled-back transaction and die with the connection; ``_PREPARED``
# remembers, per open connection (psycopg's object), which ones it holds.
_PREPARED: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
_NAMES = itertools.count(1)
_PLACEHOLDER = re.compile(r"%(s|%)")

# Values no real row has, each recognisable among the compiled SQL's parameters.
_INTEGER_MARKERS = iter(range(-7_310_000_001, -7_320_000_000, -1))


def marker_integer() -> int:
    return next(_INTEGER_MARKERS)


def marker_uuid() -> uuid.UUID:
    return uuid.uuid4()


def marker_text() -> str:
    return f"compiled-query-marker-{uuid.uuid4().hex}"


@dataclass(frozen=True)
class _Compiled:
    sql: str  # what the cursor runs: the query, or ``EXECUTE`` of its prepared statement
    prepare: str | None  # PostgreSQL's ``PREPARE`` of it (placeholders numbered), run once per connection
    name: str
    slots: tuple[tuple[str | None, Any], ...]  # (value name, how to prepare it) or (None, the constant)
    compiler: Any
    converters: dict[int, Any]
    init_list: list[str]
    model_fields: slice
    related_populators: list[Any]


def _preparer(parameter: Any, marker: Any) -> Callable[[Any], Any] | None:
    """How the SQL's parameter was made from the marker (the backends prepare UUIDs differently), or None."""
    if isinstance(marker, uuid.UUID):
        if parameter == marker:
            return lambda value: value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
        if parameter == marker.hex:
            return lambda value: (value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))).hex
        if parameter == str(marker):
            return lambda value: str(uuid.UUID(str(value)))
        return None
    if type(parameter) is type(marker) and parameter == marker:
        return lambda value: value
    return None


class CompiledQuery:
    """``build(**markers)`` compiled once per connection; ``objects(**values)`` runs it."""

    def __init__(
        self, build: Callable[..., QuerySet], *, optional: tuple[str, ...] = (), **markers: Any
    ) -> None:
        """``optional``: values the queryset may leave out (such as the user, for a role that sees all)."""
        self.build = build
        self.markers = markers
        self.optional = set(optional)
        self._by_connection: weakref.WeakKeyDictionary[Any, _Compiled | None] = weakref.WeakKeyDictionary()

    def _compile(self, connection: Any) -> _Compiled | None:
        """The SQL and what reads its rows; None when the queryset can match nothing (``none()``)."""
        queryset = self.build(**self.markers)
        compiler = queryset.query.get_compiler(connection=connection)
        try:
            sql, parameters = compiler.as_sql()
        except EmptyResultSet:
            return None
        slots: list[tuple[str | None, Any]] = []
        found: set[str] = set()
        for parameter in parameters:
            for name, marker in self.markers.items():
                prepare = _preparer(parameter, marker)
                if prepare is not None:
                    slots.append((name, prepare))
                    found.add(name)
                    break
            else:
                slots.append((None, parameter))
        if missing := set(self.markers) - found - self.optional:
            raise ValueError(f"not parameters of the compiled SQL: {sorted(missing)}")
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        model_fields = slice(fields[0], fields[-1] + 1)
        name = f"compiled_query_{next(_NAMES)}"
        prepare = None
        if connection.vendor == "postgresql":
            numbers = itertools.count(1)
            numbered = _PLACEHOLDER.sub(lambda m: f"${next(numbers)}" if m.group(1) == "s" else "%", sql)
            prepare = f"PREPARE {name} AS {numbered}"
            sql = f"EXECUTE {name}({', '.join(['%s'] * len(slots))})" if slots else f"EXECUTE {name}"
        return _Compiled(
            sql=sql,
            prepare=prepare,
            name=name,
            slots=tuple(slots),
            compiler=compiler,
            converters=compiler.get_converters([column[0] for column in select[: compiler.col_count]]),
            init_list=[column[0].target.attname for column in select[model_fields]],
            model_fields=model_fields,
            related_populators=get_related_populators(klass_info, select, connection.alias),
        )

    def objects(self, using: str = "default", **values: Any) -> list[Model]:
        """The model instances the queryset built from ``values`` would give, in its order."""
        connection = connections[using]
        if connection not in self._by_connection:
            self._by_connection[connection] = self._compile(connection)
        compiled = self._by_connection[connection]
        if compiled is None:
            return []
        parameters = [prepare(values[name]) if name else prepare for name, prepare in compiled.slots]
        with connection.cursor() as cursor:
            if compiled.prepare is not None:
                held = _PREPARED.setdefault(connection.connection, set())
                if compiled.name not in held:
                    # On the connection itself: set-up of the session, not one of the page's queries.
                    connection.connection.execute(compiled.prepare)
                    held.add(compiled.name)
            cursor.execute(compiled.sql, parameters)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        model = compiled.compiler.klass_info["model"]
        found = []
        for row in rows:
            instance = model.from_db(using, compiled.init_list, row[compiled.model_fields])
            for populator in compiled.related_populators:
                populator.populate(row, instance)
            found.append(instance)
        return found

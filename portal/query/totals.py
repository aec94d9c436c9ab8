"""The exact number of rows a filtered query matches.

When every filter is on one column and is a bound (``gt``/``gte``/``lt``/``lte``), a
value (``exact``/``not``/``in``) or ``isnull``, the count is read from that column's rank table
(portal/publishing/sqlite.py) in one or two primary-key seeks, whatever the range's length. Any other
query (several columns, ``contains``, ``startswith``, a database built before rank tables)
counts with ``count(*)``, which walks the matching index entries.

An equality on one column with a bound or an equality on a second is read from the count table
of the composite index the build made for the pair (``pair_table``), in two or three seeks,
when there is one; other multi-column filters count with ``count(*)``, which a composite index
covering their columns answers without reading the rows.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.store.sqlite import pair_table, quote, rank_table


@dataclass(frozen=True)
class Condition:
    """One ANDed term of a rows query's WHERE: its SQL and bound values and, when it reads one
    column with one of the rows API's operators, that column, operator and coerced value."""

    sql: str
    args: tuple[Any, ...] = ()
    column: str | None = None
    operator: str | None = None
    value: Any = None
    count_sql: str | None = None  # counts the rows of this term alone, cheaper than count(*)
    # As ``sql``, for a page in rowid order with no other term: two more values, the rowid to
    # start after and the page's length, so only the page's rows are listed.
    page_sql: str | None = None


def where_sql(conditions: Sequence[Condition]) -> tuple[str, list[Any]]:
    """``conditions`` ANDed: the WHERE clause's text (empty for none) and its bound values."""
    return " AND ".join(c.sql for c in conditions), [a for c in conditions for a in c.args]


LOWER = {"gt": ">", "gte": ">="}
UPPER = {"lt": ">=", "lte": ">"}  # the first value *not* in the range
_facts: dict[tuple[str, str], int | None] = {}  # (database, column) → its non-null rows
_lock = threading.Lock()


def ranked_rows(connection: sqlite3.Connection, path: Path, column: str) -> int | None:
    """The non-null rows of ``column`` when it has a rank table, else None. The files are
    immutable, so each is asked once per process."""
    key = (str(path), column)
    if key in _facts:
        return _facts[key]
    table = rank_table(column)
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (table,)).fetchone()
    nonnull = None
    if exists:
        nonnull = _one(connection, f"SELECT below + n FROM {quote(table)} "
                                   f"ORDER BY value DESC LIMIT 1", ()) or 0
    with _lock:
        if len(_facts) > 4096:
            _facts.clear()
        _facts[key] = nonnull
    return nonnull


_tables: dict[str, frozenset[str]] = {}  # database → its tables


def tables_of(connection: sqlite3.Connection, path: Path) -> frozenset[str]:
    """The names of the tables in the database at ``path``, asked once per process."""
    key = str(path)
    known = _tables.get(key)
    if known is None:
        known = frozenset(r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))
        with _lock:
            if len(_tables) > 4096:
                _tables.clear()
            _tables[key] = known
    return known


def _pair_count(connection: sqlite3.Connection, path: Path,
                clauses: Sequence[Condition]) -> int | None:
    """The count from a pair's count table: an ``exact`` on one column and, on the other,
    bounds or one ``exact``; None when the clauses are not of that kind or no table fits."""
    by_column: dict[str, list[Condition]] = {}
    for clause in clauses:
        if clause.column is None:
            return None
        by_column.setdefault(clause.column, []).append(clause)
    if len(by_column) != 2:
        return None
    tables = tables_of(connection, path)
    for first, second in (tuple(by_column), tuple(by_column)[::-1]):
        head, rest = by_column[first], by_column[second]
        table = pair_table(first, second)
        if len(head) != 1 or head[0].operator != "exact" or table not in tables:
            continue
        value, name = head[0].value, quote(table)
        operators = {c.operator for c in rest}
        if len(rest) == 1 and rest[0].operator == "exact":
            return _one(connection, f"SELECT n FROM {name} WHERE first = ? AND second = ?",
                        (value, rest[0].value)) or 0
        if not operators <= LOWER.keys() | UPPER.keys():
            continue
        group = _one(connection, f"SELECT below + n FROM {name} WHERE first = ? "
                                 f"ORDER BY second DESC LIMIT 1", (value,)) or 0
        start, end = 0, group
        for clause in rest:
            comparison = LOWER.get(str(clause.operator)) or UPPER[str(clause.operator)]
            below = _one(connection, f"SELECT below FROM {name} WHERE first = ? AND "
                                     f"second {comparison} ? ORDER BY second LIMIT 1",
                         (value, clause.value))
            position = group if below is None else below
            if clause.operator in LOWER:
                start = max(start, position)
            else:
                end = min(end, position)
        return max(0, end - start)
    return None


def count_rows(connection: sqlite3.Connection, path: Path, clauses: Sequence[Condition]) -> int:
    """Rows matching ``clauses``, ANDed."""
    paired = _pair_count(connection, path, clauses)
    if paired is not None:
        return paired
    if len(clauses) == 1 and clauses[0].count_sql is not None:
        return int(connection.execute(clauses[0].count_sql, clauses[0].args).fetchone()[0])
    columns = {c.column for c in clauses}
    if len(columns) == 1:
        column = next(iter(columns))
        nonnull = ranked_rows(connection, path, column) if column is not None else None
        if column is not None and nonnull is not None:
            total = _ranked_count(connection, column, nonnull, clauses)
            if total is not None:
                return total
    if not clauses:
        sql, values = "SELECT count(*) FROM rows", ()
    else:
        where, args = where_sql(clauses)
        sql, values = f"SELECT count(*) FROM rows WHERE {where}", tuple(args)
    return int(connection.execute(sql, values).fetchone()[0])


def _ranked_count(connection: sqlite3.Connection, column: str, nonnull: int,
                  clauses: Sequence[Condition]) -> int | None:
    """The count from the rank table, or None when the clauses are not of a kind it answers."""
    table = quote(rank_table(column))
    operators = {c.operator for c in clauses}
    if operators <= LOWER.keys() | UPPER.keys():
        # Values sort as positions 0..nonnull-1; the range is [start, end).
        start, end = 0, nonnull
        for clause in clauses:
            if clause.operator in LOWER:
                start = max(start, _position(connection, table, LOWER[clause.operator],
                                             clause.value, nonnull))
            else:
                end = min(end, _position(connection, table, UPPER[str(clause.operator)],
                                         clause.value, nonnull))
        return max(0, end - start)
    if len(clauses) != 1:
        return None
    operator, value = clauses[0].operator, clauses[0].value
    if operator == "isnull":
        rows = _one(connection, "SELECT count(*) FROM rows", ()) or 0
        return rows - nonnull if value else nonnull
    if operator in ("exact", "not"):
        equal = _equal(connection, table, value)
        return equal if operator == "exact" else nonnull - equal
    if operator == "in":
        # Distinct values only: IN matches a row once however often its value is listed.
        return sum(_equal(connection, table, v) for v in _distinct(value))
    return None


def _position(connection: sqlite3.Connection, table: str, comparison: str, value: Any,
              nonnull: int) -> int:
    """How many non-null values sort before the first one with ``value {comparison} ?``."""
    below = _one(connection, f"SELECT below FROM {table} WHERE value {comparison} ? "
                             f"ORDER BY value LIMIT 1", (value,))
    return nonnull if below is None else below


def _equal(connection: sqlite3.Connection, table: str, value: Any) -> int:
    return _one(connection, f"SELECT n FROM {table} WHERE value = ?", (value,)) or 0


def _distinct(values: list[Any]) -> list[Any]:
    kept: list[Any] = []
    for value in values:
        if not any(type(value) is type(k) and value == k for k in kept):
            kept.append(value)
    return kept


def _one(connection: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> int | None:
    row = connection.execute(sql, args).fetchone()
    return None if row is None else int(row[0])

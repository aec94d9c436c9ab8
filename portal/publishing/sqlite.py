"""The row database of a resource: typed columns, row order kept in rowid, an index per column,
and a rank table per column for exact counts.

The rows API filters and sorts on any column and pages by keyset on (column, rowid), so every
column gets an index; an index of a rowid table ends in the rowid, so (column) orders entries
by (column, rowid) already.

SQLite counts the rows of a range by walking the index, which costs as much as the range is
long (0.6 ms for 90,000 rows, ten times the page query). The rank table of a column holds each
distinct value once with ``below`` (how many non-null values sort before it) and ``n`` (how
many rows hold it), so a count filtered on that one column is one or two primary-key seeks
(portal/query/totals.py). It is declared with the column's type, so a bound value compares
against it as it does against the column.

A large table also gets a few covering indexes for its charts (``chart_indexes``).
Composite indexes come on top, as portal/publishing/indexes.py plans them within the size
budget; a two-column one with few distinct pairs gets a count table too (``pair_table``: each
distinct pair with ``below``, the rows of the same first value sorting before it, and ``n``),
so a count filtered on an equality and a second column is two primary-key seeks.
``write_sqlite`` returns what was built and why, with measured sizes, for the manifest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from portal.publishing.indexes import Planned, Wanted, plan_indexes
from portal.publishing.normalize import Column
from portal.publishing.search import write_search
from portal.store.sqlite import composite_index, pair_table, rank_table

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "year": "INTEGER"}
# Charts' covering indexes (``chart_indexes``): for tables of at least this many rows, over at
# most CHART_DIMENSIONS columns of at most CHART_DIMENSION_VALUES values each (at most 6
# indexes, one per pair), holding the first CHART_NUMBERS numeric columns.
CHART_INDEX_ROWS = 200_000
CHART_DIMENSIONS = 4
CHART_DIMENSION_VALUES = 50
CHART_NUMBERS = 8


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def object_bytes(connection: sqlite3.Connection, name: str) -> int | None:
    """Bytes of the table or index ``name`` in the file (None where SQLite lacks dbstat)."""
    try:
        row = connection.execute("SELECT sum(pgsize) FROM dbstat WHERE name = ?",
                                 (name,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0] or 0)


def _write_composite(connection: sqlite3.Connection, planned: Planned,
                     types: dict[str, str]) -> dict[str, Any]:
    name = composite_index(planned.columns)
    connection.execute(f"CREATE INDEX {quote_identifier(name)} ON rows "
                       f"({', '.join(quote_identifier(c) for c in planned.columns)})")
    built: dict[str, Any] = {"columns": list(planned.columns), "reason": planned.reason,
                             "name": name, "bytes": object_bytes(connection, name)}
    if planned.counted:
        first, second = planned.columns
        table = quote_identifier(pair_table(first, second))
        a, b = quote_identifier(first), quote_identifier(second)
        connection.execute(
            f"CREATE TABLE {table} (first {SQL_TYPES.get(types[first], 'TEXT')} NOT NULL, "
            f"second {SQL_TYPES.get(types[second], 'TEXT')} NOT NULL, below INTEGER NOT NULL, "
            f"n INTEGER NOT NULL, PRIMARY KEY (first, second)) WITHOUT ROWID")
        connection.execute(
            f"INSERT INTO {table} SELECT {a}, {b}, coalesce(sum(count(*)) OVER (PARTITION BY "
            f"{a} ORDER BY {b} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0), "
            f"count(*) FROM rows WHERE {a} IS NOT NULL AND {b} IS NOT NULL "
            f"GROUP BY {a}, {b} ORDER BY {a}, {b}")
        built["count_table_bytes"] = object_bytes(connection, pair_table(first, second))
    return built


def write_sqlite(path: Path, columns: Sequence[Column], wanted: Sequence[Wanted] = (),
                 budget: float = 1.0) -> dict[str, Any]:
    """Write the row database; returns its index report: the table's bytes, the budget, the
    composite indexes built (columns, reason, measured bytes) and those left out as over
    budget (with their estimated bytes), and the full-text table of ``_search``."""
    connection = sqlite3.connect(path)
    try:
        definitions = ", ".join(f"{quote_identifier(c.name)} {SQL_TYPES.get(c.type, 'TEXT')}"
                                for c in columns)
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(f"CREATE TABLE rows ({definitions})")
        marks = ", ".join("?" for _ in columns)
        rows = zip(*(c.values for c in columns), strict=True)
        connection.executemany(f"INSERT INTO rows VALUES ({marks})", rows)
        table_bytes = object_bytes(connection, "rows")
        if table_bytes is None:
            page_size = connection.execute("PRAGMA page_size").fetchone()[0]
            table_bytes = page_size * connection.execute("PRAGMA page_count").fetchone()[0]
        for index, column in enumerate(columns):
            name = quote_identifier(column.name)
            connection.execute(f"CREATE INDEX idx_{index} ON rows ({name})")
            connection.execute(
                f"CREATE TABLE {quote_identifier(rank_table(column.name))} "
                f"(value {SQL_TYPES.get(column.type, 'TEXT')} PRIMARY KEY NOT NULL, "
                f"below INTEGER NOT NULL, n INTEGER NOT NULL) WITHOUT ROWID")
            connection.execute(
                f"INSERT INTO {quote_identifier(rank_table(column.name))} "
                f"SELECT {name}, coalesce(sum(count(*)) OVER (ORDER BY {name} ROWS BETWEEN "
                f"UNBOUNDED PRECEDING AND 1 PRECEDING), 0), count(*) FROM rows "
                f"WHERE {name} IS NOT NULL GROUP BY {name} ORDER BY {name}")
        charts = chart_indexes(connection, columns)
        for number, covered in enumerate(charts):
            connection.execute(f"CREATE INDEX chart_{number} ON rows "
                               f"({', '.join(quote_identifier(n) for n in covered)})")
        chosen, over = plan_indexes(columns, wanted, table_bytes, budget)
        types = {c.name: c.type for c in columns}
        built, measured_over = _within_budget(connection, chosen, types, int(budget * table_bytes))
        search = write_search(connection, columns)
        connection.commit()
        if measured_over:
            connection.execute("VACUUM")  # the dropped index's pages
    finally:
        connection.close()
    return {"table_bytes": table_bytes, "budget": budget,
            "budget_bytes": int(budget * table_bytes), "composite": built,
            "over_budget": [{"columns": list(p.columns), "reason": p.reason,
                             "estimated_bytes": p.estimated_bytes} for p in over]
            + measured_over,
            "search": search, "chart": [list(c) for c in charts]}


def _pairs(dimensions: Sequence[str]) -> list[tuple[str, ...]]:
    """Each pair of dimensions once, oriented so that every dimension leads one of them
    (a, b, c → (a, b), (b, c), (c, a)); a lone dimension leads alone."""
    if len(dimensions) == 1:
        return [(dimensions[0],)]
    if len(dimensions) == 2:
        return [(dimensions[0], dimensions[1]), (dimensions[1], dimensions[0])]
    ring: list[tuple[str, ...]] = [(dimensions[i], dimensions[(i + 1) % len(dimensions)])
                                   for i in range(len(dimensions))]
    seen = {frozenset(p) for p in ring}
    rest = [(a, b) for i, a in enumerate(dimensions) for b in dimensions[i + 1:]
            if frozenset((a, b)) not in seen]
    return ring + rest


def chart_indexes(connection: sqlite3.Connection,
                  columns: Sequence[Column]) -> list[tuple[str, ...]]:
    """The covering indexes of a large table's charts (portal/query/aggregate.py): a chart
    groups the rows by one or two columns of few values (年度, 地区, 単位 …) and aggregates a
    number. An index that starts with those columns and holds the numbers too answers it
    reading the index in order, without the table or a sort: on 1,000,000 rows, 30–110 ms
    instead of 350–950 ms. Small tables aggregate fast without them."""
    if not columns or len(columns[0].values) < CHART_INDEX_ROWS:
        return []
    dimensions = []
    for column in columns:
        if column.type in ("string", "integer", "year", "boolean"):
            table = quote_identifier(rank_table(column.name))
            distinct = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if 1 < distinct <= CHART_DIMENSION_VALUES:
                dimensions.append(column.name)
    dimensions = dimensions[:CHART_DIMENSIONS]
    numbers = [c.name for c in columns
               if c.type in ("integer", "number") and c.name not in dimensions][:CHART_NUMBERS]
    if not dimensions or not numbers:
        return []
    return [(*pair, *(d for d in dimensions if d not in pair), *numbers)
            for pair in _pairs(dimensions)]


def _within_budget(connection: sqlite3.Connection, chosen: Sequence[Planned],
                   types: dict[str, str], limit: int) -> tuple[list[dict[str, Any]],
                                                               list[dict[str, Any]]]:
    """Build the planned indexes, measuring each: one that the estimate let through but whose
    measured bytes pass the budget is dropped again and reported over budget."""
    built: list[dict[str, Any]] = []
    over: list[dict[str, Any]] = []
    spent = 0
    for planned in chosen:
        index = _write_composite(connection, planned, types)
        size = (index["bytes"] or 0) + (index.get("count_table_bytes") or 0)
        if spent + size <= limit or index["bytes"] is None:
            built.append(index)
            spent += size
            continue
        connection.execute(f"DROP INDEX {quote_identifier(index['name'])}")
        if planned.counted:
            connection.execute(f"DROP TABLE {quote_identifier(pair_table(*planned.columns))}")
        over.append({"columns": list(planned.columns), "reason": planned.reason,
                     "estimated_bytes": planned.estimated_bytes, "measured_bytes": size})
    return built, over

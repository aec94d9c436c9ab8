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
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from portal.publishing.normalize import Column
from portal.store.sqlite import rank_table

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


def write_sqlite(path: Path, columns: Sequence[Column]) -> None:
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
        for number, covered in enumerate(chart_indexes(connection, columns)):
            connection.execute(f"CREATE INDEX chart_{number} ON rows "
                               f"({', '.join(quote_identifier(n) for n in covered)})")
        connection.commit()
    finally:
        connection.close()


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

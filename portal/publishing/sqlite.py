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
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from portal.publishing.normalize import Column
from portal.store.sqlite import rank_table

SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "year": "INTEGER"}


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
        connection.commit()
    finally:
        connection.close()

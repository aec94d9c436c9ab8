"""The row database of a resource: typed columns, row order kept in rowid, an index per column.

The rows API filters and sorts on any column and pages by keyset on (column, rowid), so every
column gets an index; an index of a rowid table ends in the rowid, so (column) orders entries
by (column, rowid) already.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from portal.build.normalize import Column

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
            connection.execute(f"CREATE INDEX idx_{index} ON rows "
                               f"({quote_identifier(column.name)})")
        connection.commit()
    finally:
        connection.close()

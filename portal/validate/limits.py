"""What the build can store: a table wider than the row database allows is refused here, so
nothing that validates fails in `portal build` (#22)."""

from __future__ import annotations

import sqlite3
from functools import cache

from portal.findings import Finding
from portal.tables.table import Table


@cache
def max_columns() -> int:
    """SQLite's column limit (SQLITE_MAX_COLUMN, 2000 unless compiled otherwise) as the
    linked library reports it."""
    connection = sqlite3.connect(":memory:")
    try:
        return int(connection.getlimit(sqlite3.SQLITE_LIMIT_COLUMN))
    finally:
        connection.close()


def too_many_columns(table: Table, schema_fields: int) -> list[Finding]:
    """One error when the file or its schema has more columns than the row database holds."""
    count = max(len(table.header), schema_fields)
    if count <= max_columns():
        return []
    return [Finding("too-many-columns", file=table.file,
                    params={"count": count, "limit": max_columns()})]

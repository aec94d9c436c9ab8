"""Read-only connections to a build's row databases.

The files are immutable once published (a new build writes a new directory), so SQLite may skip
locking and change detection: ``immutable=1`` makes every read lock-free.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection whose rows are addressable by column name."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                 check_same_thread=False)
    connection.row_factory = sqlite3.Row
    return connection


def quote(name: str) -> str:
    """A quoted SQL identifier; callers pass only names taken from the Table Schema."""
    return '"' + name.replace('"', '""') + '"'

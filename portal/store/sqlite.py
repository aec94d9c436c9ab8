"""Read-only connections to a build's row databases.

The files are immutable once published (a new build writes a new directory), so SQLite may skip
locking and change detection: ``immutable=1`` makes every read lock-free.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

# Open connections kept per thread: opening one (and warming its page cache) cost about as much
# as a page query. A path is a file inside one build's directory, which never changes, so a
# kept connection never reads stale data; a new build has new paths and the old ones age out.
POOL_SIZE = 16
_local = threading.local()
# SQLite's INTEGER is 64-bit: binding a Python int outside this range raises OverflowError.
INTEGER_MIN, INTEGER_MAX = -(2**63), 2**63 - 1


def rank_table(column: str) -> str:
    """Name of the rank table of ``column``: the build writes it (portal/publishing/sqlite.py),
    the row counts read it (portal/query/totals.py)."""
    return f"rank:{column}"


def pair_table(first: str, second: str) -> str:
    """Name of the count table of the composite index (``first``, ``second``): each distinct
    pair once, with how many rows of the same ``first`` sort before it and how many hold it."""
    return "pair:" + json.dumps([first, second], ensure_ascii=False)


def composite_index(columns: tuple[str, ...]) -> str:
    """Name of the build's composite index on ``columns`` (what ``EXPLAIN QUERY PLAN`` names)."""
    return "cidx:" + json.dumps(list(columns), ensure_ascii=False)


# The full-text index of a resource's text columns (portal/publishing/search.py writes it,
# portal/query/fulltext.py reads it) and the folded text it indexes (column ``text``): one row
# per row of ``rows``, the same rowid.
SEARCH_TABLE = "rows_search"
SEARCH_TEXT = "rows_search_text"


def fits_integer(value: int) -> bool:
    """Whether SQLite can bind ``value`` as an INTEGER (a request's number may be longer)."""
    return INTEGER_MIN <= value <= INTEGER_MAX


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection whose rows are addressable by column name."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                 check_same_thread=False)
    connection.row_factory = sqlite3.Row
    return connection


def pooled(path: Path) -> sqlite3.Connection:
    """This thread's open read-only connection to ``path`` (the least recently used of more
    than POOL_SIZE is closed). Do not close it; call ``discard`` after a database error."""
    pool: OrderedDict[str, sqlite3.Connection] = _local.__dict__.setdefault("pool", OrderedDict())
    key = str(path)
    connection = pool.pop(key, None) or connect(path)
    pool[key] = connection
    while len(pool) > POOL_SIZE:
        pool.popitem(last=False)[1].close()
    return connection


def discard(path: Path) -> None:
    pool = _local.__dict__.get("pool")
    connection = pool.pop(str(path), None) if pool is not None else None
    if connection is not None:
        connection.close()


def quote(name: str) -> str:
    """A quoted SQL identifier; callers pass only names taken from the Table Schema."""
    return '"' + name.replace('"', '""') + '"'

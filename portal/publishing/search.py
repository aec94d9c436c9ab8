"""The full-text table of a resource's row database, for the rows API's ``_search``.

``SEARCH_TEXT`` holds one row per row of ``rows`` (the same rowid): the text columns joined by
line breaks and folded (portal/store/text.py: NFKC, lowercase, hiragana → katakana).
``SEARCH_TABLE`` is an FTS5 index of it (external content: the text is stored once) with the
trigram tokenizer, so any substring of three characters or more is found through the index
whatever its width or kana; Japanese needs no word boundaries. Shorter queries, which no
trigram can hold, scan the folded text (portal/query/fulltext.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from portal.publishing.normalize import Column
from portal.store.sqlite import SEARCH_TABLE, SEARCH_TEXT, quote
from portal.store.text import fold

TEXT_TYPES = {"string"}


def write_search(connection: sqlite3.Connection, columns: Sequence[Column]) -> dict[str, Any] | None:
    """Write the full-text table of the text columns; returns its columns and bytes, or None
    when the resource has no text column."""
    texts = [c for c in columns if c.type in TEXT_TYPES]
    if not texts:
        return None
    table, text = quote(SEARCH_TABLE), quote(SEARCH_TEXT)
    connection.execute(f"CREATE TABLE {text} (text TEXT NOT NULL)")
    documents = ((rowid, fold("\n".join(v for v in values if v)))
                 for rowid, values in enumerate(zip(*(c.values for c in texts), strict=True),
                                                start=1))
    connection.executemany(f"INSERT INTO {text} (rowid, text) VALUES (?, ?)", documents)
    connection.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(text, content={text}, "
                       f"tokenize='trigram')")
    connection.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
    try:
        size = connection.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?",
                                  (SEARCH_TABLE + "%",)).fetchone()[0]
    except sqlite3.OperationalError:
        size = None
    return {"columns": [c.name for c in texts], "bytes": size}

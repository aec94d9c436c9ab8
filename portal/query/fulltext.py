"""``_search``: full-text search over a resource's text columns (the table written by
portal/publishing/search.py).

The query is folded as the indexed text was (portal/store/text.py) and split at spaces; every
term must occur. A term of three characters or more is an FTS5 phrase on the trigram index —
quoted, so ``"``, ``*``, ``NEAR``, ``AND``, ``-`` or ``:`` are text, never FTS syntax. A shorter
one (避難, 駅), which no trigram holds, is ``instr`` over the folded text: a scan of the resource's
text (11 ms for 100,000 rows of 20 characters), bounded like every query by the table's size;
its page stops at the page's last row. At most ``MAX_TERMS`` terms and ``MAX_LENGTH``
characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal.errors import PortalError
from portal.query.totals import Condition
from portal.store.sqlite import SEARCH_TABLE, SEARCH_TEXT, quote
from portal.store.text import fold

PARAMETER = "_search"
MAX_LENGTH = 100
MAX_TERMS = 5
TRIGRAM = 3


def search_terms(text: str) -> tuple[str, ...]:
    """The folded terms of a ``_search`` value; a 400 naming ``_search`` past the bounds."""
    if len(text) > MAX_LENGTH:
        raise PortalError("bad-parameter", parameter=PARAMETER, value=text[:MAX_LENGTH] + "…",
                          reason=f"at most {MAX_LENGTH} characters")
    terms = tuple(dict.fromkeys(t for t in fold(text).split() if t))
    if len(terms) > MAX_TERMS:
        raise PortalError("bad-parameter", parameter=PARAMETER, value=text,
                          reason=f"at most {MAX_TERMS} terms")
    return terms


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_conditions(query: Any, types: Mapping[str, str]) -> list[Condition]:
    """The conditions of a rows query's ``search`` (its folded terms)."""
    terms: tuple[str, ...] = query.search
    if not terms:
        return []
    table = quote(SEARCH_TABLE)
    conditions: list[Condition] = []
    long = [t for t in terms if len(t) >= TRIGRAM]
    if long:
        match = " ".join(_phrase(t) for t in long)
        conditions.append(Condition(
            f"rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)", (match,),
            count_sql=f"SELECT count(*) FROM {table} WHERE {table} MATCH ?",
            # FTS5 yields matches in rowid order and stops at the LIMIT: 1.1 ms where the
            # whole IN list of 1,400 matches took 10.7 ms (100,000 rows, a loaded machine).
            page_sql=f"rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ? "
                     f"AND rowid > ? ORDER BY rowid LIMIT ?)"))
    text = quote(SEARCH_TEXT)
    for term in terms:
        if len(term) < TRIGRAM:
            # Correlated on the rowid (the text's rowid is the row's): a page reads rows in its
            # order and stops at its last row, where an IN list would scan all the text first.
            conditions.append(Condition(
                f"(SELECT instr(text, ?) FROM {text} WHERE {text}.rowid = rows.rowid) > 0",
                (term,),
                count_sql=f"SELECT count(*) FROM {text} WHERE instr(text, ?) > 0"))
    return conditions

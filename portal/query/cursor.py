"""The ``_next`` cursor: where the next page starts, the query's total, bound to the query.

A cursor is base64url JSON ``[sort value, rowid, total, tag]``. ``total`` is the exact count
taken on the query's first page (null when the client asked ``_count=false``), so later pages
never count again. ``tag`` is a hash of the cursor's values together with the query it was
made for (the table's content hash, dataset, resource, filters, sort, page size): a cursor made
for another query, a changed table or edited by hand does not match and is a 400 naming
``_next``; a rebuild that left the table alone keeps it valid. The tag binds, it is not a
secret: it stops mistakes and stale cursors, and an edited total can only change the answer to
the edited URL.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import orjson

from portal.errors import PortalError
from portal.store.sqlite import fits_integer

PARAMETER = "_next"


def _tag(binding: str, sort_value: Any, rowid: int, total: int | None) -> str:
    text = orjson.dumps([binding, sort_value, rowid, total])
    return hashlib.blake2b(text, digest_size=9).hexdigest()


def encode_cursor(binding: str, sort_value: Any, rowid: int, total: int | None) -> str:
    raw = orjson.dumps([sort_value, rowid, total, _tag(binding, sort_value, rowid, total)])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _integer(value: object) -> bool:
    """A whole number SQLite can bind: the tag is computable from public values, so a cursor
    may carry any number its maker chose."""
    return isinstance(value, int) and not isinstance(value, bool) and fits_integer(value)


def decode_cursor(token: str, binding: str) -> tuple[tuple[Any, int], int | None]:
    """((sort value, rowid), total) of a cursor made for ``binding``; a 400 otherwise."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        value, rowid, total, tag = orjson.loads(raw)
        if not _integer(rowid):
            raise ValueError(rowid)
        if total is not None and not _integer(total):
            raise ValueError(total)
        if not isinstance(value, (str, int, float, type(None))) or (
                isinstance(value, int) and not _integer(value)):
            raise ValueError(value)
        if tag != _tag(binding, value, rowid, total):
            raise ValueError(tag)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise PortalError("bad-cursor", parameter=PARAMETER) from None
    return (value, rowid), total

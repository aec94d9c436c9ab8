"""Rows of a resource with Datasette's query conventions, as parameterised SQL.

Filters are ``col=value`` or ``col__op=value``; ``_sort``/``_sort_desc`` order; ``_size``
pages; ``_next`` is an opaque keyset cursor over (sort value, rowid), so page 900 costs what
page 1 costs; ``_col`` chooses columns; ``_facet`` counts values. Column names come only from
the Table Schema and are quoted; values are always bound parameters.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from portal.errors import PortalError
from portal.store.sqlite import discard, pooled, quote

OPERATORS = {"exact": "=", "not": "!=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=",
             "contains": "LIKE", "startswith": "LIKE", "in": "IN", "isnull": "IS NULL"}
RESERVED = {"_sort", "_sort_desc", "_size", "_next", "_col", "_facet", "_resource", "_shape",
            "_bbox"}
MAX_SIZE = 1000
DEFAULT_SIZE = 100
MAX_FACET_VALUES = 50


@dataclass(frozen=True)
class RowsQuery:
    filters: tuple[tuple[str, str, str], ...] = ()  # (column, operator, raw value)
    sort: str | None = None
    descending: bool = False
    size: int = DEFAULT_SIZE
    after: tuple[Any, int] | None = None  # keyset: (sort value, rowid)
    columns: tuple[str, ...] = ()
    facets: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowsPage:
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    next: str | None
    total: int
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


_q = quote


def encode_cursor(sort_value: Any, rowid: int) -> str:
    raw = json.dumps([sort_value, rowid], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        value, rowid = json.loads(raw)
        if not isinstance(rowid, int) or isinstance(rowid, bool):
            raise ValueError(rowid)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise PortalError("bad-cursor", parameter="_next") from None
    return value, rowid


def parse_query(params: Sequence[tuple[str, str]], schema: Mapping[str, Any],
                dataset_id: str) -> RowsQuery:
    """Query-string pairs → RowsQuery; unknown columns or operators are 400s naming them."""
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    known = ", ".join(types)

    def column(name: str, parameter: str) -> str:
        if name not in types:
            raise PortalError("unknown-column", parameter=parameter, column=name, id=dataset_id,
                              columns=known)
        return name

    filters: list[tuple[str, str, str]] = []
    sort, descending, size, after = None, False, DEFAULT_SIZE, None
    columns: list[str] = []
    facets: list[str] = []
    for key, value in params:
        if key == "_sort" or key == "_sort_desc":
            sort, descending = column(value, key), key == "_sort_desc"
        elif key == "_size":
            if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_SIZE:
                raise PortalError("bad-size", parameter="_size", value=value, limit=MAX_SIZE)
            size = int(value)
        elif key == "_next":
            after = decode_cursor(value)
        elif key == "_col":
            columns += [column(c, "_col") for c in value.split(",") if c]
        elif key == "_facet":
            facets.append(column(value, "_facet"))
        elif key in RESERVED:
            continue
        elif key.startswith("_"):
            raise PortalError("bad-parameter", parameter=key, value=value,
                              reason="unknown parameter")
        else:
            name, _, operator = key.rpartition("__") if "__" in key else (key, "", "exact")
            if operator not in OPERATORS:
                if key in types:  # a column whose name contains "__"
                    name, operator = key, "exact"
                else:
                    raise PortalError("unknown-operator", parameter=key, operator=operator,
                                      operators=", ".join(OPERATORS))
            filters.append((column(name, key), operator, value))
            _coerce(value, types[name], key, name, operator)
    return RowsQuery(tuple(filters), sort, descending, size, after, tuple(columns),
                     tuple(facets))


def _reject(value: str) -> str:
    raise ValueError(value)


def _coerce(value: str, kind: str, parameter: str, name: str, operator: str) -> Any:
    if operator == "isnull":
        if value not in ("0", "1", "true", "false"):
            raise PortalError("bad-value", parameter=parameter, value=value, column=name,
                              type="boolean (1/0)")
        return value in ("1", "true")
    if operator in ("contains", "startswith"):
        return value
    if operator == "in":
        return [_coerce(v, kind, parameter, name, "exact") for v in value.split(",")]
    try:
        if kind in ("integer", "year"):
            return int(value)
        if kind == "number":
            number = float(value)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(value)
            return number
        if kind == "boolean":
            if value.lower() not in ("true", "false", "1", "0"):
                raise ValueError(value)
            return value.lower() in ("true", "1")
        if kind == "date":
            # Stored as ISO text, so a valid ISO date compares correctly as text.
            return date.fromisoformat(value).isoformat() if len(value) == 10 else \
                _reject(value)
        if kind == "datetime":
            return datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise PortalError("bad-value", parameter=parameter, value=value, column=name,
                          type=kind) from None
    return value


def _where(query: RowsQuery, types: Mapping[str, str]) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    for name, operator, raw in query.filters:
        value = _coerce(raw, types[name], name, name, operator)
        if operator == "isnull":
            clauses.append(f"{_q(name)} IS {'' if value else 'NOT '}NULL")
        elif operator == "in":
            clauses.append(f"{_q(name)} IN ({', '.join('?' for _ in value)})")
            args += value
        elif operator in ("contains", "startswith"):
            escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%" if operator == "contains" else f"{escaped}%"
            clauses.append(f"{_q(name)} LIKE ? ESCAPE '\\'")
            args.append(pattern)
        else:
            clauses.append(f"{_q(name)} {OPERATORS[operator]} ?")
            args.append(value)
    return clauses, args


def _page_filters(query: RowsQuery) -> RowsQuery:
    """The filters of a page after a cursor, less the bounds on the sort column that the
    keyset already implies. SQLite seeks an index with one lower (or upper) bound per
    column; given both the filter's and the keyset's it takes the filter's and scans from
    there, so deep pages would cost more than the first."""
    if query.after is None or query.sort is None or query.after[0] is None:
        return query
    implied = {"lt", "lte"} if query.descending else {"gt", "gte"}
    kept = tuple(f for f in query.filters if not (f[0] == query.sort and f[1] in implied))
    return replace(query, filters=kept)


def fetch_rows(db_path: Path, schema: Mapping[str, Any], query: RowsQuery) -> RowsPage:
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    names = tuple(query.columns) or tuple(types)
    clauses, args = _where(query, types)
    connection = pooled(db_path)
    try:
        where = " AND ".join(clauses)
        total = connection.execute(
            f"SELECT count(*) FROM rows{' WHERE ' + where if where else ''}", args).fetchone()[0]
        page_clauses, page_args = _where(_page_filters(query), types)
        if query.sort is None:
            order = "rowid"
            if query.after is not None:
                page_clauses.append("rowid > ?")
                page_args.append(query.after[1])
        else:
            direction = "DESC" if query.descending else "ASC"
            column = _q(query.sort)
            # NULLs sort first in SQLite ascending; the keyset treats them as the smallest.
            order = f"{column} {direction}, rowid {direction}"
            if query.after is not None:
                value, rowid = query.after
                cmp = "<" if query.descending else ">"
                if value is None:
                    if query.descending:
                        page_clauses.append(f"({column} IS NULL AND rowid < ?)")
                    else:
                        page_clauses.append(f"(({column} IS NULL AND rowid > ?) OR "
                                            f"{column} IS NOT NULL)")
                    page_args.append(rowid)
                else:
                    # A row-value comparison lets SQLite seek in the (column, rowid) index
                    # instead of scanning, so a deep page costs what the first one does.
                    keyset = f"({column}, rowid) {cmp} (?, ?)"
                    if query.descending:  # NULLs come last when descending
                        keyset = f"({keyset} OR {column} IS NULL)"
                    page_clauses.append(keyset)
                    page_args += [value, rowid]
        page_where = " AND ".join(page_clauses)
        selected = ", ".join(_q(n) for n in names)
        # The sort value is selected under its own alias: the cursor needs it even when
        # _col leaves the sort column out.
        sort_select = f"{_q(query.sort)} AS _sortvalue, " if query.sort else ""
        cursor = connection.execute(
            f"SELECT rowid AS _rowid, {sort_select}{selected} FROM rows"
            f"{' WHERE ' + page_where if page_where else ''} ORDER BY {order} LIMIT ?",
            [*page_args, query.size + 1])
        fetched = cursor.fetchall()
        more = len(fetched) > query.size
        fetched = fetched[:query.size]
        rows = [{n: _json_value(r[n], types[n]) for n in names} for r in fetched]
        next_token = None
        if more and fetched:
            last = fetched[-1]
            sort_value = last["_sortvalue"] if query.sort else None
            next_token = encode_cursor(sort_value, int(last["_rowid"]))
        facets = {name: [{"value": _json_value(v, types[name]), "count": c}
                         for v, c in connection.execute(
                             f"SELECT {_q(name)}, count(*) AS n FROM rows"
                             f"{' WHERE ' + where if where else ''} GROUP BY {_q(name)} "
                             f"ORDER BY n DESC, {_q(name)} LIMIT ?",
                             [*args, MAX_FACET_VALUES])]
                  for name in query.facets}
    except sqlite3.Error:
        discard(db_path)
        raise
    return RowsPage(names, rows, next_token, total, facets)


def _json_value(value: Any, kind: str) -> Any:
    if kind == "boolean" and value is not None:
        return bool(value)
    return value

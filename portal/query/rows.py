"""Rows of a resource with Datasette's query conventions, as parameterised SQL.

Filters are ``col=value`` or ``col__op=value``; ``_sort``/``_sort_desc`` order; ``_size``
pages; ``_next`` is a keyset cursor over (sort value, rowid), so page 900 costs what page 1
costs, and it carries the total counted on the first page (portal/query/cursor.py), so only the
first page counts; ``_count=false`` skips the count; ``_col`` chooses columns; ``_facet`` counts
values. Column names come only from the Table Schema and are quoted; values are always bound
parameters.

The WHERE clause is the conditions of every builder in ``CONDITIONS``: add a builder (and its
parameter to ``RESERVED``) to filter on something other than column operators.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from portal.errors import PortalError
from portal.query.cursor import decode_cursor, encode_cursor
from portal.query.fulltext import PARAMETER as SEARCH
from portal.query.fulltext import search_conditions, search_terms
from portal.query.totals import Condition, count_rows, tables_of, where_sql
from portal.store.sqlite import SEARCH_TABLE, discard, fits_integer, pooled, quote

OPERATORS = {"exact": "=", "not": "!=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=",
             "contains": "LIKE", "startswith": "LIKE", "in": "IN", "isnull": "IS NULL"}
RESERVED = {"_sort", "_sort_desc", "_size", "_next", "_col", "_facet", "_resource", "_shape",
            "_count", "_bbox", SEARCH}
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
MAX_SIZE = 1000
DEFAULT_SIZE = 100
MAX_FACET_VALUES = 50
# Each facet is a GROUP BY over the matching rows (~20 ms on 100,000 rows): a request counts at
# most this many distinct columns (docs/api.md), so 150 `_facet=` cannot cost seconds.
MAX_FACETS = 5


@dataclass(frozen=True)
class RowsQuery:
    filters: tuple[tuple[str, str, str], ...] = ()  # (column, operator, raw value)
    sort: str | None = None
    descending: bool = False
    size: int = DEFAULT_SIZE
    after: tuple[Any, int] | None = None  # keyset: (sort value, rowid)
    columns: tuple[str, ...] = ()
    facets: tuple[str, ...] = ()
    count: bool = True  # _count=false: no total
    total: int | None = None  # carried by the cursor: counted on the first page
    scope: str = ""  # build, dataset and resource: what a cursor is bound to besides the query
    bind_size: bool = True  # False: a cursor holds for any page size (the page's grid)
    search: tuple[str, ...] = ()  # _search: folded terms (portal/query/fulltext.py)


@dataclass(frozen=True)
class RowsPage:
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    next: str | None
    total: int | None
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


_q = quote


def parse_query(params: Sequence[tuple[str, str]], schema: Mapping[str, Any],
                dataset_id: str, scope: str = "") -> RowsQuery:
    """Query-string pairs → RowsQuery; unknown columns or operators are 400s naming them, a
    cursor made for another query (or ``scope``) a 400 naming ``_next``."""
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    known = ", ".join(types)

    def column(name: str, parameter: str) -> str:
        if name not in types:
            raise PortalError("unknown-column", parameter=parameter, column=name, id=dataset_id,
                              columns=known)
        return name

    filters: list[tuple[str, str, str]] = []
    sort, descending, size, token, count = None, False, DEFAULT_SIZE, None, True
    columns: list[str] = []
    facets: list[str] = []
    search: tuple[str, ...] = ()
    for key, value in params:
        if key == "_sort" or key == "_sort_desc":
            sort, descending = column(value, key), key == "_sort_desc"
        elif key == "_size":
            if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_SIZE:
                raise PortalError("bad-size", parameter="_size", value=value, limit=MAX_SIZE)
            size = int(value)
        elif key == "_next":
            token = value
        elif key == "_count":
            if value.lower() not in BOOLEANS:
                raise PortalError("bad-parameter", parameter=key, value=value,
                                  reason="true | false")
            count = BOOLEANS[value.lower()]
        elif key == "_col":
            columns += [column(c, "_col") for c in value.split(",") if c]
        elif key == "_facet":
            name = column(value, "_facet")
            if name not in facets:
                facets.append(name)
        elif key == SEARCH:
            search = search_terms(value)
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
    if len(facets) > MAX_FACETS:
        raise PortalError("too-many-facets", parameter="_facet", limit=MAX_FACETS,
                          count=len(facets))
    query = RowsQuery(tuple(filters), sort, descending, size, None, tuple(columns),
                      tuple(facets), count, None, scope, search=search)
    return query if token is None else resume(query, token)


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
            whole = int(value)
            if not fits_integer(whole):  # no row can hold it, and SQLite cannot bind it
                raise ValueError(value)
            return whole
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


def column_filters(query: RowsQuery, types: Mapping[str, str]) -> list[Condition]:
    """``col__op=value`` → conditions on one column each."""
    conditions: list[Condition] = []
    for name, operator, raw in query.filters:
        value = _coerce(raw, types[name], name, name, operator)
        column = _q(name)
        args: tuple[Any, ...]
        if operator == "isnull":
            sql, args = f"{column} IS {'' if value else 'NOT '}NULL", ()
        elif operator == "in":
            sql, args = f"{column} IN ({', '.join('?' for _ in value)})", tuple(value)
        elif operator in ("contains", "startswith"):
            escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%" if operator == "contains" else f"{escaped}%"
            sql, args = f"{column} LIKE ? ESCAPE '\\'", (pattern,)
        else:
            sql, args = f"{column} {OPERATORS[operator]} ?", (value,)
        conditions.append(Condition(sql, args, name, operator, value))
    return conditions


ConditionBuilder = Callable[[RowsQuery, Mapping[str, str]], list[Condition]]
CONDITIONS: list[ConditionBuilder] = [column_filters, search_conditions]


def where(query: RowsQuery, types: Mapping[str, str]) -> list[Condition]:
    """Every builder's conditions, ANDed by the callers."""
    return [c for build in CONDITIONS for c in build(query, types)]


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


# What may change between the pages of one query; every other field binds its cursor, so a
# field added to RowsQuery (a new filter) binds it too.
UNBOUND = frozenset({"after", "columns", "facets", "count", "total"})


def binding(query: RowsQuery) -> str:
    """What a cursor is bound to: the query's scope, filters (in any order), sort and size."""
    values = {f.name: getattr(query, f.name) for f in fields(query) if f.name not in UNBOUND}
    values["filters"] = sorted(query.filters)
    if not query.bind_size:
        values["size"] = None
    return orjson.dumps(values, option=orjson.OPT_SORT_KEYS, default=repr).decode()


def scope_of(table_sha256: str, dataset_id: str, resource: str) -> str:
    """A rows query's scope: a cursor holds only for the dataset and resource it was made for,
    while their table is the same file (its SHA-256 in the manifest). A rebuild that left the
    table alone keeps every cursor of it valid; one that changed it refuses them."""
    return f"{table_sha256}/{dataset_id}/{resource}"


def cursor_at(query: RowsQuery, sort_value: Any, rowid: int, total: int | None) -> str:
    """The cursor of ``query``'s page that starts after (sort value, rowid)."""
    return encode_cursor(binding(query), sort_value, rowid, total)


def resume(query: RowsQuery, token: str) -> RowsQuery:
    """``query`` from the cursor ``token`` on: its keyset and the total it carries."""
    after, total = decode_cursor(token, binding(query))
    return replace(query, after=after, total=total)


def _rejects_null(query: RowsQuery) -> bool:
    """Whether a filter on the sort column leaves out its NULLs (every comparison does)."""
    return any(name == query.sort and (operator != "isnull" or raw in ("0", "false"))
               for name, operator, raw in query.filters)


def page_statement(query: RowsQuery, types: Mapping[str, str],
                   names: Sequence[str]) -> tuple[str, list[Any]]:
    """The SQL of a page, ``size + 1`` rows (one more tells whether a next page exists):
    rowid, sort value (NULL when unsorted), then ``names``."""
    conditions = where(_page_filters(query), types)
    if query.sort is None and len(conditions) == 1 and conditions[0].page_sql is not None:
        # One condition in rowid order that can hand over just the page's rowids (a search):
        # the page stops at its last row instead of listing every match first.
        only = conditions[0]
        conditions = [Condition(str(only.page_sql), (
            *only.args, query.after[1] if query.after is not None else 0, query.size + 1))]
    page_where, page_args = where_sql(conditions)
    page_clauses = [page_where] if page_where else []
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
                if query.descending and not _rejects_null(query):
                    # NULLs come last when descending. Only when a NULL may match: the OR
                    # makes SQLite read two index ranges and sort them in a temporary b-tree.
                    keyset = f"({keyset} OR {column} IS NULL)"
                page_clauses.append(keyset)
                page_args += [value, rowid]
    page_where = " AND ".join(page_clauses)
    selected = ", ".join(_q(n) for n in names)
    # The sort value is selected too: the cursor needs it even when _col leaves the sort
    # column out.
    return (f"SELECT rowid, {_q(query.sort) if query.sort else 'NULL'}, {selected} FROM rows"
            f"{' WHERE ' + page_where if page_where else ''} ORDER BY {order} LIMIT ?",
            [*page_args, query.size + 1])


def fetch_rows(db_path: Path, schema: Mapping[str, Any], query: RowsQuery) -> RowsPage:
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    names = tuple(query.columns) or tuple(types)
    connection = pooled(db_path)
    try:
        if query.search and SEARCH_TABLE not in tables_of(connection, db_path):
            raise PortalError("search-unavailable", parameter=SEARCH)
        total = query.total
        counted = total is None and query.count
        # Later pages carry their total: only a count or facets need the full conditions.
        conditions = where(query, types) if counted or query.facets else []
        if counted:
            total = count_rows(connection, db_path, conditions)
        sql, args = page_statement(query, types, names)
        # Plain tuples: sqlite3.Row costs more than the dicts built from them.
        cursor = connection.cursor()
        cursor.row_factory = None
        fetched = cursor.execute(sql, args).fetchall()
        more = len(fetched) > query.size
        del fetched[query.size:]
        booleans = [n for n in names if types[n] == "boolean"]
        # The statement selects rowid, the sort key, then exactly ``names``: zip needs no
        # strict check (it cost 15 µs a page of 100).
        rows = [dict(zip(names, r[2:])) for r in fetched]  # noqa: B905
        for row in rows if booleans else ():
            for name in booleans:
                if row[name] is not None:
                    row[name] = bool(row[name])
        next_token = None
        if more and fetched:
            next_token = cursor_at(query, fetched[-1][1], int(fetched[-1][0]), total)
        facets: dict[str, list[dict[str, Any]]] = {}
        if query.facets:
            filtered, args = where_sql(conditions)
            facets = {name: [{"value": _json_value(v, types[name]), "count": c}
                             for v, c in connection.execute(
                                 f"SELECT {_q(name)}, count(*) AS n FROM rows"
                                 f"{' WHERE ' + filtered if filtered else ''} "
                                 f"GROUP BY {_q(name)} ORDER BY n DESC, {_q(name)} LIMIT ?",
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


def filter_value(value: str, kind: str, parameter: str, column: str) -> Any:
    """A filter's text as the column's ``kind`` (a 400 naming ``parameter`` when it is not
    one): the rows API's typing, for other ways of asking for rows (CKAN's datastore)."""
    return _coerce(value, kind, parameter, column, "exact")

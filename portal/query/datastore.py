"""CKAN's ``datastore_search`` over a table's SQLite file: the rows of a resource as CKAN
clients ask for them (ckanapi, BODIK's API, R's ckanr, the CKAN Data Explorer).

CKAN's parameters, read strictly: ``filters`` (a value or a list of values per field),
``q`` (text anywhere in the row, or per field), ``distinct``, ``fields``, ``sort``
(``"field desc, other"``), ``limit``/``offset``, ``include_total`` and ``records_format``
(``objects``, ``lists``, ``csv``). Column names come only from the Table Schema and are
quoted; values are bound parameters, typed as the rows API types them
(``portal.query.rows.filter_value``). ``datastore_search_sql`` is not offered: arbitrary SQL
is what the bounds of the rows API exist to prevent.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.client_json import read_json
from portal.errors import PortalError
from portal.query.rows import filter_value
from portal.store.sqlite import discard, pooled, quote

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000  # larger limits are capped, as CKAN caps at ckan.datastore.search.rows_max
MAX_OFFSET = 10**9
FORMATS = ("objects", "lists", "csv")
# Table Schema types → the datastore's (PostgreSQL's) type names, which clients read.
TYPES = {"integer": "int", "year": "int", "number": "numeric", "boolean": "bool",
         "date": "date", "datetime": "timestamp"}
ROW_ID = "_id"


@dataclass(frozen=True)
class DatastoreQuery:
    filters: tuple[tuple[str, tuple[Any, ...]], ...] = ()  # field → accepted values
    words: tuple[str, ...] = ()  # each somewhere in the row's text
    field_words: tuple[tuple[str, str], ...] = ()  # (field, text in it)
    fields: tuple[str, ...] = ()
    sort: tuple[tuple[str, bool], ...] = ()  # (field, descending)
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    include_total: bool = True
    distinct: bool = False
    records_format: str = "objects"


def _invalid(parameter: str, value: object, reason: str) -> PortalError:
    return PortalError("bad-parameter", parameter=parameter, value=value, reason=reason)


def _json(parameter: str, value: Any) -> Any:
    """A parameter CKAN takes as JSON: given as JSON text in a query string, or already
    decoded in a POSTed body."""
    if not isinstance(value, str):
        return value
    try:
        return read_json(value)  # strict: 1,200 nested [ were a RecursionError's 500
    except ValueError:
        return value


def _bool(params: Mapping[str, Any], name: str, default: bool) -> bool:
    value = params.get(name, default)
    if isinstance(value, bool):
        return value
    text = str(value).lower()
    if text not in ("true", "false", "1", "0"):
        raise _invalid(name, value, "true | false")
    return text in ("true", "1")


def _int(params: Mapping[str, Any], name: str, default: int, high: int) -> int:
    value = params.get(name, default)
    if isinstance(value, bool) or not (isinstance(value, int) or (
            isinstance(value, str) and value.isascii() and value.isdigit())):
        raise _invalid(name, value, "a whole number from 0")
    number = int(value)
    if not 0 <= number <= high:
        raise _invalid(name, value, f"0–{high}")
    return number


def _names(parameter: str, value: Any) -> list[str]:
    """A list of field names, given as a JSON list or as comma-separated text."""
    value = _json(parameter, value)
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise _invalid(parameter, value, "a list of field names")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise TypeError(value)


def parse_datastore(params: Mapping[str, Any], schema: Mapping[str, Any]) -> DatastoreQuery:
    """CKAN's parameters → a query; an unknown field or a value of the wrong type is an error
    naming the parameter (CKAN's 409)."""
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    known = ", ".join([ROW_ID, *types])

    def field(name: str, parameter: str) -> str:
        if name != ROW_ID and name not in types:
            raise _invalid(parameter, name, f"fields: {known}")
        return name

    filters: list[tuple[str, tuple[Any, ...]]] = []
    raw_filters = _json("filters", params.get("filters") or {})
    if not isinstance(raw_filters, dict):
        raise _invalid("filters", raw_filters, 'a JSON object such as {"field": "value"}')
    for name, wanted in raw_filters.items():
        field(name, "filters")
        values = wanted if isinstance(wanted, list) else [wanted]
        try:
            texts = [_text(v) for v in values]
        except TypeError:
            raise _invalid("filters", wanted, "a value or a list of values") from None
        kind = "integer" if name == ROW_ID else types[name]
        filters.append((name, tuple(filter_value(t, kind, "filters", name) for t in texts)))
    words: tuple[str, ...] = ()
    field_words: list[tuple[str, str]] = []
    q = _json("q", params.get("q") or "")
    if isinstance(q, dict):
        for name, text in q.items():
            if not isinstance(text, str):
                raise _invalid("q", q, "text per field")
            field_words.append((field(name, "q"), text))
    elif isinstance(q, (str, int, float)):
        words = tuple(str(q).split())
    else:
        raise _invalid("q", q, "text, or a JSON object of text per field")
    sort: list[tuple[str, bool]] = []
    for part in str(params.get("sort") or "").split(","):
        pieces = part.split()
        if not pieces:
            continue
        if len(pieces) > 2 or (len(pieces) == 2 and pieces[1].lower() not in ("asc", "desc")):
            raise _invalid("sort", params.get("sort"), '"field", "field desc", comma-separated')
        sort.append((field(pieces[0], "sort"), len(pieces) == 2 and pieces[1].lower() == "desc"))
    records_format = str(params.get("records_format") or "objects")
    if records_format not in FORMATS:
        raise _invalid("records_format", records_format, " | ".join(FORMATS))
    fields = [field(n, "fields") for n in _names("fields", params.get("fields") or [])]
    return DatastoreQuery(
        tuple(filters), words, tuple(field_words), tuple(fields), tuple(sort),
        min(_int(params, "limit", DEFAULT_LIMIT, 10**9), MAX_LIMIT),
        _int(params, "offset", 0, MAX_OFFSET), _bool(params, "include_total", True),
        _bool(params, "distinct", False), records_format)


def _where(query: DatastoreQuery, text_columns: list[str]) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    for name, values in query.filters:
        column = "rowid" if name == ROW_ID else quote(name)
        clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
        args += values

    def like(text: str) -> str:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        args.append(f"%{escaped}%")
        return "LIKE ? ESCAPE '\\'"

    for word in query.words:
        if not text_columns:
            clauses.append("0")
            continue
        clauses.append("(" + " OR ".join(f"CAST({quote(c)} AS TEXT) {like(word)}"
                                         for c in text_columns) + ")")
    for name, text in query.field_words:
        clauses.append(f"CAST({quote(name)} AS TEXT) {like(text)}")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def search_datastore(db_path: Path, schema: Mapping[str, Any],
                     query: DatastoreQuery) -> dict[str, Any]:
    """``fields`` (with their datastore types), ``records`` in the asked format and, unless
    ``include_total`` is false, ``total``."""
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    names = list(query.fields) or ([] if query.distinct else [ROW_ID]) + list(types)
    where, args = _where(query, list(types))
    selected = ", ".join("rowid AS _id" if n == ROW_ID else quote(n) for n in names)
    order = ", ".join(f"{'rowid' if n == ROW_ID else quote(n)} {'DESC' if d else 'ASC'}"
                      for n, d in query.sort) or ("" if query.distinct else "rowid")
    sql = (f"SELECT {'DISTINCT ' if query.distinct else ''}{selected} FROM rows{where}"
           f"{' ORDER BY ' + order if order else ''} LIMIT ? OFFSET ?")
    connection = pooled(db_path)
    try:
        rows = [tuple(r) for r in connection.execute(sql, [*args, query.limit, query.offset])]
        total = connection.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT {selected} FROM rows{where})"
            if query.distinct else f"SELECT count(*) FROM rows{where}", args).fetchone()[0] \
            if query.include_total else None
    except sqlite3.Error:
        discard(db_path)
        raise
    booleans = [i for i, n in enumerate(names) if types.get(n) == "boolean"]
    if booleans:
        rows = [tuple(bool(v) if i in booleans and v is not None else v
                      for i, v in enumerate(r)) for r in rows]
    result: dict[str, Any] = {
        "fields": [{"id": n, "type": "int" if n == ROW_ID else TYPES.get(types[n], "text")}
                   for n in names]}
    if query.records_format == "objects":
        result["records"] = [dict(zip(names, r, strict=True)) for r in rows]
    elif query.records_format == "lists":
        result["records"] = [list(r) for r in rows]
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        result["records"] = buffer.getvalue()
    if total is not None:
        result["total"] = total
    return result

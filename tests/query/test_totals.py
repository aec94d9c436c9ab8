"""Exact totals from the rank tables equal count(*); the bench's query shape seeks indexes.

The databases here are generated (``generated-…`` rows written by ``write_sqlite``)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from portal.publishing.normalize import Column
from portal.publishing.sqlite import write_sqlite
from portal.query.rows import fetch_rows, page_statement, parse_query
from portal.store.sqlite import discard, pooled

SCHEMA = {"fields": [{"name": "id", "type": "integer"}, {"name": "area", "type": "string"},
                     {"name": "value", "type": "integer"}, {"name": "ratio", "type": "number"},
                     {"name": "open", "type": "boolean"}]}
TYPES = {f["name"]: f["type"] for f in SCHEMA["fields"]}


def _column(name: str, values: list[object]) -> Column:
    return Column(name, TYPES[name], values, ["" if v is None else str(v) for v in values])


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5,000 generated rows: repeated values, NULLs in every column but id."""
    rng = random.Random(5)
    n = 5_000
    columns = [
        _column("id", list(range(n))),
        _column("area", [None if i % 17 == 0 else "ABCDE"[rng.randrange(5)] for i in range(n)]),
        _column("value", [None if i % 13 == 0 else rng.randrange(1_000) for i in range(n)]),
        _column("ratio", [None if i % 11 == 0 else rng.randrange(100) / 8 for i in range(n)]),
        _column("open", [None if i % 7 == 0 else rng.random() < 0.3 for i in range(n)]),
    ]
    path = tmp_path_factory.mktemp("totals") / "generated-rows.sqlite"
    write_sqlite(path, columns)
    return path


QUERIES = [
    "", "value__gte=500", "value__gt=500", "value__lt=500", "value__lte=500", "value=42",
    "value__not=42", "value__in=1,2,3,2", "value__gte=-5", "value__gte=5000", "value__lt=0",
    "value__gte=100&value__lt=200", "value__gt=300&value__lte=250", "value__gte=10&value__gte=20",
    "value__isnull=1", "value__isnull=0", "area=C", "area__not=C", "area__gte=B",
    "area__in=A,E", "area__lt=0", "ratio__gte=3.5", "ratio__lt=1.125", "ratio=2.5",
    "open=true", "open=0", "open__isnull=1", "id__gte=4990", "value=42&value__gte=10",
    # Not answered from a rank table: counted with count(*).
    "area=B&value__gte=500", "area__startswith=A", "area__contains=D",
]


@pytest.mark.parametrize("query", QUERIES)
def test_total_is_the_exact_count(database: Path, query: str) -> None:
    rows_query = parse_query([tuple(p.split("=", 1)) for p in query.split("&") if p],  # type: ignore[misc]
                             SCHEMA, "generated-rows")
    conditions = [c for c in rows_query.filters]
    page = fetch_rows(database, SCHEMA, rows_query)
    where, args = _sql(rows_query)
    with sqlite3.connect(database) as db:
        expected = db.execute(f"SELECT count(*) FROM rows {where}", args).fetchone()[0]
    assert page.total == expected, (query, conditions)


def _sql(query: object) -> tuple[str, list[object]]:
    from portal.query.rows import where

    conditions = where(query, TYPES)  # type: ignore[arg-type]
    return (("WHERE " + " AND ".join(c.sql for c in conditions)) if conditions else "",
            [a for c in conditions for a in c.args])


def test_a_one_column_range_is_counted_by_seeks_not_by_count(database: Path) -> None:
    connection = pooled(database)
    executed: list[str] = []
    connection.set_trace_callback(executed.append)
    try:
        query = parse_query([("value__gte", "100"), ("_sort", "value")], SCHEMA, "generated-rows")
        fetch_rows(database, SCHEMA, query)
    finally:
        connection.set_trace_callback(None)
        discard(database)
    assert not [s for s in executed if "count(" in s]
    # One seek for the range's start (the column's non-null count is read once per process).
    seeks = [s for s in executed if 'FROM "rank:value" WHERE' in s]
    assert len(seeks) == 1
    assert _plans(database, [(seeks[0], [])]) == [
        "SEARCH rank:value USING PRIMARY KEY (value>?)"]


def _plans(database: Path, statements: list[tuple[str, list[object]]]) -> list[str]:
    with sqlite3.connect(database) as db:
        return [row[3] for sql, args in statements
                for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", args)]


@pytest.mark.parametrize("pairs", [
    [("value__gte", "100"), ("_sort", "value"), ("_size", "100")],  # the bench's query
    [("value__gte", "100"), ("_sort_desc", "value"), ("_size", "100")],
    [("value__gte", "100"), ("value__lt", "900"), ("_sort", "value"), ("_size", "100")],
])
def test_a_filtered_sorted_page_seeks_the_sort_columns_index(database: Path,
                                                               pairs: list[tuple[str, str]]) -> None:
    query = parse_query(pairs, SCHEMA, "generated-rows")
    names = [f["name"] for f in SCHEMA["fields"]]
    first = page_statement(query, TYPES, names)
    token = fetch_rows(database, SCHEMA, query).next
    assert token is not None
    deep = page_statement(parse_query([*pairs, ("_next", token)], SCHEMA, "generated-rows"),
                          TYPES, names)
    for plan in (_plans(database, [first]), _plans(database, [deep])):
        assert len(plan) == 1 and plan[0].startswith("SEARCH rows USING INDEX idx_2 (value"), \
            plan  # no full scan, no temporary b-tree for the ORDER BY

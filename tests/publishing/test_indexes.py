"""Composite indexes: declared in the schema, suggested by the table's shape, advised from the
access logs; built within the size budget, used by the rows query (``EXPLAIN QUERY PLAN``),
and counted from their pair tables. The tables here are generated."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from portal.cli import main
from portal.publishing.indexes import plan_indexes, shape_indexes, wanted_indexes
from portal.publishing.normalize import Column
from portal.publishing.sqlite import write_sqlite
from portal.query.rows import fetch_rows, page_statement, parse_query, where
from portal.store.sqlite import composite_index, pair_table, quote

FIELDS = {"id": "integer", "town": "string", "kind": "string", "value": "integer",
          "grade": "number", "day": "date", "note": "string"}
SCHEMA = {"fields": [{"name": n, "type": t} for n, t in FIELDS.items()]}


def _columns(n: int = 3_000, seed: int = 4) -> list[Column]:
    rng = random.Random(seed)
    values: dict[str, list[object]] = {
        "id": list(range(n)),
        "town": [None if i % 19 == 0 else f"町{rng.randrange(12):02d}" for i in range(n)],
        "kind": [f"種別{rng.randrange(4)}" for _ in range(n)],
        "value": [None if i % 23 == 0 else rng.randrange(5_000) for i in range(n)],
        "grade": [None if i % 29 == 0 else rng.randrange(10) / 2 for i in range(n)],
        "day": [f"2024-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}" for _ in range(n)],
        "note": [f"備考{i}" for i in range(n)],
    }
    return [Column(name, FIELDS[name], v, ["" if x is None else str(x) for x in v])
            for name, v in values.items()]


def _plan(path: Path, query: str) -> str:
    rows_query = parse_query([tuple(p.split("=", 1)) for p in query.split("&")],  # type: ignore[misc]
                             SCHEMA, "generated-rows")
    sql, args = page_statement(rows_query, FIELDS, tuple(FIELDS))
    with sqlite3.connect(path) as db:
        return " | ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", args))


def test_shape_pairs_each_low_cardinality_text_column_with_each_ordered_column() -> None:
    # Not with id: it rises with the rows, so the grouping's own index orders by it already.
    assert shape_indexes(_columns()) == [
        ("kind", "value"), ("kind", "grade"), ("kind", "day"),
        ("town", "value"), ("town", "grade"), ("town", "day")]


def test_a_declared_index_is_built_reported_and_used_by_equality_range_and_sort(
        tmp_path: Path) -> None:
    columns = _columns()
    schema = {**SCHEMA, "x-indexes": [["town", "value"]]}
    path = tmp_path / "generated-rows.sqlite"
    report = write_sqlite(path, columns, wanted_indexes(columns, schema, []), budget=1.0)
    first = report["composite"][0]
    assert (first["columns"], first["reason"], first["name"]) == (
        ["town", "value"], "schema", composite_index(("town", "value")))
    # Nearly a pair per row: the covering index counts, no count table is written.
    assert first["bytes"] > 0 and "count_table_bytes" not in first
    spent = sum(i["bytes"] + i.get("count_table_bytes", 0) for i in report["composite"])
    assert spent <= report["budget_bytes"] == report["table_bytes"]
    plan = _plan(path, "town__exact=町03&value__gte=2000&_sort_desc=value&_size=100")
    assert plan == f'SEARCH rows USING INDEX {composite_index(("town", "value"))} (town=? AND value>?)'
    assert "TEMP B-TREE" not in plan


def test_a_table_over_budget_gets_no_composite_index_and_answers_the_same(
        tmp_path: Path) -> None:
    columns = _columns()
    schema = {**SCHEMA, "x-indexes": [["town", "value"]]}
    small, large = tmp_path / "small.sqlite", tmp_path / "large.sqlite"
    report = write_sqlite(small, columns, wanted_indexes(columns, schema, []), budget=0.05)
    assert report["composite"] == []
    assert [(i["columns"], i["reason"]) for i in report["over_budget"]][:2] == [
        (["town", "value"], "schema"), (["kind", "value"], "shape")]
    write_sqlite(large, columns, wanted_indexes(columns, schema, []), budget=1.0)
    with sqlite3.connect(small) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master")]
    assert not any(n.startswith(("cidx:", "pair:")) for n in names)
    query = "town__exact=町03&value__gte=2000&_sort_desc=value&_size=20"
    assert "USE TEMP B-TREE FOR ORDER BY" in _plan(small, query)
    rows_query = parse_query([tuple(p.split("=", 1)) for p in query.split("&")],  # type: ignore[misc]
                             SCHEMA, "generated-rows")
    a, b = fetch_rows(small, SCHEMA, rows_query), fetch_rows(large, SCHEMA, rows_query)
    assert a.rows == b.rows and a.total == b.total and len(a.rows) == 20
    with sqlite3.connect(small) as db:
        expected = db.execute("SELECT id FROM rows WHERE town = '町03' AND value >= 2000 "
                              "ORDER BY value DESC, rowid DESC LIMIT 20").fetchall()
        count = db.execute("SELECT count(*) FROM rows WHERE town = '町03' AND value >= 2000"
                           ).fetchone()[0]
    assert [r["id"] for r in a.rows] == [e[0] for e in expected] and a.total == count


def test_the_budget_takes_schema_then_advice_then_shape() -> None:
    columns = _columns()
    wanted = wanted_indexes(columns, {**SCHEMA, "x-indexes": [["day", "town"]]},
                            [("kind", "town", "value"), ("town", "value")])
    chosen, over = plan_indexes(columns, wanted, table_bytes=10**9, budget=1.0)
    assert [(p.columns, p.reason) for p in chosen][:4] == [
        (("day", "town"), "schema"), (("kind", "town", "value"), "advice"),
        (("town", "value"), "advice"), (("kind", "value"), "shape")]
    assert over == []
    # Advice naming a column the table lacks is no index.
    chosen, _ = plan_indexes(columns, wanted_indexes(columns, SCHEMA, [("town", "gone")]),
                             10**9, 1.0)
    assert ("town", "gone") not in [p.columns for p in chosen]


PAIR_QUERIES = [
    "town=町03&value__gte=2000", "town=町03&value__lt=100", "town=町03&value=42",
    "value=42&town=町03", "town=町03&value__gte=100&value__lt=900", "town=町99&value__gte=1",
    "town=町03&value__gt=4999", "kind=種別1&town=町05", "town=町05&kind=種別1",
    "town=町03&day__gte=2024-06-01", "town=町03&value__isnull=1",
    "town=町03&kind=種別1&value__gte=10", "town__in=町01,町02&value__gte=10",
    "town=町03&grade__gte=2", "town=町03&grade__gt=2&grade__lte=4", "town=町03&grade=1.5",
    "grade=1.5&town=町07", "town=町03&grade__lt=0", "town=町03&grade__gte=99",
]


@pytest.mark.parametrize("query", PAIR_QUERIES)
def test_totals_of_two_column_filters_equal_count_star(tmp_path: Path, query: str) -> None:
    columns = _columns()
    path = tmp_path / "generated-rows.sqlite"
    report = write_sqlite(path, columns, wanted_indexes(columns, {**SCHEMA, "x-indexes": [
        ["town", "value"], ["town", "kind"], ["town", "grade"]]}, []), budget=3.0)
    assert [("count_table_bytes" in i) for i in report["composite"][:3]] == [False, True, True]
    rows_query = parse_query([tuple(p.split("=", 1)) for p in query.split("&")],  # type: ignore[misc]
                             SCHEMA, "generated-rows")
    conditions = where(rows_query, FIELDS)
    with sqlite3.connect(path) as db:
        expected = db.execute("SELECT count(*) FROM rows WHERE "
                              + " AND ".join(c.sql for c in conditions),
                              [a for c in conditions for a in c.args]).fetchone()[0]
    assert fetch_rows(path, SCHEMA, rows_query).total == expected


def test_an_equality_and_a_range_are_counted_from_the_pair_table(tmp_path: Path) -> None:
    columns = _columns()
    path = tmp_path / "generated-rows.sqlite"
    write_sqlite(path, columns, wanted_indexes(columns, {**SCHEMA, "x-indexes": [
        ["town", "grade"]]}, []), budget=1.0)
    from portal.store.sqlite import pooled

    connection = pooled(path)
    executed: list[str] = []
    connection.set_trace_callback(executed.append)
    try:
        page = fetch_rows(path, SCHEMA, parse_query([("town", "町03"), ("grade__gte", "2")],
                                                    SCHEMA, "generated-rows"))
    finally:
        connection.set_trace_callback(None)
    counts = [s for s in executed if "count(" in s]
    assert counts == [] and any(quote(pair_table("town", "grade")) in s for s in executed)
    with sqlite3.connect(path) as db:
        assert page.total == db.execute("SELECT count(*) FROM rows WHERE town = '町03' AND "
                                        "grade >= 2").fetchone()[0]


CATALOG = """  - id: generated-rows
    title: {ja: 生成された行, en: Generated rows}
    description: {ja: 生成データ, en: Generated}
    publisher: digital-policy
    category: administration
    license: CC-BY-4.0
    issued: 2024-04-01
    modified: 2024-04-01
    frequency: irregular
    source: {title: {ja: 生成, en: Generated}, license: CC0}
    resources:
      - name: rows
        path: datasets/generated-rows/rows.csv
        format: csv
        schema: datasets/generated-rows/rows.schema.json
"""
LOG = ('127.0.0.1 - - [01/Dec/2026:10:00:{s:02d} +0900] "GET /api/v1/datasets/generated-rows/'
       'rows?{q} HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n')


def test_an_index_advised_from_an_access_log_is_built_and_used(tmp_path: Path) -> None:
    from tests.conftest import empty_catalog_at

    catalog = empty_catalog_at(tmp_path / "city")
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("datasets: []\n",
                                                                   "datasets:\n" + CATALOG),
                       encoding="utf-8")
    folder = tmp_path / "city/datasets/generated-rows"
    folder.mkdir(parents=True)
    # Few rows, so the table's shape suggests nothing: only the advice makes the index.
    (folder / "rows.schema.json").write_text(json.dumps({"fields": [
        {"name": "id", "type": "integer"}, {"name": "kind", "type": "string"},
        {"name": "value", "type": "integer"}]}), encoding="utf-8")
    (folder / "rows.csv").write_text("id,kind,value\n" + "".join(
        f"{i},{'ABC'[i % 3]},{i * 7 % 11}\n" for i in range(12)), encoding="utf-8")
    log = tmp_path / "access.log"
    log.write_text("".join(LOG.format(s=s, q=q) for s, q in enumerate([
        "kind=A&value__gte=3&_sort=value", "value__gte=5&kind=B&_sort=value",
        "kind=C&_sort=value", "value__gte=1",  # one column: its own index serves it
        "id__lt=4&kind=A",  # asked once: no pattern
    ])), encoding="utf-8")
    advice = tmp_path / "advice.json"
    assert main(["usage", str(log), "--advise-indexes", str(advice)]) == 0
    document = json.loads(advice.read_text(encoding="utf-8"))
    assert document["datasets"] == {"generated-rows": {"": [
        {"columns": ["kind", "value"], "requests": 3}]}}
    out = tmp_path / "build"
    assert main(["build", "--catalog", str(catalog), "--out", str(out),
                 "--index-advice", str(advice)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(d for d in manifest["datasets"] if d["id"] == "generated-rows")
    indexes = entry["resources"][0]["indexes"]
    assert [(i["columns"], i["reason"]) for i in indexes["composite"]] == [
        (["kind", "value"], "advice")]
    database = out / "datasets/generated-rows/rows.sqlite"
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "kind", "type": "string"},
                         {"name": "value", "type": "integer"}]}
    sql, args = page_statement(parse_query([("kind", "A"), ("value__gte", "3"),
                                            ("_sort", "value")], schema, "generated-rows"),
                               {"id": "integer", "kind": "string", "value": "integer"},
                               ("id", "kind", "value"))
    with sqlite3.connect(database) as db:
        plan = " | ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", args))
    assert plan == f'SEARCH rows USING INDEX {composite_index(("kind", "value"))} ' \
                   '(kind=? AND value>?)'
    # The same advice again reuses the dataset; without it the dataset is built again.
    assert main(["build", "--catalog", str(catalog), "--out", str(out),
                 "--index-advice", str(advice)]) == 0
    assert main(["build", "--catalog", str(catalog), "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(d for d in manifest["datasets"] if d["id"] == "generated-rows")
    assert entry["resources"][0]["indexes"]["composite"] == []


def test_an_advice_file_that_is_not_one_is_a_usage_error(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    from tests.conftest import empty_catalog_at

    catalog = empty_catalog_at(tmp_path / "city")
    advice = tmp_path / "advice.json"
    advice.write_text('{"datasets": []}', encoding="utf-8")
    assert main(["build", "--catalog", str(catalog), "--out", str(tmp_path / "out"),
                 "--index-advice", str(advice), "--lang", "en"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"portal build: {advice} cannot be read as an index advice file "
        "(portal-index-advice/1).")


@pytest.mark.parametrize("rows", [40, 200, 3_000])
def test_the_measured_bytes_stay_within_the_budget(tmp_path: Path, rows: int) -> None:
    """A b-tree takes whole pages: a small table's each index is a page however few rows."""
    columns = _columns(rows)
    report = write_sqlite(tmp_path / "generated-rows.sqlite", columns,
                          wanted_indexes(columns, SCHEMA, []), budget=1.0)
    spent = sum(i["bytes"] + i.get("count_table_bytes", 0) for i in report["composite"])
    assert spent <= report["budget_bytes"]
    assert report["composite"] or report["over_budget"]


def test_an_index_the_estimate_let_through_is_dropped_when_it_measures_over_budget(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import portal.publishing.sqlite as written
    from portal.publishing.indexes import Planned

    def estimated_free(columns: object, wanted: list, table_bytes: int, budget: float) -> tuple:
        return [Planned(w.columns, w.reason, 0) for w in wanted], []

    monkeypatch.setattr(written, "plan_indexes", estimated_free)
    columns = _columns()
    path = tmp_path / "generated-rows.sqlite"
    report = write_sqlite(path, columns, wanted_indexes(columns, SCHEMA, []), budget=0.5)
    spent = sum(i["bytes"] for i in report["composite"])
    assert 0 < spent <= report["budget_bytes"]
    assert report["over_budget"] and all(i["measured_bytes"] > 0 and i["estimated_bytes"] == 0
                                         for i in report["over_budget"])
    with sqlite3.connect(path) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
    assert {i["name"] for i in report["composite"]} <= names
    assert not names & {composite_index(tuple(i["columns"])) for i in report["over_budget"]}
    assert free == 0

"""``_search``: FTS5 trigram search over the folded text columns, width and kana variants alike,
short terms by a scan, hostile input as literal text, paged by the cursor. The rows here are
generated."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from portal.errors import PortalError
from portal.publishing.normalize import Column
from portal.publishing.sqlite import write_sqlite
from portal.query.rows import fetch_rows, page_statement, parse_query, resume

FIELDS = {"id": "integer", "name": "string", "note": "string"}
SCHEMA = {"fields": [{"name": n, "type": t} for n, t in FIELDS.items()]}
NAMES = ["指定緊急避難場所 鹿沼小学校", "避難所(公民館)", "ひなんじょ", "ヒナン訓練", "ﾋﾅﾝ場所",
         "ＡＢＣ公園", "abc広場", 'say "hi" NEAR(x y) a*b', "駅前", "100%_off\\"]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = 300  # the ten names over and over, a note on every seventh row
    ids = list(range(rows))
    names = [NAMES[i % len(NAMES)] for i in ids]
    notes = ["避難経路あり" if i % 7 == 0 else None for i in ids]
    path = tmp_path_factory.mktemp("fulltext") / "generated-rows.sqlite"
    write_sqlite(path, [Column("id", "integer", ids, []), Column("name", "string", names, []),
                        Column("note", "string", notes, [])])
    return path


def _ids(database: Path, search: str, *more: tuple[str, str]) -> tuple[list[int], int | None]:
    page = fetch_rows(database, SCHEMA, parse_query([("_search", search), *more, ("_size", "1000")],
                                                    SCHEMA, "generated-rows"))
    return [r["id"] for r in page.rows], page.total


def _expected(contains: list[str]) -> list[int]:
    """Ids whose name or note holds every one of ``contains`` (written already folded)."""
    from portal.store.text import fold

    ids = []
    for i in range(300):
        text = fold(NAMES[i % len(NAMES)] + ("\n避難経路あり" if i % 7 == 0 else ""))
        if all(c in text for c in contains):
            ids.append(i)
    return ids


@pytest.mark.parametrize(("search", "contains"), [
    ("避難", ["避難"]),  # two characters: the scan
    ("避難場所", ["避難場所"]),  # the trigram index
    ("緊急避難", ["緊急避難"]),
    ("ひなん", ["ヒナン"]), ("ヒナン", ["ヒナン"]), ("ﾋﾅﾝ", ["ヒナン"]),  # kana and width
    ("abc", ["abc"]), ("ＡＢＣ", ["abc"]), ("ABC", ["abc"]),
    ("避難 公民館", ["避難", "公民館"]), ("経路　避難所", ["経路", "避難所"]),
    ("駅", ["駅"]),
])
def test_search_finds_width_and_kana_variants(database: Path, search: str,
                                              contains: list[str]) -> None:
    ids, total = _ids(database, search)
    assert ids == _expected(contains) and total == len(ids) and ids


@pytest.mark.parametrize("search", [
    '"', '""', '"hi"', "NEAR", "NEAR(x y)", "a*b", "*", "b*", "AND", "OR", "NOT", "-x", "name:x",
    "(", ")", "100%", "%_", "_off", "\\", "^say", "say \"hi\" NEAR(x", "'", "\x00", "🙂🙂🙂",
])
def test_hostile_search_text_is_literal(database: Path, search: str) -> None:
    from portal.store.text import fold

    ids, total = _ids(database, search)
    terms = fold(search).split()
    assert ids == _expected(terms) and total == len(ids)


def test_a_search_pages_by_cursor_and_carries_its_total(database: Path) -> None:
    query = parse_query([("_search", "避難"), ("_size", "40")], SCHEMA, "generated-rows")
    seen: list[int] = []
    page = fetch_rows(database, SCHEMA, query)
    totals = {page.total}
    while True:
        seen += [r["id"] for r in page.rows]
        if page.next is None:
            break
        page = fetch_rows(database, SCHEMA, resume(query, page.next))
        totals.add(page.total)
    assert seen == _expected(["避難"]) and totals == {len(seen)}
    # The cursor is bound to the search.
    other = parse_query([("_search", "避難所"), ("_size", "40")], SCHEMA, "generated-rows")
    first = fetch_rows(database, SCHEMA, query)
    assert first.next is not None
    with pytest.raises(PortalError) as caught:
        resume(other, first.next)
    assert caught.value.code == "bad-cursor"


def test_a_search_with_a_filter_and_a_sort(database: Path) -> None:
    ids, total = _ids(database, "避難", ("id__gte", "100"), ("_sort_desc", "id"))
    assert ids == sorted((i for i in _expected(["避難"]) if i >= 100), reverse=True)
    assert total == len(ids)


@pytest.mark.parametrize(("params", "scan"), [
    # Alone in rowid order: FTS5 hands over the page's rowids only (after the cursor's).
    ([("_search", "避難場所")], "SCAN rows_search VIRTUAL TABLE INDEX 64:M1>"),
    ([("_search", "避難場所"), ("id__gte", "5")], "SCAN rows_search VIRTUAL TABLE INDEX 0:M1"),
])
def test_a_trigram_term_is_looked_up_in_the_index(database: Path, params: list[tuple[str, str]],
                                                  scan: str) -> None:
    query = parse_query(params, SCHEMA, "generated-rows")
    sql, args = page_statement(query, FIELDS, tuple(FIELDS))
    with sqlite3.connect(database) as db:
        plan = [r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", args)]
    assert plan[1:] == ["LIST SUBQUERY 1", scan]


@pytest.mark.parametrize(("search", "reason"), [
    ("避" * 101, "at most 100 characters"), ("a b c d e f", "at most 5 terms")])
def test_a_search_past_the_bounds_is_a_400_naming_search(search: str, reason: str) -> None:
    with pytest.raises(PortalError) as caught:
        parse_query([("_search", search)], SCHEMA, "generated-rows")
    assert (caught.value.code, caught.value.parameter,
            caught.value.params["reason"]) == ("bad-parameter", "_search", reason)


def test_a_resource_without_text_columns_cannot_be_searched(tmp_path: Path) -> None:
    path = tmp_path / "generated-numbers.sqlite"
    write_sqlite(path, [Column("id", "integer", [1, 2], [])])
    schema = {"fields": [{"name": "id", "type": "integer"}]}
    with pytest.raises(PortalError) as caught:
        fetch_rows(path, schema, parse_query([("_search", "x")], schema, "generated-numbers"))
    assert (caught.value.code, caught.value.parameter) == ("search-unavailable", "_search")

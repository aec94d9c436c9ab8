"""The preview grid pages with keyset cursors and sends one page at a time."""

from __future__ import annotations

from pathlib import Path

from portal.store.current import CurrentBuild
from portal.web.components.preview import preview_page, sort_of


def _population(built: Path) -> tuple[Path, dict]:  # type: ignore[type-arg]
    build = CurrentBuild(built).get()
    resource = build.require("generated-population").primary
    database = resource.file("sqlite")
    assert database is not None
    return build.path(database.path), resource.schema


def test_pages_are_ten_rows_in_file_order_and_jumping_ahead_matches_walking(built: Path) -> None:
    db, schema = _population(built)
    first = preview_page(db, schema, 0)
    second = preview_page(db, schema, 1, cursors=first.cursors)
    jumped = preview_page(db, schema, 4)
    walked = preview_page(db, schema, 4, cursors=second.cursors)
    assert (first.total, len(first.rows), len(second.rows)) == (50, 10, 10)
    assert first.rows[0] == {"年": 2015, "地区": "北部", "人口": 15611, "世帯数": 4471}
    assert jumped.rows == walked.rows and len(jumped.rows) == 10
    assert sorted(jumped.cursors, key=int) == ["0", "1", "2", "3", "4"]
    assert preview_page(db, schema, 9).rows == []


def test_sorting_descending_by_a_column_orders_the_whole_table(built: Path) -> None:
    db, schema = _population(built)
    column, descending = sort_of([{"column_id": "人口", "direction": "desc"}],
                                 ("年", "地区", "人口", "世帯数"))
    first = preview_page(db, schema, 0, column, descending)
    second = preview_page(db, schema, 1, column, descending, first.cursors)
    values = [r["人口"] for r in first.rows + second.rows]
    assert values == sorted(values, reverse=True)
    assert min(r["人口"] for r in first.rows) >= max(r["人口"] for r in second.rows)


def test_unknown_sort_columns_are_ignored() -> None:
    assert sort_of([{"column_id": "rowid; DROP", "direction": "asc"}], ("年",)) == (None, False)
    assert sort_of(None, ("年",)) == (None, False)

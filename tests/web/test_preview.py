"""The preview grid's requests: the grid's sort and filter models go through the rows API's
parser, pages are walked with keyset cursors, and only the asked rows are sent."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from portal.app import create_app
from portal.config import load_settings
from portal.errors import PortalError
from portal.query.rows import RowsQuery
from portal.store.current import CurrentBuild
from portal.web.components.preview import grid_query, row_range, rows_window


def _population(built: Path) -> tuple[Path, dict]:  # type: ignore[type-arg]
    build = CurrentBuild(built).get()
    resource = build.require("generated-population").primary
    database = resource.file("sqlite")
    assert database is not None
    return build.path(database.path), resource.schema


def test_pages_are_ten_rows_in_file_order_and_jumping_ahead_matches_walking(built: Path) -> None:
    db, schema = _population(built)
    query = RowsQuery()
    first = rows_window(db, schema, query, 0, 10)
    second = rows_window(db, schema, query, 10, 20, first.cursors)
    jumped = rows_window(db, schema, query, 40, 50)
    walked = rows_window(db, schema, query, 40, 50, second.cursors)
    assert (first.total, len(first.rows), len(second.rows)) == (50, 10, 10)
    assert first.rows[0] == {"年": 2015, "地区": "北部", "人口": 15611, "世帯数": 4471}
    assert [r["年"] for r in second.rows] == [2017] * 5 + [2018] * 5
    assert jumped.rows == walked.rows and len(jumped.rows) == 10
    assert jumped.rows[0]["年"] == 2023
    # Jumping from row 0 to row 40 is one step of 40 rows, then the page.
    assert sorted(jumped.cursors, key=int) == ["0", "40"]
    assert sorted(walked.cursors, key=int) == ["0", "10", "20", "40"]
    assert rows_window(db, schema, query, 90, 100).rows == []


def test_the_grids_sort_orders_the_whole_table_on_the_server(built: Path) -> None:
    db, schema = _population(built)
    query = grid_query({"sortModel": [{"colId": "人口", "sort": "desc"}]}, schema,
                       "generated-population")
    assert (query.sort, query.descending) == ("人口", True)
    first = rows_window(db, schema, query, 0, 10)
    second = rows_window(db, schema, query, 10, 20, first.cursors)
    values = [r["人口"] for r in first.rows + second.rows]
    assert values == sorted(values, reverse=True)
    assert min(r["人口"] for r in first.rows) >= max(r["人口"] for r in second.rows)


def test_the_grids_filters_become_the_rows_api_filters(built: Path) -> None:
    db, schema = _population(built)
    query = grid_query({"filterModel": {
        "地区": {"filterType": "text", "type": "equals", "filter": "中央"},
        "年": {"filterType": "number", "type": "greaterThanOrEqual", "filter": 2020.0},
        "世帯数": {"filterType": "number", "type": "notBlank"}}}, schema,
        "generated-population")
    assert query.filters == (("世帯数", "isnull", "0"), ("地区", "exact", "中央"),
                             ("年", "gte", "2020"))
    window = rows_window(db, schema, query, 0, 10)
    assert window.total == 5
    assert [(r["年"], r["地区"]) for r in window.rows] == [
        (2020, "中央"), (2021, "中央"), (2022, "中央"), (2023, "中央"), (2024, "中央")]


def test_a_text_filter_is_contains_or_starts_with(built: Path) -> None:
    db, schema = _population(built)
    query = grid_query({"filterModel": {"地区": {"type": "startsWith", "filter": "北"}}},
                       schema, "generated-population")
    assert {r["地区"] for r in rows_window(db, schema, query, 0, 50).rows} == {"北部"}


@pytest.mark.parametrize(("request_", "code", "parameter"), [
    ({"sortModel": [{"colId": "rowid; DROP", "sort": "asc"}]}, "unknown-column", "_sort"),
    ({"filterModel": {"年": {"type": "inRange", "filter": 1, "filterTo": 2}}},
     "unknown-operator", "年"),
    ({"filterModel": {"年": {"type": "equals", "filter": "二千"}}}, "bad-value", "年__exact"),
    ({"filterModel": {"no such": {"type": "contains", "filter": "x"}}}, "unknown-column",
     "no such__contains"),
])
def test_what_the_rows_api_refuses_the_grid_refuses_with_the_same_code(
        built: Path, request_: dict, code: str, parameter: str) -> None:  # type: ignore[type-arg]
    _, schema = _population(built)
    with pytest.raises(PortalError) as raised:
        grid_query(request_, schema, "generated-population")
    assert (raised.value.code, raised.value.parameter) == (code, parameter)


@pytest.fixture(scope="module")
def app(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(load_settings({}, build_dir=built, cache_dir=tmp_path_factory.mktemp("c")))


def _dataset_page() -> Any:
    """The dataset page's module as Dash loaded it (importing it again would register it
    twice)."""
    import dash

    page = next(p for p in dash.page_registry.values()
                if p.get("path_template") == "/datasets/<dataset_id>")
    return sys.modules[page["module"]]


def test_the_grids_callback_answers_a_page_and_keeps_its_cursors(app: Flask) -> None:
    state = {"dataset": "generated-population", "key": None, "cursors": {}}
    with app.test_request_context("/_dash-update-component"):
        response, state, status = _dataset_page().page_preview(
            {"startRow": 20, "endRow": 30, "sortModel": [], "filterModel": {}}, state)
    assert status == ""
    assert response["rowCount"] == 50
    assert [r["年"] for r in response["rowData"]] == [2019] * 5 + [2020] * 5
    assert sorted(state["cursors"], key=int) == ["0", "20", "30"]


@pytest.mark.parametrize(("request_", "expected"), [
    ({"startRow": 20, "endRow": 30}, (20, 30)), ({}, (0, 10)),
    ({"startRow": -5, "endRow": "x"}, (0, 10)), ({"startRow": 0, "endRow": 10**9}, (0, 1000)),
    ({"startRow": 7, "endRow": 3}, (7, 8)), ({"startRow": True}, (0, 10)),
])
def test_the_grids_row_range_is_made_safe(request_: dict, expected: tuple) -> None:  # type: ignore[type-arg]
    assert row_range(request_) == expected


def test_a_tampered_dataset_id_is_a_message_not_a_server_error(app: Flask) -> None:
    state = {"dataset": "no-such-dataset", "key": None, "cursors": {}}
    with app.test_request_context("/_dash-update-component", headers={"Referer": "http://localhost/en/datasets/generated-population"}):
        response, _, status = _dataset_page().page_preview({"startRow": 0, "endRow": 10}, state)
    assert response == {"rowData": [], "rowCount": 0}
    assert "no-such-dataset" in status


def test_a_refused_filter_shows_the_rows_apis_message_and_no_rows(app: Flask) -> None:
    state = {"dataset": "generated-population", "key": None, "cursors": {}}
    with app.test_request_context("/_dash-update-component", headers={"Referer": "http://localhost/en/datasets/generated-population"}):
        response, _, status = _dataset_page().page_preview(
            {"startRow": 0, "endRow": 10,
             "filterModel": {"年": {"filterType": "number", "type": "equals",
                                   "filter": "二千"}}}, state)
    assert response == {"rowData": [], "rowCount": 0}
    assert status == 'Parameter 年__exact: "二千" is not a valid integer for column "年".'

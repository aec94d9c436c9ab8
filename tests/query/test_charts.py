"""A chart's spec from a query string, its default, and its aggregation in SQLite (generated
tables, written by the build's own row-database writer)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from portal.errors import PortalError
from portal.publishing.normalize import Column, canonical_text
from portal.publishing.sqlite import write_sqlite
from portal.query import aggregate as aggregate_module
from portal.query.aggregate import aggregate
from portal.query.chart_spec import ChartSpec, parse_chart
from portal.query.charts import ChartTable, chart_rows, default_chart, read_chart
from portal.store.current import ResourceView

POPULATION = {"fields": [{"name": "No", "type": "integer"}, {"name": "年", "type": "integer"},
                         {"name": "地区", "type": "string"}, {"name": "人口", "type": "integer"},
                         {"name": "世帯数", "type": "integer"}]}
KPI = {"fields": [{"name": "KPI番号", "type": "string"}, {"name": "指標名", "type": "string"},
                  {"name": "単位", "type": "string"}, {"name": "年度", "type": "integer"},
                  {"name": "和暦年度", "type": "string"}, {"name": "目標値", "type": "number"}]}


def _table(tmp_path: Path, schema: dict[str, Any], rows: list[dict[str, Any]],
           dataset_id: str = "generated-test") -> ChartTable:
    path = tmp_path / f"{dataset_id}.sqlite"
    columns = [Column(f["name"], f["type"], [r.get(f["name"]) for r in rows],
                      [canonical_text(r.get(f["name"])) for r in rows]) for f in schema["fields"]]
    write_sqlite(path, columns)
    resource = ResourceView("main", True, len(rows), schema, ())
    return ChartTable(dataset_id, resource, path)


def _population(tmp_path: Path) -> ChartTable:
    rows = [{"No": i + 1, "年": year, "地区": area, "人口": people, "世帯数": 50}
            for i, (year, area, people) in enumerate([
                (2015, "北部", 100), (2015, "中央", 200), (2016, "北部", 110),
                (2016, "中央", 190), (2017, "北部", 120), (2017, "中央", None)])]
    return _table(tmp_path, POPULATION, rows)


def _kpi(tmp_path: Path) -> ChartTable:
    rows = [{"KPI番号": kpi, "指標名": name, "単位": unit, "年度": year,
             "和暦年度": f"令和{year - 2018}年度", "目標値": target}
            for kpi, name, unit, targets in [("1-1", "手続数", "件", (30, 50)),
                                              ("1-2", "研修人数", "人", (10, 20)),
                                              ("1-3", "講座人数", "人", (5, 8))]
            for year, target in zip((2023, 2024), targets, strict=True)]
    return _table(tmp_path, KPI, rows, "dx-kpi-targets")


def test_years_are_categories_without_separators_one_series_per_area(tmp_path: Path) -> None:
    table = _population(tmp_path)
    spec = default_chart(table)
    assert spec == ChartSpec("line", "年", "人口", "sum", "地区")
    data = aggregate(table.db_path, POPULATION, spec, "generated-test")
    assert data.labels == ("2015", "2016", "2017")
    assert [(s.name, s.values) for s in data.series] == [
        ("中央", (200, 190, None)), ("北部", (100, 110, 120))]
    assert data.columns == ("年", "地区", "sum(人口)")


def test_a_chosen_x_y_aggregation_and_filter_are_aggregated_in_sqlite(tmp_path: Path) -> None:
    table = _population(tmp_path)
    spec = parse_chart([("type", "bar"), ("x", "地区"), ("y", "人口"), ("agg", "mean"),
                        ("年__gte", "2016")], POPULATION, "generated-test")
    assert spec == ChartSpec("bar", "地区", "人口", "mean", None, (("年", "gte", "2016"),))
    data = aggregate(table.db_path, POPULATION, spec, "generated-test")
    assert (data.labels, data.series[0].values) == (("中央", "北部"), (190.0, 115.0))
    assert chart_rows(data) == (("地区", "人口"), [{"地区": "中央", "人口": 190.0},
                                                   {"地区": "北部", "人口": 115.0}])
    assert spec.params() == [("type", "bar"), ("x", "地区"), ("y", "人口"), ("agg", "mean"),
                             ("年__gte", "2016")]
    counted = aggregate(table.db_path, POPULATION, parse_chart(
        [("x", "年"), ("agg", "count")], POPULATION, "generated-test"), "generated-test")
    assert (counted.labels, counted.series[0].values) == (("2015", "2016", "2017"), (2, 2, 2))


@pytest.mark.parametrize(("params", "code", "parameter"), [
    ([("x", "地区"), ("y", "No")], "chart-not-quantity", "y"),
    ([("x", "地区"), ("y", "年")], "chart-not-quantity", "y"),
    ([("x", "地区"), ("y", "人口"), ("agg", "median")], "bad-parameter", "agg"),
    ([("x", "地区"), ("y", "人口"), ("type", "radar")], "bad-parameter", "type"),
    ([("x", "区"), ("y", "人口")], "unknown-column", "x"),
    ([("x", "地区"), ("y", "人口"), ("color", "色")], "unknown-column", "color"),
    ([("y", "人口")], "chart-parameter-missing", "x"),
    ([("x", "地区"), ("agg", "sum")], "chart-parameter-missing", "y"),
    ([("x", "地区"), ("y", "人口"), ("人口__gte", "many")], "bad-value", "人口__gte"),
    ([("x", "年"), ("y", "人口"), ("type", "pie"), ("color", "地区")], "chart-pie-one-series",
     "color"),
])
def test_bad_chart_parameters_are_errors_naming_the_parameter(
        params: list[tuple[str, str]], code: str, parameter: str) -> None:
    with pytest.raises(PortalError) as raised:
        parse_chart(params, POPULATION, "generated-test")
    assert (raised.value.code, raised.value.parameter) == (code, parameter)


def test_kpi_default_is_one_indicator_over_fiscal_years_with_reiwa_labels(
        tmp_path: Path) -> None:
    table = _kpi(tmp_path)
    spec = read_chart(table, [])
    assert spec == ChartSpec("bar", "年度", "目標値", "sum", None, (("KPI番号", "exact", "1-1"),))
    data = aggregate(table.db_path, KPI, spec, "dx-kpi-targets")
    assert data.labels == ("令和5年度", "令和6年度")
    assert [(s.name, s.values) for s in data.series] == [("目標値", (30.0, 50.0))]


def test_different_units_are_never_summed(tmp_path: Path) -> None:
    table = _kpi(tmp_path)
    with pytest.raises(PortalError) as raised:
        aggregate(table.db_path, KPI, parse_chart([("x", "年度"), ("y", "目標値")], KPI, "t"),
                  "dx-kpi-targets")
    assert (raised.value.code, raised.value.parameter, raised.value.params["units"]) == (
        "chart-mixed-units", "y", "人, 件")
    by_unit = aggregate(table.db_path, KPI, parse_chart(
        [("x", "年度"), ("y", "目標値"), ("color", "単位")], KPI, "t"), "dx-kpi-targets")
    assert [(s.name, s.values) for s in by_unit.series] == [
        ("人", (15.0, 28.0)), ("件", (30.0, 50.0))]
    one_unit = aggregate(table.db_path, KPI, parse_chart(
        [("x", "年度"), ("y", "目標値"), ("単位", "人")], KPI, "t"), "dx-kpi-targets")
    assert one_unit.series[0].values == (15.0, 28.0)


def test_a_table_with_nothing_to_draw_gets_no_chart(tmp_path: Path) -> None:
    schema = {"primaryKey": "ID", "fields": [
        {"name": "ID", "type": "integer"}, {"name": "名称", "type": "string"},
        {"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"},
        {"name": "災害種別_洪水", "type": "integer", "constraints": {"enum": [1]}}]}
    rows = [{"ID": i, "名称": f"施設{i}", "緯度": 36.5, "経度": 139.7, "災害種別_洪水": 1}
            for i in range(5)]
    table = _table(tmp_path, schema, rows)
    assert (default_chart(table), read_chart(table, [])) == (None, None)


def test_too_many_colours_and_a_slow_aggregation_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = {"fields": [{"name": "区分", "type": "string"}, {"name": "地区", "type": "string"},
                         {"name": "値", "type": "number"}]}
    rows = [{"区分": f"区分{i % 3}", "地区": f"地区{i}", "値": float(i)} for i in range(20)]
    table = _table(tmp_path, schema, rows)
    spec = ChartSpec("bar", "区分", "値", "sum", "地区")
    with pytest.raises(PortalError) as raised:
        aggregate(table.db_path, schema, spec, "generated-test")
    assert (raised.value.code, raised.value.parameter, raised.value.params["count"]) == (
        "chart-too-many-series", "color", 20)
    monkeypatch.setattr(aggregate_module, "TIME_LIMIT", -1.0)
    monkeypatch.setattr(aggregate_module, "PROGRESS_STEPS", 1)
    with pytest.raises(PortalError) as slow:
        aggregate(table.db_path, schema, ChartSpec("bar", "区分", "値", "sum"), "generated-test")
    assert (slow.value.code, slow.value.parameter) == ("chart-timeout", "x")


def test_the_forms_filter_row_and_a_column_named_like_a_parameter_round_trip() -> None:
    schema = {"fields": [{"name": "type", "type": "string"}, {"name": "地区", "type": "string"},
                         {"name": "人口", "type": "integer"}]}
    spec = parse_chart([("x", "地区"), ("y", "人口"), ("_filter_column", "type"),
                        ("_filter_op", "exact"), ("_filter_value", "A"), ("embed", "1")],
                       schema, "generated-test")
    assert spec.filters == (("type", "exact", "A"),)
    assert spec.params()[-1] == ("type__exact", "A")
    assert parse_chart(spec.params(), schema, "generated-test") == spec
    with pytest.raises(PortalError) as raised:
        parse_chart([("x", "地区"), ("y", "人口"), ("_filter_column", "色"),
                     ("_filter_value", "A")], schema, "generated-test")
    assert (raised.value.code, raised.value.parameter) == ("unknown-column", "_filter_column")


@pytest.mark.parametrize("name", ["No", "No.", "ID", "ID2", "KPI番号", "順序", "連番",
                                  "市区町村コード", "標高", "緯度", "年", "年度"])
def test_row_numbers_identifiers_positions_and_years_are_never_quantities(name: str) -> None:
    schema = {"fields": [{"name": "地区", "type": "string"}, {"name": name, "type": "integer"}]}
    with pytest.raises(PortalError) as raised:
        parse_chart([("x", "地区"), ("y", name)], schema, "generated-test")
    assert (raised.value.code, raised.value.parameter) == ("chart-not-quantity", "y")


def test_a_kpi_chart_shows_the_indicators_actuals_beside_its_targets() -> None:
    from portal.query.charts import _companion, _first_with_actuals

    summary = {"policies": [{"kpis": [
        {"id": "1-1", "targets": [{"fiscal_year": 2023, "label": "令和5年度", "target": 30,
                                   "actual": None}]},
        {"id": "3-2", "targets": [{"fiscal_year": 2025, "label": "令和7年度", "target": 240,
                                   "actual": None},
                                  {"fiscal_year": 2026, "label": "令和8年度", "target": 260,
                                   "actual": 12}]}]}]}
    assert _first_with_actuals(summary) == "3-2"
    spec = ChartSpec("bar", "年度", "目標値", "sum", None, (("KPI番号", "exact", "3-2"),))
    companion = _companion("dx-kpi-targets", spec, summary)
    assert companion is not None
    assert (companion.x, companion.labels, companion.series[0]) == (
        (2026,), ("令和8年度",), aggregate_module.Series("実績値", (12,)))
    # Grouped by another column or over other indicators, there is nothing to pair.
    assert _companion("dx-kpi-targets", replace(spec, color="単位"), summary) is None
    assert _companion("dx-kpi-targets", replace(spec, filters=()), summary) is None


def test_a_default_counts_values_the_same_from_rank_tables_or_without_them(
        tmp_path: Path) -> None:
    table = _population(tmp_path)
    with sqlite3.connect(table.db_path) as connection:
        ranks = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rank:%'")]
    assert ranks  # the build's writer made them
    before = default_chart(table)
    bare = tmp_path / "bare.sqlite"
    with sqlite3.connect(table.db_path) as source, sqlite3.connect(bare) as target:
        source.backup(target)
        for name in ranks:
            target.execute(f'DROP TABLE "{name}"')
    assert default_chart(ChartTable(table.dataset_id, table.resource, bare)) == before == \
        ChartSpec("line", "年", "人口", "sum", "地区")

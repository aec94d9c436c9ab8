"""A chart's figure, summary and table from aggregated rows; which tables get a map; the
preview grid's filters reaching the chart form."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bench.hostile import callback_body
from portal.app import create_app
from portal.config import load_settings
from portal.query.aggregate import ChartData, Series
from portal.query.chart_spec import ChartSpec
from portal.query.maps import table_points
from portal.web.components.chart import chart_figure, chart_summary, chart_table

POPULATION = {"fields": [{"name": "年", "type": "integer"}, {"name": "地区", "type": "string"},
                         {"name": "人口", "type": "integer"}, {"name": "世帯数", "type": "integer"}]}
FACILITIES = {"primaryKey": "ID", "fields": [
    {"name": "ID", "type": "integer"}, {"name": "名称", "type": "string"},
    {"name": "地区", "type": "string"}, {"name": "緯度", "type": "number"},
    {"name": "経度", "type": "number"}, {"name": "開設日", "type": "date"},
    {"name": "定員", "type": "integer"}]}


@pytest.fixture(scope="module")
def app(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(load_settings({}, build_dir=built, cache_dir=tmp_path_factory.mktemp("c")))


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


YEARLY = ChartData(ChartSpec("line", "年", "人口", "sum", "地区"), (2015, 2016), ("2015", "2016"),
                   (Series("北部", (100, 110)), Series("中央", (200, None))), (), (), False)


def test_years_are_category_ticks_one_line_per_area() -> None:
    figure = chart_figure(YEARLY, POPULATION, "ja")
    assert [(d["type"], d["mode"], d["name"], d["x"], d["y"]) for d in figure["data"]] == [
        ("scatter", "lines+markers", "北部", ["2015", "2016"], [100, 110]),
        ("scatter", "lines+markers", "中央", ["2015", "2016"], [200, None])]
    assert figure["layout"]["xaxis"]["type"] == "category"
    assert figure["layout"]["yaxis"]["title"]["text"] == "人口の合計"


def test_summary_and_table_say_what_the_picture_shows() -> None:
    assert chart_summary(YEARLY, "ja") == (
        "折れ線グラフ: 年ごとの人口の合計(2 区分、2 系列)。最大は2015(中央)の 200、"
        "最小は2015(北部)の 100。")
    assert chart_summary(YEARLY, "en") == (
        "Line chart: Sum of 人口 by 年 (2 categories, 2 series). Highest 200 at 2015(中央), "
        "lowest 100 at 2015(北部).")
    table = chart_table(YEARLY, "ja", "chart-table").children
    caption, head, body = table.children
    assert caption.children == "人口の合計"
    assert [th.children for th in head.children.children] == ["年", "北部", "中央"]
    assert [[cell.children for cell in row.children] for row in body.children] == [
        ["2015", "100", "200"], ["2016", "110", ""]]


def test_a_pie_has_slices_and_a_scatter_of_two_quantities_a_numeric_axis() -> None:
    pie = ChartData(ChartSpec("pie", "地区", None, "count"), ("中央", "北部"), ("中央", "北部"),
                    (Series("count", (3, 2)),), (), (), False)
    figure = chart_figure(pie, POPULATION, "en")
    assert figure["data"] == [{"type": "pie", "labels": ["中央", "北部"], "values": [3, 2],
                               "sort": False, "name": "count"}]
    assert "xaxis" not in figure["layout"]
    scatter = ChartData(ChartSpec("scatter", "世帯数", "人口", "mean"), (40, 80), ("40", "80"),
                        (Series("人口", (100.0, 200.0)),), (), (), False)
    figure = chart_figure(scatter, POPULATION, "ja")
    assert (figure["data"][0]["x"], figure["layout"]["xaxis"]["type"]) == ([40, 80], "linear")


def test_record_dates_and_areas_become_a_map_of_the_points() -> None:
    rows = [{"ID": 1, "名称": "施設1", "地区": "北部", "緯度": 36.55, "経度": 139.72,
             "開設日": "2011-04-02", "定員": 37},
            {"ID": 2, "名称": "施設2", "地区": "南部", "緯度": 36.56, "経度": 139.73,
             "開設日": "2012-04-03", "定員": 74}]
    points = table_points(FACILITIES, rows)
    assert points is not None
    assert [f["geometry"]["coordinates"] for f in points["features"]] == [
        [139.72, 36.55], [139.73, 36.56]]
    assert points["features"][0]["properties"] == {
        "ID": 1, "名称": "施設1", "地区": "北部", "開設日": "2011-04-02", "定員": 37}
    schema = {"fields": [{"name": "地区", "type": "string"}, {"name": "説明", "type": "string"}]}
    assert table_points(schema, [{"地区": "北部", "説明": "北部の地区"}]) is None


def test_the_grid_filters_become_the_chart_forms_hidden_fields(app: Flask,
                                                               client: FlaskClient) -> None:
    body = callback_body(app.extensions["portal.dash"], "chart-grid-filters.children", [
        {"地区": {"filterType": "text", "type": "equals", "filter": "北部"},
         "人口": {"filterType": "number", "type": "greaterThan", "filter": 100}},
        {"dataset": "generated-population", "key": None, "cursors": {}}])
    response = client.post("/_dash-update-component", json=body,
                           headers={"Referer": "http://localhost/datasets/generated-population"})
    assert response.status_code == 200
    children = response.get_json()["response"]["chart-grid-filters"]["children"]
    assert children[0]["props"]["children"] == \
        "プレビューの絞り込みをグラフに使います: 人口 > 100、地区 = 北部"
    assert [(c["props"]["name"], c["props"]["value"]) for c in children[1:]] == [
        ("人口__gt", "100"), ("地区", "北部")]


def test_the_chart_page_is_served_with_its_own_title_and_unknown_ids_are_404s(
        client: FlaskClient) -> None:
    page = client.get("/datasets/generated-population/chart?x=地区&y=人口")
    assert page.status_code == 200
    assert "<title>グラフ: 生成された地区別人口(テスト用) — " in page.data.decode()
    assert client.get("/datasets/no-such-dataset/chart").status_code == 404


def test_a_chart_page_whose_parameters_do_not_read_is_a_400(client: FlaskClient) -> None:
    assert client.get("/datasets/generated-population/chart?x=地区&y=年").status_code == 400
    assert client.get("/en/datasets/generated-population/chart?agg=median").status_code == 400
    assert client.get("/datasets/generated-population/chart?x=地区&y=人口").status_code == 200
    assert client.get("/datasets/generated-population/chart").status_code == 200

"""Which tables get a chart or a map, decided from the Table Schema and the rows."""

from __future__ import annotations

from portal.query.maps import table_points
from portal.web.components.chart import chart_figure

POPULATION = {"fields": [{"name": "年", "type": "integer"}, {"name": "地区", "type": "string"},
                         {"name": "人口", "type": "integer"}, {"name": "世帯数", "type": "integer"}]}
FACILITIES = {"primaryKey": "ID", "fields": [
    {"name": "ID", "type": "integer"}, {"name": "名称", "type": "string"},
    {"name": "地区", "type": "string"}, {"name": "緯度", "type": "number"},
    {"name": "経度", "type": "number"}, {"name": "開設日", "type": "date"},
    {"name": "定員", "type": "integer"}]}


def test_yearly_numbers_by_area_become_one_line_per_area() -> None:
    rows = [{"年": 2015, "地区": "北部", "人口": 100, "世帯数": 40},
            {"年": 2015, "地区": "中央", "人口": 200, "世帯数": 80},
            {"年": 2016, "地区": "北部", "人口": 110, "世帯数": 41},
            {"年": 2016, "地区": "中央", "人口": 190, "世帯数": 79}]
    figure = chart_figure(POPULATION, rows)
    assert figure is not None
    assert [(d["type"], d["name"], d["x"], d["y"]) for d in figure["data"]] == [
        ("scatter", "北部", ["2015", "2016"], [100, 110]),
        ("scatter", "中央", ["2015", "2016"], [200, 190])]
    assert figure["layout"]["xaxis"]["title"]["text"] == "年"


def test_record_dates_are_no_time_axis_so_areas_get_bars_and_points_a_map() -> None:
    rows = [{"ID": 1, "名称": "施設1", "地区": "北部", "緯度": 36.55, "経度": 139.72,
             "開設日": "2011-04-02", "定員": 37},
            {"ID": 2, "名称": "施設2", "地区": "南部", "緯度": 36.56, "経度": 139.73,
             "開設日": "2012-04-03", "定員": 74},
            {"ID": 3, "名称": "施設3", "地区": "北部", "緯度": 36.57, "経度": 139.74,
             "開設日": "2013-04-04", "定員": 10}]
    chart = chart_figure(FACILITIES, rows)
    assert chart is not None
    assert [(d["type"], d["x"], d["y"]) for d in chart["data"]] == [
        ("bar", ["北部", "南部"], [47.0, 74.0])]
    points = table_points(FACILITIES, rows)
    assert points is not None
    assert [f["geometry"]["coordinates"] for f in points["features"]] == [
        [139.72, 36.55], [139.73, 36.56], [139.74, 36.57]]
    assert points["features"][0]["properties"] == {
        "ID": 1, "名称": "施設1", "地区": "北部", "開設日": "2011-04-02", "定員": 37}


def test_a_table_without_numbers_or_positions_gets_neither() -> None:
    schema = {"fields": [{"name": "地区", "type": "string"}, {"name": "説明", "type": "string"}]}
    rows = [{"地区": "北部", "説明": "北部の地区"}, {"地区": "中央", "説明": "中央の地区"}]
    assert (chart_figure(schema, rows), table_points(schema, rows)) == (None, None)


def test_flags_and_empty_numbers_are_no_quantity_so_evacuation_sites_get_no_chart() -> None:
    schema = {"primaryKey": ["ID"], "fields": [
        {"name": "ID", "type": "string"}, {"name": "備考", "type": "string"},
        {"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"},
        {"name": "災害種別_洪水", "type": "integer", "constraints": {"enum": [1]}},
        {"name": "想定収容人数", "type": "integer"}]}
    rows = [{"ID": f"E{i}", "備考": "校舎２階を避難所として使用。" if i % 2 else "屋外",
             "緯度": 36.5, "経度": 139.7, "災害種別_洪水": 1 if i % 3 else None,
             "想定収容人数": None} for i in range(6)]
    assert chart_figure(schema, rows) is None
    rows[0]["想定収容人数"] = 120
    figure = chart_figure(schema, rows)
    assert figure is not None and figure["data"][0]["name"] == "想定収容人数"

"""/api/v1/datasets/<id>/chart and chart.csv on the test catalog's generated datasets."""

from __future__ import annotations

import csv
import io

import pytest
from flask.testing import FlaskClient

POPULATION = "/api/v1/datasets/generated-population/chart"


def test_default_chart_of_yearly_population_is_one_line_per_area(client: FlaskClient) -> None:
    body = client.get(POPULATION).get_json()
    chart = body["chart"]
    assert {k: chart[k] for k in ("type", "x", "y", "agg", "color", "filters")} == {
        "type": "line", "x": "年", "y": "人口", "agg": "sum", "color": "地区", "filters": []}
    assert chart["labels"] == [str(y) for y in range(2015, 2025)]
    assert [s["name"] for s in chart["series"]] == ["中央", "北部", "南部", "東部", "西部"]
    assert chart["page_url"] == ("/datasets/generated-population/chart?type=line&x=%E5%B9%B4"
                                 "&y=%E4%BA%BA%E5%8F%A3&agg=sum&color=%E5%9C%B0%E5%8C%BA")


def test_chosen_chart_json_and_csv_hold_the_same_aggregated_rows(client: FlaskClient) -> None:
    query = "?type=bar&x=地区&y=人口&agg=max&年__gte=2020"
    chart = client.get(POPULATION + query).get_json()["chart"]
    assert chart["columns"] == ["地区", "人口"]
    assert chart["rows"] == [{"地区": "中央", "人口": 23493}, {"地区": "北部", "人口": 23287},
                             {"地区": "南部", "人口": 28902}, {"地区": "東部", "人口": 24476},
                             {"地区": "西部", "人口": 26896}]
    response = client.get(POPULATION + ".csv" + query)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="generated-population-chart.csv"'
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) == [
        ["地区", "人口"], *[[r["地区"], str(r["人口"])] for r in chart["rows"]]]


@pytest.mark.parametrize(("query", "status", "code", "parameter"), [
    ("?x=地区&y=年", 400, "chart-not-quantity", "y"),
    ("?x=区&y=人口", 400, "unknown-column", "x"),
    ("?x=地区&y=人口&agg=median", 400, "bad-parameter", "agg"),
    ("?x=地区&y=人口&人口__gte=x", 400, "bad-value", "人口__gte"),
    ("?x=地区&y=人口&_bogus=1", 400, "bad-parameter", "_bogus"),
])
def test_bad_chart_parameters_are_400s_naming_the_parameter(
        client: FlaskClient, query: str, status: int, code: str, parameter: str) -> None:
    for path in (POPULATION, POPULATION + ".csv"):
        response = client.get(path + query)
        assert response.status_code == status
        error = response.get_json()["error"]
        assert (error["code"], error["parameter"]) == (code, parameter)


def test_chart_of_an_unknown_dataset_is_a_404(client: FlaskClient) -> None:
    response = client.get("/api/v1/datasets/no-such-dataset/chart")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "dataset-not-found"


def test_facility_dates_are_no_time_axis_so_capacity_is_summed_by_area(
        client: FlaskClient) -> None:
    chart = client.get("/api/v1/datasets/generated-facilities/chart").get_json()["chart"]
    assert {k: chart[k] for k in ("type", "x", "y", "agg", "color")} == {
        "type": "bar", "x": "地区", "y": "定員", "agg": "sum", "color": None}

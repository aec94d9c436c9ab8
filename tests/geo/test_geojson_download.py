"""/datasets/<id>.geojson and /datasets/<id>/<resource>.geojson: RFC 7946 in WGS84, read back
with geopandas, with ETag and CORS like every download."""

from __future__ import annotations

import io
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from flask.testing import FlaskClient

SOURCE = Path(__file__).parents[1] / "data/catalog/datasets/generated-facilities/facilities.csv"


def test_a_table_with_latitude_and_longitude_reads_back_as_points(client: FlaskClient) -> None:
    response = client.get("/datasets/generated-facilities.geojson")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/geo+json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    frame = gpd.read_file(io.BytesIO(response.data))
    source = pd.read_csv(SOURCE, encoding="cp932", dtype={"郵便番号": str})
    assert frame.crs.to_epsg() == 4326
    assert list(frame.columns) == [*source.columns, "geometry"]
    assert frame.geometry.x.tolist() == source["経度"].tolist()
    assert frame.geometry.y.tolist() == source["緯度"].tolist()
    assert frame["名称"].tolist() == source["名称"].tolist()
    document = response.get_json(force=True)
    assert document["type"] == "FeatureCollection"
    assert document["bbox"] == [139.721, 36.551, 139.78, 36.61]


def test_geojson_download_answers_304_to_its_etag(client: FlaskClient) -> None:
    first = client.get("/datasets/generated-facilities.geojson")
    again = client.get("/datasets/generated-facilities.geojson",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_resource_without_locations_has_no_geojson(client: FlaskClient) -> None:
    response = client.get("/datasets/generated-population.geojson")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "file-not-found"
    assert client.get("/datasets/generated-population/areas.geojson").status_code == 404


def test_rows_api_answers_a_geojson_page_keeping_its_paging_links(client: FlaskClient) -> None:
    response = client.get("/api/v1/datasets/generated-facilities/rows"
                          "?_shape=geojson&_size=2&_col=名称")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/geo+json"
    body = response.get_json(force=True)
    assert body["type"] == "FeatureCollection"
    assert body["total"] == 60
    assert body["next_url"].endswith("_shape=geojson&_size=2&_col=%E5%90%8D%E7%A7%B0&_next="
                                     + body["next"])
    assert body["features"] == [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [139.721, 36.551]},
         "properties": {"名称": "テスト施設1号館"}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [139.722, 36.552]},
         "properties": {"名称": "テスト施設2号館"}}]
    second = client.get(body["next_url"]).get_json(force=True)
    assert second["features"][0]["properties"] == {"名称": "テスト施設3号館"}


def test_bbox_keeps_only_rows_inside_it(client: FlaskClient) -> None:
    body = client.get("/api/v1/datasets/generated-facilities/rows"
                      "?_bbox=139.7215,36.5515,139.7245,36.5545&_col=ID").get_json()
    assert body["rows"] == [{"ID": 2}, {"ID": 3}, {"ID": 4}]
    assert body["total"] == 3


@pytest.mark.parametrize(("bbox", "code", "english"), [
    ("139.7,36.5,139.8", "bbox-count", 'Parameter _bbox takes four comma-separated numbers '
     'min_lon,min_lat,max_lon,max_lat ("139.7,36.5,139.8" has 3).'),
    ("139.7,north,139.8,36.6", "bbox-not-number", 'Parameter _bbox: "north" is not a number.'),
    ("139.8,36.5,139.7,36.6", "bbox-order",
     "Parameter _bbox: the minimum longitude 139.8 is greater than the maximum 139.7."),
    ("36.5,139.7,36.6,139.8", "bbox-range",
     "Parameter _bbox: latitude 139.7 is outside -90.0 to 90.0."),
    ("139.7,36.5,139.8,nan", "bbox-not-number", 'Parameter _bbox: "nan" is not a number.'),
])
def test_a_bad_bbox_is_a_400_naming_it_and_what_is_wrong(client: FlaskClient, bbox: str,
                                                        code: str, english: str) -> None:
    response = client.get(f"/api/v1/datasets/generated-facilities/rows?_bbox={bbox}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert (error["code"], error["parameter"], error["message"]["en"]) == (code, "_bbox", english)


def test_bbox_or_geojson_on_a_resource_without_locations_is_a_400(client: FlaskClient) -> None:
    for query, parameter in (("_bbox=139,36,140,37", "_bbox"), ("_shape=geojson", "_shape")):
        response = client.get(f"/api/v1/datasets/generated-population/rows?{query}")
        assert response.status_code == 400
        error = response.get_json()["error"]
        assert (error["code"], error["parameter"]) == ("not-spatial", parameter)
    bad = client.get("/api/v1/datasets/generated-facilities/rows?_shape=svg")
    assert bad.status_code == 400
    assert bad.get_json()["error"]["parameter"] == "_shape"


def test_openapi_documents_shape_and_bbox(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    params = {p["name"]: p for p in spec["paths"]["/api/v1/datasets/{id}/rows"]["get"][
        "parameters"]}
    assert params["_shape"]["schema"] == {"type": "string", "enum": ["objects", "geojson"],
                                          "default": "objects"}
    assert params["_bbox"]["example"] == "139.70,36.50,139.90,36.65"
    assert "min_lon,min_lat,max_lon,max_lat" in params["_bbox"]["description"]


def test_openapi_gives_the_geojson_answer_its_media_type(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    content = spec["paths"]["/api/v1/datasets/{id}/rows"]["get"]["responses"]["200"]["content"]
    assert sorted(content) == ["application/geo+json", "application/json"]
    assert content["application/geo+json"]["schema"]["properties"]["type"] == {
        "const": "FeatureCollection"}


def test_a_cached_geojson_page_keeps_its_media_type(client: FlaskClient) -> None:
    url = "/api/v1/datasets/generated-facilities/rows?_shape=geojson&_size=3&_sort=ID"
    # A query is cached when asked again (and dearer to answer than recent cache writes).
    client.application.extensions["portal.cache_costs"].write = 0.0
    first, second, again = client.get(url), client.get(url), client.get(url)
    assert [r.headers["X-Cache"] for r in (first, second, again)] == ["miss", "miss", "hit"]
    assert again.headers["Content-Type"] == "application/geo+json"
    assert again.data == first.data

"""/datasets/<id>.geojson and /datasets/<id>/<resource>.geojson: RFC 7946 in WGS84, read back
with geopandas, with ETag and CORS like every download."""

from __future__ import annotations

import io
from pathlib import Path

import geopandas as gpd
import pandas as pd
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

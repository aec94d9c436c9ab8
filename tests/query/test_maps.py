"""The map layer of a dataset: points of a table, clusters and simplified shapes for large
layers, and the real evacuation sites' layer."""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from portal.publishing.pipeline import build
from portal.query import maps
from portal.query.maps import bounds, map_layer, shaped, table_points
from portal.query.rows import MAX_SIZE, RowsQuery, fetch_rows
from portal.store.current import Build, load_build

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = {"fields": [{"name": "名称", "type": "string"}, {"name": "緯度", "type": "number"},
                     {"name": "経度", "type": "number"}, {"name": "備考", "type": "string"}]}


def _generated_points(n: int) -> dict:
    """Generated points on a 0.001° grid around Kanuma's city hall (not real places)."""
    rows = [{"名称": f"generated-{i}", "緯度": 36.5 + (i // 40) * 0.001,
             "経度": 139.7 + (i % 40) * 0.001, "備考": None} for i in range(n)]
    layer = table_points(SCHEMA, rows)
    assert layer is not None
    return layer


def test_rows_without_a_position_are_left_out_and_empty_cells_are_no_attribute() -> None:
    rows = [{"名称": "A", "緯度": 36.56, "経度": 139.74, "備考": ""},
            {"名称": "B", "緯度": None, "経度": 139.75, "備考": "x"}]
    assert table_points(SCHEMA, rows) == {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"名称": "A"},
         "geometry": {"type": "Point", "coordinates": [139.74, 36.56]}}]}
    assert table_points(SCHEMA, rows[1:]) is None


def test_a_row_at_zero_zero_is_an_unknown_position_and_left_off_the_map() -> None:
    rows = [{"名称": "A", "緯度": 36.56, "経度": 139.74, "備考": ""},
            {"名称": "国分寺本堂", "緯度": 0.0, "経度": 0.0, "備考": ""}]  # as Takamatsu writes it
    layer = table_points(SCHEMA, rows)
    assert layer is not None
    assert [f["properties"]["名称"] for f in layer["features"]] == ["A"]


def test_a_few_points_are_drawn_as_they_are() -> None:
    layer = shaped(_generated_points(maps.MAX_POINTS))
    assert (layer["count"], layer["clustered"], layer["simplified"]) == (500, False, None)
    assert len(layer["features"]) == 500
    assert layer["bbox"] == [139.7, 36.5, pytest.approx(139.739), pytest.approx(36.512)]


def test_many_points_become_clusters_that_keep_every_point_counted() -> None:
    layer = shaped(_generated_points(2000))
    assert layer["count"] == 2000 and layer["clustered"] is True
    counts = [f["properties"]["_count"] for f in layer["features"]]
    assert sum(counts) == 2000 and len(counts) <= maps.CLUSTER_CELLS ** 2
    assert len(json.dumps(layer)) < maps.MAX_LAYER_BYTES


def test_a_polygon_with_many_vertices_is_simplified_within_the_vertex_budget() -> None:
    # A generated circle of 50,000 vertices, 1 km across.
    ring = [[139.7 + 0.005 * math.cos(2 * math.pi * i / 50_000),
             36.5 + 0.005 * math.sin(2 * math.pi * i / 50_000)] for i in range(50_000)]
    ring.append(ring[0])
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"名称": "generated-circle"},
         "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    layer = shaped(collection)
    drawn = layer["features"][0]["geometry"]["coordinates"][0]
    assert layer["simplified"] is not None and 4 < len(drawn) <= maps.MAX_VERTICES
    assert layer["features"][0]["properties"] == {"名称": "generated-circle"}
    assert bounds(layer) == pytest.approx(bounds(collection), abs=1e-4)


@pytest.fixture(scope="module")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    root = tmp_path_factory.mktemp("real")
    shutil.copy(ROOT / "catalog.yaml", root / "catalog.yaml")
    shutil.copytree(ROOT / "datasets", root / "datasets")
    assert build(root / "catalog.yaml", root / "build").exit_code == 0
    yield load_build((root / "build").resolve())


def test_the_evacuation_sites_layer_has_every_site_with_its_attributes(real_build: Build) -> None:
    layer = map_layer(real_build, "kanuma-evacuation-sites")
    assert layer is not None
    assert (layer["count"], len(layer["features"]), layer["clustered"]) == (65, 65, False)
    source = json.loads((ROOT / "sources/gsi-evacuation-sites/emergency-092053.geojson")
                        .read_text(encoding="utf-8"))
    assert layer["bbox"] == list(bounds(source) or ())
    first = next(f for f in layer["features"] if f["properties"]["ID"] == "E0920500001201")
    assert first["geometry"]["coordinates"] == [139.807264, 36.535964]
    assert first["properties"]["名称"] == "児子沼公園"
    assert first["properties"]["災害種別_大規模な火事"] == 1
    shelters = map_layer(real_build, "kanuma-evacuation-shelters")
    assert shelters is not None and shelters["count"] == 58
    assert map_layer(real_build, "japan-national-holidays") is None
    # Drawn from the GeoJSON the build published, whose features are the rows.
    assert real_build.require("kanuma-evacuation-sites").primary.file("geojson") is not None


def test_the_rows_give_the_same_points_as_the_published_geojson(real_build: Build) -> None:
    """What a build without a GeoJSON (made before there were any) is drawn from."""
    from_file = map_layer(real_build, "kanuma-evacuation-shelters")
    resource = real_build.require("kanuma-evacuation-shelters").primary
    database = resource.file("sqlite")
    assert database is not None and from_file is not None
    rows = fetch_rows(real_build.path(database.path), resource.schema,
                      RowsQuery(size=MAX_SIZE)).rows
    points = table_points(resource.schema, rows)
    assert points is not None
    from_rows = shaped(points)
    assert [f["geometry"] for f in from_rows["features"]] == [
        f["geometry"] for f in from_file["features"]]
    assert (from_rows["count"], from_rows["bbox"]) == (from_file["count"], from_file["bbox"])

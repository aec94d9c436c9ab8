"""A table marks its coordinate columns with "x-geo" (any names) or by the names 緯度/経度;
the marked columns get a GeoJSON download and the Japan-bounds check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pytest

from portal.geo.points import coordinate_columns
from portal.publishing.pipeline import build
from portal.validate.engine import validate_catalog
from tests.geo.conftest import GEO_CATALOG

TABLE = "datasets/derived-hinanjo-mashiko-table"


@pytest.mark.parametrize(("schema", "expected"), [
    ({"fields": [{"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"}]},
     ("緯度", "経度")),
    ({"fields": [{"name": "Latitude", "type": "number"}, {"name": "LONGITUDE", "type": "number"}]},
     ("Latitude", "LONGITUDE")),
    ({"fields": [{"name": "緯度", "type": "string"}, {"name": "経度", "type": "number"}]}, None),
    ({"fields": [{"name": "北緯", "type": "number"}, {"name": "東経", "type": "number"}],
      "x-geo": {"latitude": "北緯", "longitude": "東経"}}, ("北緯", "東経")),
    ({"fields": [{"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"}],
      "x-geo": {"latitude": "Y"}}, None),
    ({"fields": [{"name": "緯度", "type": "number"}], "x-geo": {"latitude": ["緯度"],
                                                              "longitude": "緯度"}}, None),
])
def test_coordinate_columns_of_a_schema(schema: dict, expected: tuple | None) -> None:
    assert coordinate_columns(schema) == expected


def _renamed_catalog(tmp_path: Path, marker: object) -> Path:
    """The derived shelter table with its coordinate columns renamed 北緯/東経 and marked."""
    shutil.copytree(GEO_CATALOG, tmp_path / "catalog")
    folder = tmp_path / "catalog" / TABLE
    csv = folder / "hinanjo.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("緯度,経度", "北緯,東経", 1),
                   encoding="utf-8")
    schema_path = folder / "hinanjo.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"][3]["name"], schema["fields"][4]["name"] = "北緯", "東経"
    schema["x-geo"] = marker
    schema_path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    return tmp_path / "catalog" / "catalog.yaml"


def test_x_geo_marks_columns_of_any_name(tmp_path: Path) -> None:
    catalog = _renamed_catalog(tmp_path, {"latitude": "北緯", "longitude": "東経"})
    result = build(catalog, tmp_path / "out")
    assert result.exit_code == 0, result.report.to_dict()
    points = gpd.read_file(tmp_path / "out/datasets/derived-hinanjo-mashiko-table/"
                           "hinanjo.geojson")
    assert len(points) == 13
    assert points.geometry.x.tolist()[:2] == [140.089187, 140.099877]


def test_marked_columns_are_checked_to_lie_in_japan(tmp_path: Path) -> None:
    catalog = _renamed_catalog(tmp_path, {"latitude": "東経", "longitude": "北緯"})
    report = validate_catalog(catalog, ids=["derived-hinanjo-mashiko-table"])
    findings = report.datasets[0].findings
    assert {f.code for f in findings} == {"coordinate-outside-japan"}
    assert len(findings) == 26  # 13 rows × both columns, swapped by the marker


@pytest.mark.parametrize("marker", [{"latitude": "北緯"}, {"latitude": "北緯", "longitude": "X"},
                                    ["北緯", "東経"], {"latitude": ["北緯"], "longitude": "東経"}])
def test_a_marker_that_names_no_number_fields_is_an_error(tmp_path: Path,
                                                          marker: object) -> None:
    catalog = _renamed_catalog(tmp_path, marker)
    report = validate_catalog(catalog, ids=["derived-hinanjo-mashiko-table"])
    findings = report.datasets[0].findings
    assert [(f.code, f.file) for f in findings] == [
        ("geo-marker-invalid", f"{TABLE}/hinanjo.csv")]
    assert findings[0].params == {"marker": json.dumps(marker, ensure_ascii=False)}

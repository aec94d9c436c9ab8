"""Build outputs of geographic resources, read back with geopandas/pyogrio/pandas and
compared with the source geometry reprojected independently (within 1 m)."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from pyproj import Geod

from portal.publishing.pipeline import build
from tests.geo.conftest import GEO_CATALOG

DATASETS = GEO_CATALOG / "datasets"
LOCAL_METRIC = 6677  # JGD2011 / plane rectangular zone IX (Tochigi), metres
GEOD = Geod(ellps="GRS80")
SOURCES = {
    "estat-did-tochigi": (DATASETS / "estat-did-tochigi/2010_did_ddsw_09.zip", "did"),
    "derived-zone9-did-kanuma": (DATASETS / "derived-zone9-did-kanuma/did_zone9.shp", "did"),
    "gsi-hinanjo-mashiko": (DATASETS / "gsi-hinanjo-mashiko/093424.geojson", "hinanjo"),
    "derived-wgs84-hinanjo-mashiko": (
        DATASETS / "derived-wgs84-hinanjo-mashiko/hinanjo_wgs84.shp", "hinanjo"),
    "yaizu-kinrin-shogyo": (DATASETS / "yaizu-kinrin-shogyo/近隣商業地域.shp", "youto"),
}


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _resource(out: Path, dataset_id: str) -> dict:
    entry = next(d for d in _manifest(out)["datasets"] if d["id"] == dataset_id)
    return entry["resources"][0]


def _read_source(path: Path) -> gpd.GeoDataFrame:
    if path.suffix == ".zip":
        return gpd.read_file(f"zip://{path}!2010_did_ddsw_09/h22_did_09.shp")
    return gpd.read_file(path)


@pytest.mark.parametrize("dataset_id", sorted(SOURCES))
def test_geojson_output_matches_the_source_reprojected_within_a_metre(
        geo_built: Path, dataset_id: str) -> None:
    source_path, name = SOURCES[dataset_id]
    source = _read_source(source_path).to_crs(4326)
    published = gpd.read_file(geo_built / f"datasets/{dataset_id}/{name}.geojson")
    assert published.crs.to_epsg() == 4326
    assert len(published) == len(source)
    assert list(published.columns) == list(source.columns)
    # Values are typed by the Table Schema ("1" of a text field declared integer is 1).
    pd.testing.assert_frame_equal(
        pd.DataFrame(published.drop(columns="geometry")).fillna("").astype(str),
        pd.DataFrame(source.drop(columns="geometry")).fillna("").astype(str))
    if (source.geom_type == "Point").all():
        _, _, metres = GEOD.inv(source.geometry.x, source.geometry.y,
                                published.geometry.x, published.geometry.y)
        assert max(metres) < 1.0
    else:
        here = published.to_crs(LOCAL_METRIC).geometry.values
        there = source.to_crs(LOCAL_METRIC).geometry.values
        assert shapely.hausdorff_distance(here, there).max() < 1.0


def test_plane_zone_ix_file_lands_on_kanuma(geo_built: Path) -> None:
    """The zone IX Shapefile's first feature is Kanuma's DID: its centre lies within 2 km of
    the city hall (139.7445 E, 36.5674 N)."""
    published = gpd.read_file(geo_built / "datasets/derived-zone9-did-kanuma/did.geojson")
    assert published["CITYNAME"].tolist() == ["鹿沼市", "日光市"]
    centre = published.geometry[0].centroid
    _, _, metres = GEOD.inv(centre.x, centre.y, 139.7445, 36.5674)
    assert metres < 2000


def test_geojson_follows_rfc_7946(geo_built: Path) -> None:
    document = json.loads((geo_built / "datasets/estat-did-tochigi/did.geojson").read_text(
        encoding="utf-8"))
    assert set(document) == {"type", "bbox", "features"}  # no "crs" member: WGS84 only
    assert document["bbox"] == _resource(geo_built, "estat-did-tochigi")["geo"]["bbox"]
    shapes = [shapely.geometry.shape(f["geometry"]) for f in document["features"]]
    for shape in shapes:  # exterior rings counter-clockwise (right-hand rule)
        polygons = getattr(shape, "geoms", [shape])
        assert all(p.exterior.is_ccw for p in polygons)
        assert all(not ring.is_ccw for p in polygons for ring in p.interiors)


def test_attribute_csv_reads_back_with_the_cp932_table_decoded(geo_built: Path) -> None:
    frame = pd.read_csv(geo_built / "datasets/derived-zone9-did-kanuma/did.csv",
                        dtype={"KEN": str, "CITY": str})
    assert frame.to_dict("records") == [
        {"KEN": "09", "CITY": "205", "CITYNAME": "鹿沼市", "CLASS": 1, "JINKO": 41377,
         "MENSEKI": 8.4},
        {"KEN": "09", "CITY": "206", "CITYNAME": "日光市", "CLASS": 1, "JINKO": 9050,
         "MENSEKI": 2.56}]
    sjis = pd.read_csv(geo_built / "datasets/estat-did-tochigi/did.sjis.csv", encoding="cp932",
                       dtype={"KEN": str, "CITY": str})
    assert sjis["CITYNAME"].tolist()[7] == "鹿沼市"


def test_shapefile_original_is_kept_as_one_zip_of_its_parts(geo_built: Path) -> None:
    resource = _resource(geo_built, "derived-zone9-did-kanuma")
    original = next(f for f in resource["files"] if f["kind"] == "original")
    assert (original["path"], original["media_type"]) == (
        "datasets/derived-zone9-did-kanuma/original/did_zone9.zip", "application/zip")
    path = geo_built / original["path"]
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["did_zone9.cpg", "did_zone9.dbf", "did_zone9.prj",
                                              "did_zone9.shp", "did_zone9.shx"]
    kept = pyogrio.read_dataframe(path)
    source = pyogrio.read_dataframe(DATASETS / "derived-zone9-did-kanuma/did_zone9.shp")
    assert kept.crs.to_epsg() == 2451
    assert kept.geometry.equals(source.geometry)


def test_manifest_lists_geojson_with_size_and_checksum_and_the_geo_summary(
        geo_built: Path) -> None:
    resource = _resource(geo_built, "gsi-hinanjo-mashiko")
    geojson = next(f for f in resource["files"] if f["kind"] == "geojson")
    path = geo_built / geojson["path"]
    assert geojson["size"] == path.stat().st_size
    assert geojson["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (geojson["media_type"], geojson["rows"]) == ("application/geo+json", 15)
    assert resource["geo"] == {
        "type": "features", "features": 15, "skipped": 0,
        "bbox": [140.08218, 36.429377, 140.118562, 36.49769], "crs": "EPSG:4326 WGS 84",
        "geometry_types": ["Point"]}


def test_table_with_latitude_and_longitude_gets_points_and_counts_blank_rows(
        geo_built: Path) -> None:
    resource = _resource(geo_built, "derived-hinanjo-mashiko-table")
    assert resource["geo"]["type"] == "points"
    assert (resource["geo"]["features"], resource["geo"]["skipped"]) == (13, 2)
    published = gpd.read_file(geo_built / "datasets/derived-hinanjo-mashiko-table/"
                              "hinanjo.geojson")
    table = pd.read_csv(DATASETS / "derived-hinanjo-mashiko-table/hinanjo.csv").dropna()
    assert published["共通ID"].tolist() == table["共通ID"].tolist()
    assert published.geometry.x.tolist() == table["経度"].tolist()
    assert published.geometry.y.tolist() == table["緯度"].tolist()


def test_datapackage_lists_each_geojson(geo_built: Path) -> None:
    package = json.loads((geo_built / "datasets/derived-zone9-did-kanuma/datapackage.json")
                         .read_text(encoding="utf-8"))
    assert [(r["name"], r["path"], r["format"]) for r in package["resources"]] == [
        ("did", "did.csv", "csv"), ("did-geojson", "did.geojson", "geojson")]


def test_changing_a_sidecar_rebuilds_the_dataset(tmp_path: Path) -> None:
    shutil.copytree(GEO_CATALOG, tmp_path / "catalog")
    out = tmp_path / "build"
    catalog = tmp_path / "catalog" / "catalog.yaml"
    build(catalog, out)
    cpg = tmp_path / "catalog/datasets/derived-zone9-did-kanuma/did_zone9.cpg"
    cpg.write_text("SHIFT_JIS")
    result = build(catalog, out)
    assert result.built == ("derived-zone9-did-kanuma",)


def test_yaizu_zone_viii_file_lands_in_yaizu_with_its_shift_jis_table(geo_built: Path) -> None:
    """Yaizu's own plane rectangular zone VIII Shapefile (JGD2000, Shift_JIS .dbf with .cpg):
    every zone lies within 6 km of Yaizu city hall (138.3189 E, 34.8670 N)."""
    published = gpd.read_file(geo_built / "datasets/yaizu-kinrin-shogyo/youto.geojson")
    assert published["SAFIELD000"].tolist() == ["近隣商業地域"] * 5
    centres = published.geometry.centroid
    _, _, metres = GEOD.inv(centres.x, centres.y, [138.3189] * 5, [34.8670] * 5)
    assert max(metres) < 6000
    assert _resource(geo_built, "yaizu-kinrin-shogyo")["geo"]["crs"] == (
        "EPSG:2450 JGD2000 / Japan Plane Rectangular CS VIII")

"""Maps through `portal import`: a 06 list row whose file is a GeoJSON, a .shp with its
sidecars or a zipped Shapefile imports as `portal new` takes it, then validates and builds to
the WGS84 GeoJSON, attribute tables and the original.

The files are the real ones of tests/data/geo (see its SOURCES.md: GSI shelters of Mashiko,
e-Stat DIDs of Tochigi, Yaizu's 近隣商業地域); the lists are generated here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from portal.catalog.load import read_yaml
from portal.cli import main
from portal.ingest.importer import import_list
from portal.publishing.pipeline import build
from portal.scaffold import new_dataset
from tests.conftest import empty_catalog_at
from tests.geo.conftest import GEO_CATALOG
from tests.test_import import TODAY, _row, _write_list

DATASETS = GEO_CATALOG / "datasets"
YAIZU = DATASETS / "yaizu-kinrin-shogyo"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """catalog.yaml with the real portal section and no datasets."""
    return empty_catalog_at(tmp_path / "repo")


@pytest.fixture
def geo_files(tmp_path: Path) -> Path:
    """A department's folder of real map files, a .shp with its sidecars beside it."""
    folder = tmp_path / "files"
    folder.mkdir()
    shutil.copy(DATASETS / "gsi-hinanjo-mashiko/093424.geojson", folder)
    shutil.copy(DATASETS / "estat-did-tochigi/2010_did_ddsw_09.zip", folder)
    shutil.copy(DATASETS / "derived-hinanjo-mashiko-table/hinanjo.csv", folder)
    (folder / "yaizu").mkdir()
    for part in YAIZU.glob("近隣商業地域.*"):
        shutil.copy(part, folder / "yaizu")
    return folder


def _entry(catalog: Path, dataset_id: str) -> dict:
    return next(e for e in read_yaml(catalog)["datasets"] if e["id"] == dataset_id)


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_geojson_a_shapefile_and_a_zip_import_validate_and_build(
        catalog: Path, geo_files: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    listing = _write_list(geo_files / "generated-list.csv", [
        _row("shelters", "益子町の指定避難所", "https://example.invalid/093424.geojson",
             category="防災・安全"),
        _row("kinrin", "近隣商業地域", "yaizu/近隣商業地域.shp", category="都市基盤・交通"),
        _row("did", "人口集中地区", "2010_did_ddsw_09.zip", category="都市基盤・交通")])
    code = main(["import", str(listing), "--files", str(geo_files), "--catalog",
                 str(catalog), "--fix", "--format", "json"])
    body = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["action"], r["files"]) for r in body["rows"]] == [
        ("shelters", "created", ["datasets/shelters/093424.geojson",
                                 "datasets/shelters/093424.schema.json"]),
        ("kinrin", "created", ["datasets/kinrin/data.shp", "datasets/kinrin/data.shx",
                               "datasets/kinrin/data.dbf", "datasets/kinrin/data.prj",
                               "datasets/kinrin/data.cpg", "datasets/kinrin/data.schema.json"]),
        ("did", "created", ["datasets/did/2010-did-ddsw-09.zip",
                            "datasets/did/2010-did-ddsw-09.schema.json"])]
    assert [[f["code"] for f in r["findings"]] for r in body["rows"]] == [[], [], []]
    assert code == 0
    root = catalog.parent
    assert [_entry(catalog, i)["resources"] for i in ("shelters", "kinrin", "did")] == [
        [{"name": "093424", "path": "datasets/shelters/093424.geojson", "format": "geojson",
          "schema": "datasets/shelters/093424.schema.json"}],
        [{"name": "data", "path": "datasets/kinrin/data.shp", "format": "shapefile",
          "schema": "datasets/kinrin/data.schema.json"}],
        [{"name": "2010-did-ddsw-09", "path": "datasets/did/2010-did-ddsw-09.zip",
          "format": "shapefile", "schema": "datasets/did/2010-did-ddsw-09.schema.json"}]]
    for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        assert (root / f"datasets/kinrin/data{suffix}").read_bytes() == \
            (YAIZU / f"近隣商業地域{suffix}").read_bytes()
    assert (root / "datasets/shelters/093424.geojson").read_bytes() == \
        (geo_files / "093424.geojson").read_bytes()
    schema = json.loads((root / "datasets/did/2010-did-ddsw-09.schema.json").read_text(
        encoding="utf-8"))
    assert [(f["name"], f["type"]) for f in schema["fields"]] == [
        ("KEN", "string"), ("CITY", "string"), ("CITYNAME", "string"), ("CLASS", "integer"),
        ("JINKO", "integer"), ("MENSEKI", "number")]
    assert main(["validate", "--catalog", str(catalog)]) == 0
    out = tmp_path / "build"
    result = build(catalog, out, today=TODAY)
    assert result.exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    published = {d["id"]: d for d in manifest["datasets"]}
    assert sorted(published) == ["did", "kinrin", "published-dataset-count", "shelters"]
    for dataset_id, name in (("shelters", "093424"), ("kinrin", "data"),
                             ("did", "2010-did-ddsw-09")):
        folder = out / "datasets" / dataset_id
        assert {f"{name}.geojson", f"{name}.csv", f"{name}.json"} <= set(_names(folder))
        layer = json.loads((folder / f"{name}.geojson").read_text(encoding="utf-8"))
        assert layer["type"] == "FeatureCollection" and layer["features"]
    assert len(json.loads((out / "datasets/kinrin/data.geojson").read_text(
        encoding="utf-8"))["features"]) == 5


def test_rows_sharing_an_id_mix_a_table_and_a_layer(catalog: Path, geo_files: Path,
                                                    tmp_path: Path) -> None:
    listing = _write_list(geo_files / "generated-list.csv", [
        _row("shelters", "益子町の指定避難所", "hinanjo.csv", category="防災・安全"),
        _row("shelters", "益子町の指定避難所", "093424.geojson", category="防災・安全")])
    result = import_list(listing, catalog_path=catalog, fix=True, today=TODAY)
    assert [(r.row, r.action) for r in result.rows] == [(2, "created"), (3, "created")]
    resources = _entry(catalog, "shelters")["resources"]
    assert [(r["name"], r["path"], r["format"]) for r in resources] == [
        ("hinanjo", "datasets/shelters/hinanjo.csv", "csv"),
        ("093424", "datasets/shelters/093424.geojson", "geojson")]
    out = tmp_path / "build"
    built = build(catalog, out, today=TODAY)
    assert built.exit_code == 0
    assert {"hinanjo.csv", "093424.geojson", "093424.csv"} <= set(
        _names(out / "datasets/shelters"))


def test_import_and_new_write_the_same_layer_files_and_schema(
        catalog: Path, geo_files: Path) -> None:
    listing = _write_list(geo_files / "generated-list.csv", [
        _row("kinrin", "近隣商業地域", "yaizu/近隣商業地域.shp", category="都市基盤・交通")])
    import_list(listing, catalog_path=catalog, today=TODAY)
    new_dataset(geo_files / "yaizu/近隣商業地域.shp", "kinrin-new", catalog_path=catalog,
                title="近隣商業地域", today=TODAY)
    root = catalog.parent / "datasets"
    imported = {p.suffix: p.read_bytes() for p in (root / "kinrin").iterdir()}
    made = {p.suffix: p.read_bytes() for p in (root / "kinrin-new").iterdir()}
    assert imported == made
    assert sorted(imported) == [".cpg", ".dbf", ".json", ".prj", ".shp", ".shx"]


def test_a_geojson_named_csv_in_a_list_is_an_error_naming_both(
        catalog: Path, geo_files: Path) -> None:
    shutil.copyfile(geo_files / "093424.geojson", geo_files / "generated-shelters.csv")
    listing = _write_list(geo_files / "generated-list.csv", [
        _row("shelters", "益子町の指定避難所", "generated-shelters.csv")])
    result = import_list(listing, catalog_path=catalog, fix=True, today=TODAY)
    assert [(r.action, [(f.code, f.file, f.row, f.params) for f in r.findings])
            for r in result.rows] == [("error", [(
                "file-kind-mismatch", "generated-shelters.csv", 2,
                {"suffix": "CSV", "content": "GeoJSON"})])]
    assert result.exit_code == 1
    assert not (catalog.parent / "datasets/shelters").exists()

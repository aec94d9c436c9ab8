"""`portal new` with a Shapefile (.shp with sidecars, or .zip) or a GeoJSON file: the file is
kept as it is and the schema of its attribute table is typed from the file's own field types."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from portal.catalog.load import load_catalog
from portal.scaffold import new_dataset
from tests.geo.conftest import GEO_CATALOG

TODAY = date(2026, 11, 25)
DATASETS = GEO_CATALOG / "datasets"


def _entry(catalog: Path, dataset_id: str) -> dict:
    from portal.catalog.load import read_yaml

    return next(e for e in read_yaml(catalog)["datasets"] if e["id"] == dataset_id)


@pytest.mark.parametrize(("source", "kept", "fmt"), [
    (DATASETS / "estat-did-tochigi/2010_did_ddsw_09.zip", ["new-layer.zip"], "shapefile"),
    (DATASETS / "derived-zone9-did-kanuma/did_zone9.shp",
     ["new-layer.cpg", "new-layer.dbf", "new-layer.prj", "new-layer.shp", "new-layer.shx"],
     "shapefile"),
])
def test_a_shapefile_is_kept_with_its_sidecars_and_typed_from_its_dbf(
        test_catalog: Path, source: Path, kept: list[str], fmt: str) -> None:
    result = new_dataset(source, "new-layer", catalog_path=test_catalog, title="人口集中地区",
                         today=TODAY)
    folder = test_catalog.parent / "datasets/new-layer"
    assert sorted(p.name for p in folder.iterdir() if p.suffix != ".json") == kept
    schema = json.loads((folder / "new-layer.schema.json").read_text(encoding="utf-8"))
    assert [(f["name"], f["type"]) for f in schema["fields"]] == [
        ("KEN", "string"), ("CITY", "string"), ("CITYNAME", "string"), ("CLASS", "integer"),
        ("JINKO", "integer"), ("MENSEKI", "number")]
    resource = _entry(test_catalog, "new-layer")["resources"][0]
    main_file = "new-layer.zip" if len(kept) == 1 else "new-layer.shp"
    assert (resource["path"], resource["format"]) == (f"datasets/new-layer/{main_file}", fmt)
    codes = [f.code for d in result.report.datasets for f in d.findings]
    # only the entry's fields to fill in (publisher, category and frequency)
    assert codes == ["catalog-field-missing"] * 3
    assert result.todo[0] == "title.en"


def test_a_geojson_file_is_kept_and_validates_once_the_entry_is_filled(
        test_catalog: Path) -> None:
    source = DATASETS / "gsi-hinanjo-mashiko/093424.geojson"
    new_dataset(source, "new-shelters", catalog_path=test_catalog, title="避難所", today=TODAY)
    folder = test_catalog.parent / "datasets/new-shelters"
    assert (folder / "new-shelters.geojson").read_bytes() == source.read_bytes()
    schema = json.loads((folder / "new-shelters.schema.json").read_text(encoding="utf-8"))
    assert [(f["name"], f["type"]) for f in schema["fields"]][:2] == [
        ("NO", "integer"), ("共通ID", "string")]
    catalog, findings = load_catalog(test_catalog)
    assert [label for label, _ in catalog.broken] == ["new-shelters"]


def test_a_broken_shapefile_is_reported_not_written(test_catalog: Path, tmp_path: Path) -> None:
    source = tmp_path / "cut.shp"
    source.write_bytes(b"\x00" * 50)
    result = new_dataset(source, "new-broken", catalog_path=test_catalog, today=TODAY)
    assert [f.code for f in result.findings] == ["geo-sidecar-missing"]
    assert result.exit_code == 1
    assert not (test_catalog.parent / "datasets/new-broken").exists()

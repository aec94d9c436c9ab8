"""Validation of geographic resources: broken inputs derived from real files each get their
finding (code, file, feature row, message) and never a traceback; the attribute table is
checked against its Table Schema like any table."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from portal.catalog.model import Dataset, Resource, Source, Text
from portal.validate.engine import validate_dataset
from portal.validate.report import Finding
from tests.geo.conftest import GEO, GEO_CATALOG

TODAY = date(2026, 11, 25)
DID_SCHEMA = "catalog/datasets/derived-zone9-did-kanuma/did.schema.json"
HINANJO_SCHEMA = "catalog/datasets/gsi-hinanjo-mashiko/hinanjo.schema.json"


def _validate(path: str, fmt: str, schema: str, root: Path = GEO) -> list[Finding]:
    dataset = Dataset(
        id="geo-test", title=Text("-", "-"), description=Text("-", "-"),
        publisher=Text("-", "-"), category="geography", tags=(), license="CC-BY-4.0",
        issued=TODAY, modified=TODAY, frequency="irregular", source=Source(Text("-", "-")),
        resources=(Resource("layer", path, fmt, schema),))
    report, _ = validate_dataset(dataset, root, TODAY)
    return list(report.findings)


def _summary(findings: list[Finding]) -> list[tuple]:
    return [(f.code, f.file, f.row, f.message("en")) for f in findings]


def test_real_files_are_valid() -> None:
    assert _validate("catalog/datasets/estat-did-tochigi/2010_did_ddsw_09.zip", "shapefile",
                     "catalog/datasets/estat-did-tochigi/did.schema.json") == []
    assert _validate("catalog/datasets/gsi-hinanjo-mashiko/093424.geojson", "geojson",
                     HINANJO_SCHEMA) == []


def test_missing_prj_is_an_error_saying_how_to_declare_the_crs() -> None:
    findings = _validate("broken/derived-no-prj.shp", "shapefile", DID_SCHEMA)
    assert _summary(findings) == [(
        "geo-crs-missing", "broken/derived-no-prj.shp", None,
        "broken/derived-no-prj.shp does not say its coordinate reference system "
        "(there is no .prj).")]
    assert findings[0].is_error
    assert "EPSG:6677" in findings[0].fix("en") and "EPSG:6677" in findings[0].fix("ja")


def test_unreadable_prj_is_an_unknown_crs(tmp_path: Path) -> None:
    for suffix in (".shp", ".shx", ".dbf", ".cpg"):
        shutil.copyfile(GEO / f"broken/derived-no-prj{suffix}", tmp_path / f"layer{suffix}")
    (tmp_path / "layer.prj").write_text("LOCAL_CS[\"site grid\"]", encoding="ascii")
    shutil.copytree(GEO / "catalog", tmp_path / "catalog")
    findings = _validate("layer.shp", "shapefile", DID_SCHEMA, root=tmp_path)
    assert [(f.code, f.file) for f in findings] == [("geo-crs-unknown", "layer.shp")]


def test_self_intersection_is_named_with_its_place() -> None:
    findings = _validate("broken/derived-self-intersecting.geojson", "geojson", DID_SCHEMA)
    assert _summary(findings) == [(
        "geo-self-intersection", "broken/derived-self-intersecting.geojson", 2,
        "broken/derived-self-intersecting.geojson feature 1 (row 2): the shape intersects "
        "itself near longitude 139.746131, latitude 36.569131.")]


def test_swapped_latitude_and_longitude_is_reported_as_such() -> None:
    findings = _validate("broken/derived-swapped-latlon.geojson", "geojson", HINANJO_SCHEMA)
    assert {f.code for f in findings} == {"geo-axis-swapped"}
    assert [f.row for f in findings] == list(range(2, 17))
    assert findings[0].message("en") == (
        "broken/derived-swapped-latlon.geojson feature 1 (row 2): coordinates (36.463674, "
        "140.089187) have latitude and longitude swapped.")


def test_plane_coordinates_under_a_degrees_crs_are_reported_as_such() -> None:
    findings = _validate("broken/derived-plane-as-degrees.shp", "shapefile", DID_SCHEMA)
    assert [(f.code, f.row) for f in findings] == [("geo-plane-as-degrees", 2),
                                                   ("geo-plane-as-degrees", 3)]
    assert findings[0].message("en") == (
        "broken/derived-plane-as-degrees.shp feature 1 (row 2): coordinates (-10000.289491, "
        "60302.111450) look like plane rectangular coordinates (metres), but the CRS is "
        "longitude/latitude (WGS 84).")


def test_truncated_shp_is_a_finding_not_a_traceback() -> None:
    findings = _validate("broken/derived-truncated.shp", "shapefile", DID_SCHEMA)
    assert [(f.code, f.file, f.params) for f in findings] == [
        ("geo-truncated", "broken/derived-truncated.shp", {"part": "derived-truncated.shp"})]


def test_empty_geometry_names_its_feature() -> None:
    findings = _validate("broken/derived-empty-geometry.geojson", "geojson", HINANJO_SCHEMA)
    assert _summary(findings) == [(
        "geo-geometry-empty", "broken/derived-empty-geometry.geojson", 4,
        "broken/derived-empty-geometry.geojson feature 3 (row 4): the geometry is empty.")]


@pytest.mark.parametrize(("name", "content", "code"), [
    ("not-json.geojson", b"{\"type\": \"FeatureCollection\", \"features\": [", "geo-unreadable"),
    ("garbage.shp", b"\x00" * 40, "geo-sidecar-missing"),
    ("garbage.zip", b"PK\x03\x04 not really a zip", "geo-unreadable"),
])
def test_files_that_do_not_open_are_findings(tmp_path: Path, name: str, content: bytes,
                                             code: str) -> None:
    (tmp_path / name).write_bytes(content)
    shutil.copytree(GEO / "catalog", tmp_path / "catalog")
    fmt = "geojson" if name.endswith(".geojson") else "shapefile"
    findings = _validate(name, fmt, DID_SCHEMA, root=tmp_path)
    assert [(f.code, f.file) for f in findings] == [(code, name)]


def test_zip_without_a_shapefile_is_reported_by_its_content(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as archive:
        archive.writestr("readme.txt", "no layer here")
    shutil.copytree(GEO / "catalog", tmp_path / "catalog")
    findings = _validate("empty.zip", "shapefile", DID_SCHEMA, root=tmp_path)
    assert [(f.code, f.file, f.params) for f in findings] == [(
        "file-kind-mismatch", "empty.zip",
        {"suffix": "ZIP (Shapefile)", "content": "ZIP (readme.txt)"})]


def test_cp932_attribute_table_is_checked_against_its_schema(tmp_path: Path) -> None:
    """The zone IX file's Shift_JIS table (decoded through its .cpg) against a schema that
    wants 市区町村名 to be one of a list: the other city is reported at its row and column."""
    schema = json.loads((GEO / DID_SCHEMA).read_text(encoding="utf-8"))
    schema["fields"][2]["constraints"]["enum"] = ["鹿沼市"]
    (tmp_path / "did.schema.json").write_text(json.dumps(schema, ensure_ascii=False),
                                              encoding="utf-8")
    source = GEO / "catalog/datasets/derived-zone9-did-kanuma"
    for part in source.glob("did_zone9.*"):
        shutil.copyfile(part, tmp_path / part.name)
    findings = _validate("did_zone9.shp", "shapefile", "did.schema.json", root=tmp_path)
    assert [(f.code, f.file, f.row, f.column, f.column_number, f.value) for f in findings] == [
        ("cell-constraint", "did_zone9.shp", 3, "CITYNAME", 3, "日光市")]


def test_shapefile_without_cpg_or_language_id_is_decoded_and_warned_about(
        tmp_path: Path) -> None:
    """A CP932 table with neither a .cpg nor a language driver id in the .dbf header: decoded
    strictly as UTF-8, then CP932, with a warning asking for a .cpg."""
    source = GEO / "catalog/datasets/derived-zone9-did-kanuma"
    for suffix in (".shp", ".shx", ".prj"):
        shutil.copyfile(source / f"did_zone9{suffix}", tmp_path / f"did_zone9{suffix}")
    dbf = bytearray((source / "did_zone9.dbf").read_bytes())
    dbf[29] = 0  # the language driver id byte: "not stated"
    (tmp_path / "did_zone9.dbf").write_bytes(bytes(dbf))
    shutil.copyfile(GEO / DID_SCHEMA, tmp_path / "did.schema.json")
    findings = _validate("did_zone9.shp", "shapefile", "did.schema.json", root=tmp_path)
    assert [(f.code, f.severity, f.params) for f in findings] == [
        ("geo-cpg-missing", "warning", {"encoding": "CP932"})]


def test_catalog_accepts_geographic_formats_and_validates_them() -> None:
    from portal.validate.engine import validate_catalog

    report = validate_catalog(GEO_CATALOG / "catalog.yaml", today=TODAY)
    assert report.valid, report.to_dict()
    assert [d.id for d in report.datasets] == [
        "estat-did-tochigi", "derived-zone9-did-kanuma", "gsi-hinanjo-mashiko",
        "derived-wgs84-hinanjo-mashiko", "derived-hinanjo-mashiko-table", "yaizu-kinrin-shogyo"]


@pytest.mark.parametrize("cpg", ["SHIFT_JIS", "CP932", "932"])
def test_cpg_naming_shift_jis_decodes_the_table(tmp_path: Path, cpg: str) -> None:
    from portal.geo.layer import read_layer

    source = GEO / "catalog/datasets/derived-zone9-did-kanuma"
    for part in source.glob("did_zone9.*"):
        shutil.copyfile(part, tmp_path / part.name)
    (tmp_path / "did_zone9.cpg").write_text(cpg, encoding="ascii")
    table, findings = read_layer(tmp_path / "did_zone9.shp", "did_zone9.shp", "shapefile")
    assert findings == [] and table is not None
    assert (table.encoding, table.cells[2].tolist()) == ("cp932", ["鹿沼市", "日光市"])


def test_real_self_intersection_in_yaizus_commercial_zones() -> None:
    from portal.geo.checks import read_geo_table

    _, findings = read_geo_table(GEO / "real/商業地域.shp", "real/商業地域.shp", "shapefile")
    assert _summary(findings) == [(
        "geo-self-intersection", "real/商業地域.shp", 4,
        "real/商業地域.shp feature 3 (row 4): the shape intersects itself near longitude "
        "138.326696, latitude 34.876451.")]


def test_real_empty_geometry_among_yaizus_flood_records() -> None:
    from portal.geo.checks import read_geo_table

    _, findings = read_geo_table(GEO / "real/浸水履歴_平成11年.shp", "浸水履歴_平成11年.shp",
                                 "shapefile")
    assert [(f.code, f.row, f.params["feature"], f.is_error) for f in findings] == [
        ("geo-geometry-empty", 97, 96, False)]


def test_a_feature_without_geometry_is_published_unlocated(tmp_path: Path) -> None:
    """A warning, not an error (#19): RFC 7946 allows a null geometry (an unlocated feature),
    GDAL, GeoPandas and Leaflet read it, and the map leaves it out; the flood record's other
    95 features and its attributes are not held back for it."""
    import json

    from portal.geo.checks import read_geo_table
    from portal.geo.crs import to_wgs84
    from portal.geo.geojson import prepare, write_features

    table, _ = read_geo_table(GEO / "real/浸水履歴_平成11年.shp", "浸水履歴_平成11年.shp",
                              "shapefile")
    assert table is not None and table.crs is not None
    out = tmp_path / "layer.geojson"
    box = write_features(out, prepare(to_wgs84(table.geometries, table.crs)), ["n"],
                         [[n] for n in range(len(table.geometries))])
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["n"] for f in features if f["geometry"] is None] == [95]
    assert box is not None and 138 < box[0] < box[2] < 139 and 34 < box[1] < box[3] < 35


def test_real_text_in_a_numeric_dbf_field_is_an_error_not_a_silent_zero() -> None:
    """GDAL reads 「指定」 in a numeric .dbf field as 0 and only warns; that becomes an error
    naming the column and the value (decoded with the table's .cpg, Shift_JIS)."""
    from portal.geo.checks import read_geo_table

    name = "大島・三和地区_タクシー指定施設.shp"
    _, findings = read_geo_table(GEO / "real" / name, name, "shapefile")
    assert [(f.code, f.column, f.value, f.is_error) for f in findings] == [
        ("geo-number-field-text", "SAFIELD001", "指定", True)]
    assert findings[0].message("ja") == (
        f"{name} の列「SAFIELD001」は .dbf では数値の列ですが、数値でない値「指定」があり、"
        "0 と読まれてしまいます。")


def test_real_wgs84_shapefile_with_utf8_cpg_reports_its_two_crossings() -> None:
    from portal.geo.checks import read_geo_table

    table, findings = read_geo_table(GEO / "real/浸水履歴_令和4年.shp", "r4.shp", "shapefile")
    assert table is not None and table.crs is not None and table.crs.to_epsg() == 4326
    assert (table.encoding, len(table.cells)) == ("utf-8", 62)
    assert [(f.code, f.row) for f in findings] == [("geo-self-intersection", 6),
                                                   ("geo-self-intersection", 41)]


def test_features_with_blank_attributes_are_not_empty_rows(tmp_path: Path) -> None:
    """Yaizu's 都市機能誘導区域: three lines whose one field (area) is blank in every feature.
    The geometry is the data; only a missing geometry is reported (geo-geometry-empty)."""
    from portal.ingest.layers import attribute_table

    name = "住まいるシティ拠点エリア（都市機能誘導区域）"
    for part in (GEO / "real").glob(f"{name}.*"):
        shutil.copy(part, tmp_path)
    _, schema, _ = attribute_table(tmp_path / f"{name}.shp")
    (tmp_path / "layer.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    findings = _validate(f"{name}.shp", "shapefile", "layer.schema.json", root=tmp_path)
    assert _summary(findings) == []

"""Hostile zipped Shapefiles (#22 items 4 and 15): a zip bomb and traversal members are refused
by every entrance (validate, build, portal new, portal import) with a finding naming the file
and the member, before anything reads a member. The zips are generated in the tests from the
real e-Stat Shapefile of the geographic test catalog, plus the hostile member."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from portal.geo.archive import MAX_MEMBERS, archive_findings, unsafe_name
from portal.geo.layer import read_layer
from portal.ingest.importer import import_list
from portal.publishing.pipeline import build
from portal.scaffold import new_dataset
from portal.validate.engine import validate_catalog
from tests.conftest import TODAY
from tests.geo.conftest import GEO_CATALOG
from tests.test_import import _row, _write_list

REAL = GEO_CATALOG / "datasets/estat-did-tochigi/2010_did_ddsw_09.zip"
ZIP_PATH = "datasets/estat-did-tochigi/2010_did_ddsw_09.zip"


def _hostile(target: Path, extra: dict[str, bytes]) -> Path:
    """The real Shapefile's members, then ``extra`` (name → content), deflated."""
    with zipfile.ZipFile(REAL) as real, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as out:
        for info in real.infolist():
            out.writestr(info.filename, real.read(info))
        for name, data in extra.items():
            out.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return target


@pytest.fixture
def geo_catalog(tmp_path: Path) -> Path:
    shutil.copytree(GEO_CATALOG, tmp_path / "catalog")
    return tmp_path / "catalog" / "catalog.yaml"


def _codes(findings: object) -> list[tuple[str, str | None, str]]:
    return [(f.code, f.file, f.params.get("member", "")) for f in findings]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["../../pwned.txt", "/tmp/pwned.txt", "..\\..\\pwned.txt",
                                  "C:/pwned.txt", "2010_did_ddsw_09/../../pwned.txt"])
def test_a_traversal_member_refuses_the_archive(tmp_path: Path, name: str) -> None:
    path = _hostile(tmp_path / "layer.zip", {name: b"pwned\n"})
    table, findings = read_layer(path, "layer.zip", "shapefile")
    assert table is None
    assert _codes(findings) == [("geo-zip-member-path", "layer.zip", name)]


def test_ordinary_member_names_are_safe() -> None:
    assert [unsafe_name(n) for n in ("a/b.shp", "b.shp", "dir/", "a..b.dbf")] == [
        False, False, False, False]
    assert archive_findings(REAL, "real.zip") == []


def test_a_cpg_expanding_to_10_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # 10 MB of blanks deflate to about 10 KB: the 1 GB .cpg of the issue, scaled down.
    path = _hostile(tmp_path / "bomb.zip", {"2010_did_ddsw_09/h22_did_09.cpg":
                                            b"UTF-8" + b" " * (10 * 1024**2)})
    table, findings = read_layer(path, "bomb.zip", "shapefile")
    assert table is None
    assert [(f.code, f.params["member"], f.params["reason"]) for f in findings] == [
        ("geo-zip-too-large", "2010_did_ddsw_09/h22_did_09.cpg",
         "10,485,765 bytes > 65,536")]


def test_a_member_compressed_over_200_to_1_is_refused(tmp_path: Path) -> None:
    path = _hostile(tmp_path / "bomb.zip", {"2010_did_ddsw_09/notes.txt": b"\0" * (20 * 1024**2)})
    findings = archive_findings(path, "bomb.zip")
    assert [(f.code, f.params["member"]) for f in findings] == [
        ("geo-zip-too-large", "2010_did_ddsw_09/notes.txt")]
    assert findings[0].params["reason"].endswith(":1 > 200:1")
    assert "bomb.zip: 2010_did_ddsw_09/notes.txt is over a limit" in findings[0].message("en")


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    path = _hostile(tmp_path / "many.zip", {f"extra/{i}.txt": b"" for i in range(MAX_MEMBERS)})
    assert [(f.code, f.params["reason"]) for f in archive_findings(path, "many.zip")] == [
        ("geo-zip-too-large", f"{MAX_MEMBERS + 4} members > {MAX_MEMBERS}")]


def test_validate_and_build_refuse_a_traversal_zip_and_publish_nothing_of_it(
        geo_catalog: Path, tmp_path: Path) -> None:
    _hostile(geo_catalog.parent / ZIP_PATH, {"../../pwned.txt": b"pwned\n"})
    report = validate_catalog(geo_catalog, ids=["estat-did-tochigi"], today=TODAY)
    (dataset,) = report.datasets
    assert _codes(dataset.findings) == [("geo-zip-member-path", ZIP_PATH, "../../pwned.txt")]
    result = build(geo_catalog, tmp_path / "out", today=TODAY)
    assert "estat-did-tochigi" not in result.built
    assert not list((tmp_path / "out").resolve().glob("datasets/estat-did-tochigi/**/*.zip"))


def test_portal_new_refuses_a_traversal_zip_and_writes_nothing(
        geo_catalog: Path, tmp_path: Path) -> None:
    source = _hostile(tmp_path / "layer.zip", {"../../pwned.txt": b"pwned\n"})
    before = geo_catalog.read_bytes()
    result = new_dataset(source, "new-layer", catalog_path=geo_catalog, today=TODAY)
    assert _codes(result.findings) == [("geo-zip-member-path", "layer.zip", "../../pwned.txt")]
    assert result.exit_code == 1
    assert geo_catalog.read_bytes() == before
    assert not (geo_catalog.parent / "datasets/new-layer").exists()


def test_portal_import_refuses_a_traversal_zip_as_an_error(geo_catalog: Path,
                                                           tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    _hostile(files / "did.zip", {"../../pwned.txt": b"pwned\n"})
    listing = _write_list(files / "generated-list.csv", [_row("did-layer", "人口集中地区", "did.zip")])
    before = geo_catalog.read_bytes()
    result = import_list(listing, catalog_path=geo_catalog, today=TODAY)
    assert [(r.row, r.action) for r in result.rows] == [(2, "error")]
    assert [(f.code, f.file, f.row, f.params["member"]) for f in result.rows[0].findings] == [
        ("geo-zip-member-path", "did.zip", 2, "../../pwned.txt")]
    assert result.exit_code == 1
    assert geo_catalog.read_bytes() == before
    assert not (geo_catalog.parent / "datasets/did-layer").exists()


def test_a_traversal_zip_declared_as_geojson_is_refused_too(tmp_path: Path) -> None:
    path = _hostile(tmp_path / "layer.zip", {"../../pwned.txt": b"pwned\n"})
    table, findings = read_layer(path, "layer.zip", "geojson")
    assert table is None
    assert _codes(findings) == [("geo-zip-member-path", "layer.zip", "../../pwned.txt")]


def test_a_zip_without_a_shapefile_declared_as_geojson_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "layer.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "no layer here\n")
    table, findings = read_layer(path, "layer.zip", "geojson")
    assert table is None
    assert [f.code for f in findings] == ["geo-unreadable"]

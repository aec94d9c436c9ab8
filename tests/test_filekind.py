"""A file's kind from its first bytes and its suffix (portal/filekind.py), the one answer of
`portal new`, `portal import` and `portal validate`: content that contradicts the suffix or
the catalog's ``format:`` is reported naming both, from the first kilobytes, never parsed.

The real files are those of tests/data/geo (see its SOURCES.md) and the portal's datasets/;
the PDF, zips and renamed copies are generated here and say so in their names.
"""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from portal.catalog.model import Dataset, Resource, Source, Text
from portal.filekind import kind_finding, sniff
from portal.scaffold import new_dataset
from portal.validate.engine import validate_dataset
from tests.geo.conftest import GEO, GEO_CATALOG

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 25)
GEOJSON = GEO_CATALOG / "datasets/gsi-hinanjo-mashiko/093424.geojson"
SHP = GEO_CATALOG / "datasets/derived-zone9-did-kanuma/did_zone9.shp"
ZIPPED = GEO_CATALOG / "datasets/estat-did-tochigi/2010_did_ddsw_09.zip"
CSV = ROOT / "datasets/dx-glossary/glossary.csv"


def _xlsx() -> bytes:
    book = Workbook()
    book.active.append(["番号", "名称"])
    book.active.append([1, "生成"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "fmt", "kind"), [
    ("093424.geojson", GEOJSON.read_bytes(), "geojson", "layer"),
    ("093424.json", GEOJSON.read_bytes(), "geojson", "layer"),
    ("did_zone9.shp", SHP.read_bytes(), "shapefile", "layer"),
    ("did.zip", ZIPPED.read_bytes(), "shapefile", "layer"),
    ("glossary.csv", CSV.read_bytes(), "csv", "table"),
    ("glossary-cp932.csv", CSV.read_text(encoding="utf-8").encode("cp932", "replace"), "csv",
     "table"),
    ("generated.xlsx", _xlsx(), "xlsx", "table"),
    ("generated-no-suffix", CSV.read_bytes(), "csv", "table"),
    ("generated.pdf", b"%PDF-1.4\n% generated\n", None, "document"),
])
def test_tables_layers_and_documents_are_told_apart(tmp_path: Path, name: str,
                                                   content: bytes, fmt: str | None,
                                                   kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    found = sniff(path)
    assert (found.format, found.kind, found.contradicts) == (fmt, kind, False)


@pytest.mark.parametrize(("name", "content", "suffix", "actual"), [
    ("generated-geojson.csv", GEOJSON.read_bytes(), "CSV", "GeoJSON"),
    ("generated-csv.geojson", CSV.read_bytes(), "GeoJSON", "CSV"),
    ("generated-pdf.xlsx", b"%PDF-1.4\n% generated\n", "Excel (xlsx)", "PDF"),
    ("generated-xlsx.csv", _xlsx(), "CSV", "Excel (xlsx)"),
    ("generated-no-shp.zip", _zip({"readme.txt": b"x", "a.csv": b"a,b\n"}),
     "ZIP (Shapefile)", "ZIP (readme.txt, a.csv)"),
    ("generated-csv.shp", CSV.read_bytes(), "Shapefile", "CSV"),
    ("generated-html.csv", b"<!DOCTYPE html><html><body>404</body></html>", "CSV", "HTML"),
])
def test_content_that_contradicts_the_suffix_is_named_with_both(
        tmp_path: Path, name: str, content: bytes, suffix: str, actual: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    finding = kind_finding(sniff(path), name, row=3)
    assert finding is not None
    assert (finding.code, finding.file, finding.row, finding.params) == (
        "file-kind-mismatch", name, 3, {"suffix": suffix, "content": actual})
    assert finding.message("en") == (
        f"{name} is named as {suffix} but its content is {actual}; it is not read as "
        "something else.")


def test_a_multi_megabyte_geojson_named_csv_is_judged_from_its_first_kilobytes(
        tmp_path: Path) -> None:
    """Yaizu's 3.8 MB 内水浸水想定区域 GeoJSON read as a CSV stopped an import for 15 minutes;
    a generated 8 MB one named .csv is refused from its head."""
    text = GEOJSON.read_bytes()
    path = tmp_path / "generated-large-geojson.csv"
    path.write_bytes(text[:-3] + b" " * 8_000_000 + text[-3:])
    start = time.perf_counter()
    finding = kind_finding(sniff(path), path.name)
    assert time.perf_counter() - start < 1.0
    assert finding is not None and finding.code == "file-kind-mismatch"


def _dataset(path: str, fmt: str, schema: str) -> Dataset:
    return Dataset(
        id="kind-test", title=Text("-", "-"), description=Text("-", "-"),
        publisher=Text("-", "-"), category="geography", tags=(), license="CC-BY-4.0",
        issued=TODAY, modified=TODAY, frequency="irregular", source=Source(Text("-", "-")),
        resources=(Resource("layer", path, fmt, schema),))


@pytest.mark.parametrize(("name", "content", "fmt", "expected"), [
    ("generated-geojson.csv", GEOJSON.read_bytes(), "csv",
     ("file-kind-mismatch", {"suffix": "CSV", "content": "GeoJSON"})),
    ("generated-csv.geojson", CSV.read_bytes(), "geojson",
     ("file-kind-mismatch", {"suffix": "GeoJSON", "content": "CSV"})),
    ("generated-layer.geojson", GEOJSON.read_bytes(), "csv",
     ("resource-format-mismatch", {"format": "csv", "content": "GeoJSON"})),
    ("generated-table.csv", CSV.read_bytes(), "xlsx",
     ("resource-format-mismatch", {"format": "xlsx", "content": "CSV"})),
])
def test_validation_reports_a_format_that_contradicts_the_content(
        tmp_path: Path, name: str, content: bytes, fmt: str,
        expected: tuple[str, dict[str, str]]) -> None:
    shutil.copytree(GEO / "catalog", tmp_path / "catalog")
    (tmp_path / name).write_bytes(content)
    report, tables = validate_dataset(_dataset(
        name, fmt, "catalog/datasets/gsi-hinanjo-mashiko/hinanjo.schema.json"), tmp_path, TODAY)
    assert [(f.code, f.file, f.params) for f in report.findings] == [(*expected[:1], name,
                                                                      expected[1])]
    assert tables == {}


def test_portal_new_refuses_a_pdf_and_a_geojson_named_csv_writing_nothing(
        test_catalog: Path, tmp_path: Path) -> None:
    before = test_catalog.read_bytes()
    pdf = tmp_path / "generated-minutes.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% generated\n")
    renamed = tmp_path / "generated-shelters.csv"
    shutil.copyfile(GEOJSON, renamed)
    results = [new_dataset(p, "kind-new", catalog_path=test_catalog, today=TODAY)
               for p in (pdf, renamed)]
    assert [[(f.code, f.params) for f in r.findings] for r in results] == [
        [("file-not-machine-readable", {"kind": "PDF"})],
        [("file-kind-mismatch", {"suffix": "CSV", "content": "GeoJSON"})]]
    assert [r.exit_code for r in results] == [1, 1]
    assert test_catalog.read_bytes() == before
    assert not (test_catalog.parent / "datasets/kind-new").exists()

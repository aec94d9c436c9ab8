"""A CSV of two encodings (#22 item 18): CP932 rows with UTF-8 rows pasted below them decode
"successfully" as CP932 (東京 → 譚ｱ莠ｬ); validation and import name the first line in the
other encoding instead of publishing garbled text. Files are generated in the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.ingest.importer import import_list
from portal.validate.encoding import decode
from portal.validate.engine import validate_catalog
from tests.conftest import TODAY
from tests.test_import import _row, _write_list

CP932_ROWS = "ID,名称,地区\r\n1,鹿沼市役所,中央\r\n2,北部公民館,北部\r\n"
UTF8_ROWS = "3,東京事務所,東部\r\n4,西部公民館,西部\r\n"
FACILITIES = "datasets/generated-facilities/facilities.csv"


def _mixed_cp932_then_utf8() -> bytes:
    return CP932_ROWS.encode("cp932") + UTF8_ROWS.encode("utf-8")


def test_cp932_rows_followed_by_utf8_rows_are_refused_at_the_first_utf8_line() -> None:
    data = _mixed_cp932_then_utf8()
    assert "譚ｱ莠ｬ" in data.decode("cp932")  # what was published before
    decoded, findings = decode(data, "mixed.csv")
    assert decoded is None
    assert [(f.code, f.file, f.line, dict(f.params)) for f in findings] == [
        ("encoding-mixed", "mixed.csv", 4,
         {"encoding": "Shift_JIS (CP932)", "other": "UTF-8"})]
    assert findings[0].message("en") == (
        "File mixed.csv changes encoding at line 4: UTF-8 there, Shift_JIS (CP932) before it; "
        "read as one encoding it would be garbled.")


def test_utf8_rows_followed_by_cp932_rows_are_refused_at_the_first_cp932_line() -> None:
    data = UTF8_ROWS.encode("utf-8") + CP932_ROWS.encode("cp932")
    decoded, findings = decode(data, "mixed.csv")
    assert decoded is None
    assert [(f.code, f.line, f.params["other"]) for f in findings] == [
        ("encoding-mixed", 3, "Shift_JIS (CP932)")]


@pytest.mark.parametrize("encoding", ["cp932", "utf-8"])
def test_a_file_of_one_encoding_still_decodes(encoding: str) -> None:
    decoded, findings = decode((CP932_ROWS + UTF8_ROWS).encode(encoding), "one.csv")
    assert decoded is not None and decoded.text == CP932_ROWS + UTF8_ROWS
    assert [f.code for f in findings] == (["encoding-cp932"] if encoding == "cp932" else [])


def test_validate_names_the_line_where_utf8_rows_start(test_catalog: Path) -> None:
    path = test_catalog.parent / FACILITIES
    data = path.read_bytes()
    lines = data.count(b"\n")
    path.write_bytes(data + "61,東京テスト施設,東部,3228061,36.5,139.7,2020-04-01,10\r\n"
                     .encode())
    report = validate_catalog(test_catalog, ids=["generated-facilities"], today=TODAY)
    (dataset,) = report.datasets
    assert [(f.code, f.file, f.line) for f in dataset.findings] == [
        ("encoding-mixed", FACILITIES, lines + 1)]


def test_a_latin1_file_is_still_reported_as_unsupported() -> None:
    decoded, findings = decode("ID,名前\n1,Café\n".encode() + b"2,Caf\xe9\xff\n", "x.csv")
    assert [(f.code, f.params.get("offset")) for f in findings] == [("encoding-unsupported", 23)]


def test_import_refuses_the_mixed_file_and_writes_nothing(test_catalog: Path,
                                                          tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    (files / "offices.csv").write_bytes(_mixed_cp932_then_utf8())
    listing = _write_list(files / "generated-list.csv", [_row("offices", "事務所", "offices.csv")])
    before = test_catalog.read_bytes()
    result = import_list(listing, catalog_path=test_catalog, today=TODAY)
    assert [(r.row, r.action) for r in result.rows] == [(2, "error")]
    assert [(f.code, f.file, f.line) for f in result.rows[0].findings] == [
        ("encoding-mixed", "offices.csv", 4)]
    assert test_catalog.read_bytes() == before
    assert not (test_catalog.parent / "datasets/offices").exists()

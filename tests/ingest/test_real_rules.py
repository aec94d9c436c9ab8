"""Rules that fit real data (#19): each rule's detector on a real file as published, and its
fixer under --fix, on the Yaizu and Takamatsu files of tests/data/real/SOURCES.md.

A finding is an error only where publishing would mislead a reader or break a program:
line breaks in text, future expiry dates, cells of spaces, example sheets and 0/0 coordinates
are warnings that publish; --fix repairs what has one meaning.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from portal.catalog.load import load_catalog
from portal.catalog.model import Dataset, Resource, Source, Text
from portal.geo.geojson import point_geometries
from portal.ingest import ingest_file
from portal.ingest.importer import import_list
from portal.ingest.pipeline import ingest_sheets
from portal.validate.engine import validate_catalog, validate_dataset
from portal.validate.report import Finding
from portal.validate.rules.line_breaks import joins_lines
from portal.validate.rules.sheets import is_example_sheet
from tests.conftest import empty_catalog_at
from tests.ingest.helpers import REAL, TODAY, validate_ingested

Seen = tuple[str, str, int | None, str | None]


def _seen(findings: list[Finding], *codes: str) -> list[Seen]:
    return [(f.code, f.severity, f.row, f.column) for f in findings if f.code in codes]


def _validate_as_published(name: str, root: Path,
                           schema: dict[str, Any] | None = None) -> list[Finding]:
    """The real file byte for byte as a resource, with the schema `portal new` infers for it
    without --fix (or ``schema``), validated like `portal validate`."""
    folder = root / "datasets" / "sample"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REAL / name, folder / name)
    descriptor = schema or ingest_file(REAL / name).schema
    (folder / "sample.schema.json").write_text(json.dumps(descriptor, ensure_ascii=False),
                                               encoding="utf-8")
    fmt = "xlsx" if name.endswith(".xlsx") else "csv"
    dataset = Dataset(
        id="sample", title=Text("-", "-"), description=Text("-", "-"),
        publisher=Text("-", "-"), category="administration", tags=(), license="CC-BY-4.0",
        issued=TODAY, modified=TODAY, frequency="irregular", source=Source(Text("-", "-")),
        resources=(Resource("sample", f"datasets/sample/{name}", fmt,
                            "datasets/sample/sample.schema.json"),))
    report, _ = validate_dataset(dataset, root, TODAY)
    return list(report.findings)


def _changes(name: str, *codes: str) -> list[tuple[str, str | None, tuple[int, ...],
                                                     str | None, str, str, int]]:
    result = ingest_file(REAL / name, fix=True)
    return [(c.code, c.rule, c.rows, c.column, c.before, c.after, c.count)
            for c in result.fixes if c.code in codes]


def _errors(findings: list[Finding]) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.row, f.column) for f in findings if f.is_error]


# --- cell-line-break: a warning; --fix joins lines only in codes, names and numbers ----------

def test_line_breaks_in_free_text_are_warnings_and_the_file_publishes(tmp_path: Path) -> None:
    findings = _validate_as_published("yaizu-sandbag-stations.csv", tmp_path)
    assert _seen(findings, "cell-line-break") == [
        ("cell-line-break", "warning", 2, "利用方法"),
        ("cell-line-break", "warning", 3, "利用方法"),
        ("cell-line-break", "warning", 4, "利用方法"),
        ("cell-line-break", "warning", 2, "利用上の注意"),
        ("cell-line-break", "warning", 3, "利用上の注意"),
        ("cell-line-break", "warning", 4, "利用上の注意")]
    assert findings[0].rule == "L3-05"
    assert _errors(findings) == []


def test_fix_leaves_line_breaks_in_free_text_as_written(tmp_path: Path) -> None:
    name = "yaizu-sandbag-stations.csv"
    assert _changes(name, "fix-line-break-replaced") == []
    result = ingest_file(REAL / name, fix=True)
    assert result.table is not None
    usage = result.table.header.index("利用方法")
    assert all("\n" in cell for cell in result.table.cells[usage])
    fixed = validate_ingested(result, tmp_path)
    assert [f.row for f in fixed if f.code == "cell-line-break"] == [2, 3, 4, 2, 3, 4]
    assert _errors(fixed) == []


def test_a_line_break_in_a_category_is_reported_and_fix_replaces_it_by_a_space(
        tmp_path: Path) -> None:
    name = "yaizu-care-facilities.csv"
    assert _seen(_validate_as_published(name, tmp_path / "as-published"),
                 "cell-line-break") == [("cell-line-break", "warning", 5, "区分")]
    plain = ingest_file(REAL / name)
    assert [(f.code, f.row, f.column, f.params["all_rows"]) for f in plain.findings
            if f.code == "cell-line-break"] == [("cell-line-break", 5, "区分", (5,))]
    assert _changes(name, "fix-line-break-replaced") == [
        ("fix-line-break-replaced", "L3-05", (5,), "区分", "共同生活援助\n短期入所",
         "共同生活援助 短期入所", 1)]
    result = ingest_file(REAL / name, fix=True)
    assert result.table is not None
    assert result.table.cells[6][3] == "共同生活援助 短期入所"
    fixed = validate_ingested(result, tmp_path / "fixed")
    assert _seen(fixed, "cell-line-break") == []
    assert _errors(fixed) == []


def test_which_columns_join_lines_is_decided_from_the_schema() -> None:
    joined = {"区分", "要配慮者利用施設名称", "施設名称１", "電話番号", "郵便番号", "住所", "No.", "ID",
              "POIコード", "name", "telephoneNumber", "fullNameInKana"}
    kept = {"備考", "利用可能日時特記事項", "説明", "説明_英語", "利用方法", "利用上の注意", "ご案内",
            "営業時間", "availableDateNote", "description", "service"}
    assert {n for n in joined | kept if joins_lines({"name": n, "type": "string"})} == joined
    assert joins_lines({"name": "備考", "type": "integer"})  # not text: a number or a date


# --- date-in-future: a warning for expiry dates, an error for dates of events ---------------

def test_a_permit_ending_in_2031_is_a_warning_after_fix(tmp_path: Path) -> None:
    name = "takamatsu-food-business-permits.xlsx"
    result = ingest_file(REAL / name, fix=True)
    assert result.table is not None
    assert list(result.table.cells[14]) == ["2026-08-31", "2026-08-31", "2031-08-31",
                                            "2026-08-31"]
    fixed = validate_ingested(result, tmp_path / "fixed")
    assert _seen(fixed, "date-in-future", "date-later-than-today") == [
        ("date-later-than-today", "warning", 4, "許可終了日")]
    assert fixed[[f.code for f in fixed].index("date-later-than-today")].params == {
        "today": "2026-11-25"}
    assert _errors(fixed) == []


def test_the_schema_can_make_a_future_date_an_error_or_allow_it(tmp_path: Path) -> None:
    result = ingest_file(REAL / "takamatsu-food-business-permits.xlsx", fix=True)
    assert result.schema is not None
    for allowed, expected in ((False, [("date-in-future", "error", 4, "許可終了日")]),
                              (True, [])):
        fields = [{**f, "x-allowFuture": allowed} if f["name"] == "許可終了日" else f
                  for f in result.schema["fields"]]
        marked = replace(result, schema={**result.schema, "fields": fields})
        found = validate_ingested(marked, tmp_path / str(allowed))
        assert _seen(found, "date-in-future", "date-later-than-today") == expected


# --- cells of spaces: blank to validation, blanked by --fix ---------------------------------

def test_eight_spaces_in_a_date_column_are_blank_not_a_type_error(tmp_path: Path) -> None:
    name = "takamatsu-cleaning-shops.xlsx"
    findings = _validate_as_published(name, tmp_path / "plain")
    assert [(f.code, f.severity, f.column) for f in findings if f.row == 2] == [
        ("cell-whitespace-only", "warning", "開設確認日")]
    assert findings[[f.row for f in findings].index(2)].value == " " * 8
    schema = ingest_file(REAL / name).schema
    assert schema is not None
    required = {**schema, "fields": [
        {**f, "constraints": {"required": True}} if f["name"] == "開設確認日" else f
        for f in schema["fields"]]}
    findings = _validate_as_published(name, tmp_path / "required", required)
    assert [(f.code, f.severity, f.column) for f in findings if f.row == 2] == [
        ("cell-required", "error", "開設確認日"),
        ("cell-whitespace-only", "warning", "開設確認日")]


def test_fix_blanks_cells_of_spaces_and_logs_each_column(tmp_path: Path) -> None:
    name = "takamatsu-cleaning-shops.xlsx"
    assert _changes(name, "fix-whitespace-blanked") == [
        ("fix-whitespace-blanked", None, (5,), "施設郵便番号", " " * 8, "", 1),
        ("fix-whitespace-blanked", None, (2,), "開設確認日", " " * 8, "", 1)]
    result = ingest_file(REAL / name, fix=True)
    assert result.table is not None
    assert result.table.cells[12][0] == "" and result.table.cells[2][3] == ""
    fixed = validate_ingested(result, tmp_path)
    assert _seen(fixed, "cell-whitespace-only", "cell-type-error") == []
    assert _errors(fixed) == []


def test_spaces_in_a_postal_code_of_the_permit_list_are_reported_before_fix() -> None:
    plain = ingest_file(REAL / "takamatsu-food-business-permits.xlsx")
    assert [(f.code, f.row, f.column, f.params["all_rows"]) for f in plain.findings
            if f.code == "cell-whitespace-only"] == [
        ("cell-whitespace-only", 5, "施設郵便番号", (5,))]


# --- xlsx sheets: the first data sheet publishes; examples are left out --------------------

def test_an_input_example_sheet_is_left_out_with_a_warning(tmp_path: Path) -> None:
    name = "takamatsu-exchange-center.xlsx"
    findings = _validate_as_published(name, tmp_path)
    assert [(f.code, f.severity, f.params) for f in findings if f.code.startswith("xlsx-")] == [
        ("xlsx-example-sheet", "warning", {"sheet": "入力例"})]
    result = ingest_file(REAL / name, fix=True)
    assert result.sheet == "Sheet0"
    assert _changes(name, "fix-sheets-dropped", "fix-sheet-split") == [
        ("fix-sheets-dropped", "L1-01", (), "入力例", "入力例", "", 1)]
    assert [f.code for f in result.findings if f.code.startswith("xlsx-")] == [
        "xlsx-example-sheet"]


def test_several_data_sheets_are_a_warning_without_fix(tmp_path: Path) -> None:
    name = "derived-takamatsu-childcare-several-sheets.xlsx"
    findings = _validate_as_published(name, tmp_path)
    assert [(f.code, f.severity, f.params) for f in findings if f.code.startswith("xlsx-")] == [
        ("xlsx-several-sheets", "warning", {"sheets": "企業主導型保育施設, 保育所 一覧"}),
        ("xlsx-example-sheet", "warning", {"sheet": "記入例"})]
    assert len(ingest_sheets(REAL / name)) == 1


def test_fix_makes_each_data_sheet_a_resource_of_its_own(tmp_path: Path) -> None:
    name = "derived-takamatsu-childcare-several-sheets.xlsx"
    first, second = ingest_sheets(REAL / name, fix=True)
    assert (first.sheet, second.sheet) == ("企業主導型保育施設", "保育所 一覧")
    assert [(c.code, c.column, c.before) for c in first.fixes
            if c.code in ("fix-sheets-dropped", "fix-sheet-split")] == [
        ("fix-sheets-dropped", "記入例", "記入例"), ("fix-sheet-split", None, "保育所 一覧")]
    assert second.table is not None and second.table.file == f"{name} [保育所 一覧]"
    assert list(second.table.cells[3]) == ["高松市立瀬戸内保育所", "高松市立扇町保育所",
                                           "高松市立宮脇保育所"]
    catalog = empty_catalog_at(tmp_path / "repo")
    listing = tmp_path / "generated-list.csv"
    listing.write_text("ID,データ名称,概要,分類,更新頻度,URL,公開日\n"
                       f"childcare,保育施設,他市の公開データ(テスト用),子育て・教育,不定期,{name},2026-11-01\n",
                       encoding="utf-8")
    result = import_list(listing, catalog_path=catalog, files_dir=REAL, fix=True, today=TODAY)
    assert [(r.action, [f.code for f in r.findings if f.code.startswith("xlsx-")])
            for r in result.rows] == [("created", ["xlsx-example-sheet"])]
    loaded, _ = load_catalog(catalog)
    dataset = loaded.get("childcare")
    assert dataset is not None
    stem = "derived-takamatsu-childcare-several-sheets"
    assert [(r.name, r.path, r.title.ja if r.title else None) for r in dataset.resources] == [
        (stem, f"datasets/childcare/{stem}.csv", None),
        (f"{stem}-2", f"datasets/childcare/{stem}-2.csv", "保育所 一覧")]
    assert dataset.resources[1].original == f"datasets/childcare/original/{name}"
    report = validate_catalog(catalog, today=TODAY)
    assert [(f.code, f.file) for d in report.datasets for f in d.findings if f.is_error] == []


def test_example_sheets_are_told_by_name() -> None:
    names = ["入力例", "記入例", "記載例（様式1）", "サンプル", "見本", "例", "(例)", "Sample", "Sheet0",
             "条例一覧", "事例", "保育所 一覧"]
    assert [n for n in names if is_example_sheet(n)] == names[:8]


# --- coordinates 0/0: a warning, left off the map, blanked by --fix -------------------------

def test_zero_zero_coordinates_are_one_warning_per_row_not_errors(tmp_path: Path) -> None:
    findings = _validate_as_published("takamatsu-cultural-properties.xlsx", tmp_path)
    assert _seen(findings, "coordinate-zero", "coordinate-outside-japan") == [
        ("coordinate-zero", "warning", 2, "latitude"),
        ("coordinate-zero", "warning", 4, "latitude"),
        ("coordinate-zero", "warning", 5, "latitude")]
    zero = next(f for f in findings if f.code == "coordinate-zero")
    assert (zero.column_number, zero.value, zero.params) == (2, "0", {"other": "longitude"})


def test_fix_blanks_zero_zero_pairs_and_the_result_validates(tmp_path: Path) -> None:
    name = "takamatsu-cultural-properties.xlsx"
    assert _changes(name, "fix-coordinate-zero-blanked") == [
        ("fix-coordinate-zero-blanked", None, (2, 4, 5), "latitude", "0", "", 3),
        ("fix-coordinate-zero-blanked", None, (2, 4, 5), "longitude", "0", "", 3)]
    result = ingest_file(REAL / name, fix=True)
    assert result.table is not None
    assert list(result.table.cells[1]) == ["", "34.350573", "", ""]
    fixed = validate_ingested(result, tmp_path)
    assert _seen(fixed, "coordinate-zero", "coordinate-outside-japan") == []
    assert _errors(fixed) == []


def test_the_map_leaves_out_a_zero_zero_point() -> None:
    # Generated values: the 0, 0 and a blank are left out, a real place and a 0 latitude
    # with a longitude are kept (the latter is outside Japan and reported as such).
    points, keep = point_geometries([0.0, 134.051651, None, 134.0], [0.0, 34.350573, 34.0, 0.0])
    assert keep.tolist() == [False, True, False, True]
    assert np.allclose([(p.x, p.y) for p in points], [(134.051651, 34.350573), (134.0, 0.0)])

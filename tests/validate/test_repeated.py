"""A finding that repeats down a column: one entry with its count in text and annotations,
every row in JSON. On Yaizu City's real park list (tests/data/yaizu-parks/SOURCES)."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from portal.catalog.model import Dataset, Resource, Source, Text
from portal.findings import Finding
from portal.validate.engine import validate_dataset
from portal.validate.render import render_report
from portal.validate.report import Report, grouped

DATA = Path(__file__).resolve().parent.parent / "data" / "yaizu-parks"
CSV = "datasets/yaizu-parks/222127_park_info.csv"
TODAY = date(2026, 12, 1)


def _dataset() -> Dataset:
    return Dataset(
        id="yaizu-parks", title=Text("公園一覧", "Parks"), description=Text("説明", "About"),
        publisher=Text("焼津市", "Yaizu City"), category="living", tags=(),
        license="CC-BY-4.0", issued=date(2024, 4, 1), modified=date(2025, 4, 1),
        frequency="annual", source=Source(Text("焼津市", "Yaizu City")),
        resources=(Resource("parks", CSV, "csv", "datasets/yaizu-parks/parks.schema.json"),))


@pytest.fixture
def park_report(tmp_path: Path) -> Report:
    folder = tmp_path / "datasets" / "yaizu-parks"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "222127_park_info.csv", folder)
    shutil.copy(DATA / "222127_park_info.schema.json", folder / "parks.schema.json")
    report, _ = validate_dataset(_dataset(), tmp_path, TODAY)
    return Report(datasets=(report,))


def _area_cells() -> list[tuple[int, str]]:
    """(Table Schema row, cell) of the area column, read with the csv module."""
    with (DATA / "222127_park_info.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("面積（㎡）")
    return [(number, row[column]) for number, row in enumerate(rows[1:], start=2)]


def test_the_park_list_area_column_is_one_thousands_separator_finding_per_cell(
        park_report: Report) -> None:
    with_separator = [(row, cell) for row, cell in _area_cells() if "," in cell]
    assert len(with_separator) == 96 and with_separator[0] == (2, "32,500 ")
    (dataset,) = park_report.datasets
    assert [(f.code, f.rule, f.row, f.column, f.column_number, f.value)
            for f in dataset.findings] == [
        ("number-thousands-separator", "L3-02", row, "面積（㎡）", 6, cell)
        for row, cell in with_separator]


def test_text_gives_the_repeated_finding_once_with_count_rows_and_fix(
        park_report: Report) -> None:
    assert render_report(park_report, "text", "en") == (
        f"{CSV}:2:6: error number-thousands-separator [L3-02]\n"
        f'  {CSV} row 2, column "面積（㎡）": the number "32,500 " has thousands separators.\n'
        "  The same problem is in 96 rows (rows 2, 3, 4, 5, 6, …).\n"
        "  How to fix: Remove the separators (1,234 → 1234); in Excel use the General number "
        "format.\n"
        "\n"
        "Checked 1 dataset(s): 96 error(s), 0 warning(s).\n")


def test_text_in_japanese(park_report: Report) -> None:
    assert render_report(park_report, "text", "ja").splitlines()[:4] == [
        f"{CSV}:2:6: エラー number-thousands-separator [L3-02]",
        f"  {CSV} 2 行目「面積（㎡）」の数値「32,500 」に桁区切りのコンマがあります。",
        "  同じ問題が 96 行にあります(2, 3, 4, 5, 6, … 行目)。",
        "  修正方法: コンマを外してください(例: 1,234 → 1234)。Excel では表示形式を「標準」にしてください。",
    ]


def test_github_gives_one_annotation(park_report: Report) -> None:
    assert render_report(park_report, "github", "en") == (
        f"::error file={CSV},line=2,col=6,title=number-thousands-separator::{CSV} row 2, "
        'column "面積（㎡）": the number "32,500 " has thousands separators.%0AThe same problem '
        "is in 96 rows (rows 2, 3, 4, 5, 6, …).%0ARemove the separators (1,234 → 1234); in "
        "Excel use the General number format.\n")


def test_json_keeps_every_row(park_report: Report) -> None:
    body = json.loads(render_report(park_report, "json", "en"))
    (dataset,) = body["datasets"]
    assert [(e["row"], e["value"]) for e in dataset["errors"]] == [
        (row, cell) for row, cell in _area_cells() if "," in cell]
    assert dataset["errors"][0] == {
        "code": "number-thousands-separator", "rule": "L3-02", "severity": "error",
        "file": CSV, "row": 2, "line": 2, "column": "面積（㎡）", "column_number": 6,
        "value": "32,500 ",
        "message": {
            "ja": f"{CSV} 2 行目「面積（㎡）」の数値「32,500 」に桁区切りのコンマがあります。",
            "en": f'{CSV} row 2, column "面積（㎡）": the number "32,500 " has thousands '
                  "separators."},
        "fix": {"ja": "コンマを外してください(例: 1,234 → 1234)。"
                      "Excel では表示形式を「標準」にしてください。",
                "en": "Remove the separators (1,234 → 1234); in Excel use the General number "
                      "format."}}
    assert (body["valid"], dataset["valid"], dataset["warnings"]) == (False, False, [])


def test_only_the_same_code_in_the_same_column_of_the_same_file_is_grouped() -> None:
    def cell(code: str, row: int, column: int, file: str = "a.csv") -> Finding:
        return Finding(code, file=file, row=row, line=row, column=f"c{column}",
                       column_number=column, value="x")

    findings = [cell("number-with-unit", 3, 2), cell("number-with-unit", 2, 2),
                cell("number-with-unit", 2, 3), cell("fullwidth-digits", 4, 2),
                cell("number-with-unit", 9, 2, "b.csv"),
                Finding("catalog-unknown-field", file="catalog.yaml", line=5,
                        params={"entry": "a", "field": "x"}),
                Finding("catalog-unknown-field", file="catalog.yaml", line=9,
                        params={"entry": "b", "field": "y"})]
    assert [(g.first.file, g.first.code, g.first.column_number, g.rows) for g in
            grouped(findings)] == [
        ("a.csv", "number-with-unit", 2, (2, 3)),
        ("a.csv", "number-with-unit", 3, (2,)),
        ("a.csv", "fullwidth-digits", 2, (4,)),
        ("b.csv", "number-with-unit", 2, (9,)),
        ("catalog.yaml", "catalog-unknown-field", None, ()),
        ("catalog.yaml", "catalog-unknown-field", None, ()),
    ]


def test_up_to_five_rows_are_named() -> None:
    findings = [Finding("cell-line-break", file="a.csv", row=row, column="c", column_number=1)
                for row in (2, 3, 4, 5, 6)]
    (group,) = grouped(findings)
    assert (group.count, group.shown_rows()) == (5, "2, 3, 4, 5, 6")
    (group,) = grouped(findings + [Finding("cell-line-break", file="a.csv", row=7, column="c",
                                           column_number=1)])
    assert (group.count, group.shown_rows()) == (6, "2, 3, 4, 5, 6, …")

"""Machine-readability rules, one defect per file, run through ``validate_dataset``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from portal.catalog.model import Dataset, Resource, Source, Text
from portal.validate.engine import validate_dataset
from portal.validate.report import Finding

TODAY = date(2026, 11, 25)

Row = tuple[str, int | None, int | None, str | None]


def _dataset(dataset_id: str, csv_name: str, standard: str | None = None) -> Dataset:
    return Dataset(
        id=dataset_id, title=Text("題", "Title"), description=Text("説明", "Description"),
        publisher=Text("市民課", "Citizens Division"), category="living", tags=(),
        license="CC-BY-4.0", issued=date(2020, 4, 1), modified=date(2025, 4, 1),
        frequency="annual", source=Source(Text("鹿沼市", "Kanuma City")),
        resources=(Resource("main", f"datasets/{dataset_id}/{csv_name}", "csv",
                            f"datasets/{dataset_id}/main.schema.json"),),
        standard=standard)


def _validate(tmp_path: Path, csv_name: str, text: str, fields: list[dict[str, Any]],
              **schema: Any) -> list[Finding]:
    folder = tmp_path / "datasets" / "sample"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / csv_name).write_bytes(text.encode("utf-8"))
    descriptor = {"fields": fields, "missingValues": [""], **schema}
    (folder / "main.schema.json").write_text(json.dumps(descriptor, ensure_ascii=False),
                                             encoding="utf-8")
    report, _ = validate_dataset(_dataset("sample", csv_name), tmp_path, TODAY)
    assert report.id == "sample"
    return list(report.findings)


def _rows(findings: list[Finding]) -> list[Row]:
    return [(f.code, f.row, f.line, f.column) for f in findings]


AREA_POPULATION = [{"name": "地区", "type": "string"}, {"name": "人口", "type": "integer"}]


def test_clean_file_has_no_findings(tmp_path: Path) -> None:
    fields = [{"name": "地区", "type": "string"}, {"name": "人口", "type": "integer"},
              {"name": "面積", "type": "number"}, {"name": "調査日", "type": "date"},
              {"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"}]
    text = ("地区,人口,面積,調査日,緯度,経度\n"
            "北部,15611,12.5,2025-04-01,36.5510,139.7210\n"
            "中央,17937,8.25,2026-11-25,36.5520,139.7220\n")
    assert _validate(tmp_path, "clean.csv", text, fields) == []


def test_number_with_unit(tmp_path: Path) -> None:
    findings = _validate(tmp_path, "number_with_unit.csv", "地区,人口\n北部,100\n中央,200人\n",
                         AREA_POPULATION)
    assert _rows(findings) == [("number-with-unit", 3, 3, "人口")]
    assert (findings[0].value, findings[0].column_number) == ("200人", 2)


def test_thousands_separator_replaces_the_type_error(tmp_path: Path) -> None:
    findings = _validate(tmp_path, "number_thousands_separator.csv",
                         '地区,人口\n北部,100\n中央,"1,234"\n', AREA_POPULATION)
    assert _rows(findings) == [("number-thousands-separator", 3, 3, "人口")]
    assert findings[0].value == "1,234"
    assert "cell-type-error" not in [f.code for f in findings]


def test_fullwidth_digits(tmp_path: Path) -> None:
    findings = _validate(tmp_path, "fullwidth_digits.csv", "地区,人口\n北部,１２３\n中央,200\n",
                         AREA_POPULATION)
    assert _rows(findings) == [("fullwidth-digits", 2, 2, "人口")]
    assert findings[0].value == "１２３"


OPENED = [{"name": "名称", "type": "string"}, {"name": "開設日", "type": "date"}]


def test_wareki_date(tmp_path: Path) -> None:
    findings = _validate(tmp_path, "wareki_date.csv",
                         "名称,開設日\nA館,2020-04-01\nB館,令和5年4月1日\n", OPENED)
    assert _rows(findings) == [("wareki-date", 3, 3, "開設日")]
    assert findings[0].value == "令和5年4月1日"


def test_date_not_iso(tmp_path: Path) -> None:
    findings = _validate(tmp_path, "date_not_iso.csv",
                         "名称,開設日\nA館,2020-04-01\nB館,2023/04/01\n", OPENED)
    assert _rows(findings) == [("date-not-iso", 3, 3, "開設日")]


def test_a_future_date_is_a_warning_unless_the_column_records_an_event(
        tmp_path: Path) -> None:
    fields = [{"name": "名称", "type": "string"}, {"name": "開設日", "type": "date"},
              {"name": "閉館予定日", "type": "date", "x-allowFuture": True},
              {"name": "設置日", "type": "date"}, {"name": "次回更新日", "type": "date"},
              {"name": "廃止日", "type": "date", "x-allowFuture": False}]
    text = ("名称,開設日,閉館予定日,設置日,次回更新日,廃止日\n"
            "A館,2026-11-25,2030-03-31,2026-11-25,2027-04-01,\n"
            "B館,2026-11-26,2031-03-31,2026-12-01,2027-04-01,2026-11-30\n")
    findings = _validate(tmp_path, "date_in_future.csv", text, fields)
    assert [(f.code, f.severity, f.row, f.column) for f in findings] == [
        ("date-later-than-today", "warning", 3, "開設日"),
        ("date-in-future", "error", 3, "設置日"),
        ("date-later-than-today", "warning", 2, "次回更新日"),
        ("date-later-than-today", "warning", 3, "次回更新日"),
        ("date-in-future", "error", 3, "廃止日")]
    assert findings[0].params == {"today": "2026-11-25"}
    assert findings[0].value == "2026-11-26"


def test_cell_line_break_reports_the_physical_line(tmp_path: Path) -> None:
    fields = [{"name": "名称", "type": "string"}, {"name": "説明", "type": "string"}]
    text = '名称,説明\nA館,"一行目\n二行目"\nB館,"三行目\n四行目"\nC館,説明\n'
    findings = _validate(tmp_path, "cell_line_break.csv", text, fields)
    assert _rows(findings) == [("cell-line-break", 2, 2, "説明"),
                               ("cell-line-break", 3, 4, "説明")]


def test_blank_means_same(tmp_path: Path) -> None:
    fields = [{"name": "地区", "type": "string"}, {"name": "施設", "type": "string"},
              {"name": "定員", "type": "integer"}]
    text = "地区,施設,定員\n北部,A館,10\n,B館,20\n中央,C館,30\n"
    findings = _validate(tmp_path, "blank_means_same.csv", text, fields)
    assert _rows(findings) == [("blank-means-same", 3, 3, "地区")]


def test_multi_row_header(tmp_path: Path) -> None:
    fields = [{"name": "地区", "type": "string"}, {"name": "人口", "type": "integer"},
              {"name": "世帯数", "type": "integer"}]
    text = "地区,人口,世帯数\n,総数,総数\n北部,100,40\n中央,200,80\n"
    findings = _validate(tmp_path, "multi_row_header.csv", text, fields)
    assert _rows(findings) == [("cell-type-error", 2, 2, "人口"),
                               ("cell-type-error", 2, 2, "世帯数"),
                               ("multi-row-header", 2, 2, "人口")]
    assert findings[2].value == "総数 | 総数"


def test_title_row_above_header(tmp_path: Path) -> None:
    fields = [{"name": "地区", "type": "string"}, {"name": "施設", "type": "string"}]
    text = "施設一覧,\n地区,施設\n北部,A館\n"
    findings = _validate(tmp_path, "title_row_above_header.csv", text, fields)
    assert _rows(findings) == [("header-mismatch", 1, 1, "地区"),
                               ("header-blank", 1, 1, "施設"),
                               ("title-row-above-header", 1, 1, None)]
    assert (findings[2].value, findings[2].column_number) == ("施設一覧", 1)


def test_note_below_table(tmp_path: Path) -> None:
    text = "地区,人口\n北部,100\n中央,200\n合計,300\n※令和5年4月1日現在,\n"
    findings = _validate(tmp_path, "note_below_table.csv", text, AREA_POPULATION)
    assert _rows(findings) == [("note-below-table", 4, 4, "地区"),
                               ("note-below-table", 5, 5, "地区")]
    assert [f.value for f in findings] == ["合計", "※令和5年4月1日現在"]


# Rows that end a table, one of each kind the structure rule knows; the last data row first.
FOOTERS = [["北部", "100", ""], ["（注）数値は速報値", "", ""], ["", "合 計", "300"],
           ["", "", "出典: 住民基本台帳"], ["資料：市民課", "", ""]]


def test_validation_and_fix_find_the_same_notes_below_the_table(tmp_path: Path) -> None:
    """One rule: the rows validation reports as notes are the rows --fix's layout detection
    cuts from a department's sheet (portal/ingest/detect.py asks is_note_row)."""
    from portal.ingest.detect import detect_layout
    from portal.ingest.sheet import Sheet

    header = ["地区", "人口", "備考"]
    layout = detect_layout(Sheet(None, tuple(tuple(r) for r in [header, *FOOTERS])))
    assert layout is not None and layout.below == (2, 3, 4, 5)
    text = "\n".join(",".join(r) for r in [header, *FOOTERS]) + "\n"
    fields = AREA_POPULATION + [{"name": "備考", "type": "string"}]
    findings = _validate(tmp_path, "footers.csv", text, fields)
    assert [(f.code, f.row, f.column, f.value) for f in findings
            if f.code != "cell-type-error"] == [
        ("note-below-table", 3, "地区", "（注）数値は速報値"),
        ("note-below-table", 4, "人口", "合 計"),
        ("note-below-table", 5, "備考", "出典: 住民基本台帳"),
        ("note-below-table", 6, "地区", "資料：市民課")]


def test_validation_and_fix_find_the_same_blanks_meaning_same_as_above(tmp_path: Path) -> None:
    """One rule: the blank first cells validation reports are the cells --fix fills, each
    from the filled row above it."""
    from portal.ingest.detect import detect_layout
    from portal.ingest.sheet import Sheet

    rows = [["地区", "町", "人口"], ["", "x町", "5"], ["北部", "上町", "100"], ["", "下町", "200"],
            ["", "中町", "300"], ["中央", "本町", "400"], ["", "", ""], ["", "今宮町", "500"]]
    layout = detect_layout(Sheet(None, tuple(tuple(r) for r in rows)))
    assert layout is not None
    assert layout.same_as_above == ((3, 0, 2), (4, 0, 2), (7, 0, 5))
    text = "\n".join(",".join(r) for r in rows) + "\n"
    fields = [{"name": "地区", "type": "string"}, {"name": "町", "type": "string"},
              {"name": "人口", "type": "integer"}]
    findings = _validate(tmp_path, "same.csv", text, fields)
    assert [f.row for f in findings if f.code == "blank-means-same"] == [4, 5, 8]


def test_trailing_empty_row(tmp_path: Path) -> None:
    findings = _validate(tmp_path, "trailing_empty_row.csv", "地区,人口\n北部,100\n,\n",
                         AREA_POPULATION)
    assert _rows(findings) == [("trailing-empty-row", 3, 3, None)]


def test_trailing_empty_column(tmp_path: Path) -> None:
    findings = _validate(tmp_path, "trailing_empty_column.csv",
                         "地区,人口,\n北部,100,\n中央,200,\n", AREA_POPULATION)
    assert _rows(findings) == [("trailing-empty-column", None, None, None)]
    assert findings[0].column_number == 3


def test_coordinate_outside_japan(tmp_path: Path) -> None:
    fields = [{"name": "名称", "type": "string"}, {"name": "緯度", "type": "number"},
              {"name": "経度", "type": "number"}]
    text = "名称,緯度,経度\nA館,36.5510,139.7210\nB館,139.7220,36.5520\n"
    findings = _validate(tmp_path, "coordinate_outside_japan.csv", text, fields)
    assert _rows(findings) == [("coordinate-outside-japan", 3, 3, "緯度"),
                               ("coordinate-outside-japan", 3, 3, "経度")]
    assert [f.params for f in findings] == [{"low": 20.0, "high": 46.0},
                                            {"low": 122.0, "high": 154.0}]


def test_header_lookalike_horizontal_bar_for_long_vowel_mark(tmp_path: Path) -> None:
    fields = [{"name": "センター名", "type": "string"}, {"name": "地区", "type": "string"}]
    text = "センタ\u2015名,地区\nA,北部\n"
    findings = _validate(tmp_path, "header_lookalike.csv", text, fields)
    assert _rows(findings) == [("header-lookalike", 1, 1, "センター名")]
    assert findings[0].value == "センタ\u2015名"
    assert findings[0].params == {"chars": "U+2015≠U+30FC"}


def test_row_length_mismatch(tmp_path: Path) -> None:
    fields = AREA_POPULATION + [{"name": "世帯数", "type": "integer"}]
    text = "地区,人口,世帯数\n北部,100\n中央,200,80\n"
    findings = _validate(tmp_path, "row_length_mismatch.csv", text, fields)
    assert _rows(findings) == [("row-length-mismatch", 2, 2, None)]
    assert findings[0].params == {"count": 2, "expected": 3}


@pytest.mark.parametrize(
    ("cell", "column_type", "code"),
    [
        ("32,500 ", "integer", "number-thousands-separator"),  # as Excel exports a formatted cell
        ("32,500\u3000", "integer", "number-thousands-separator"),  # full-width space
        (" 1,234", "integer", "number-thousands-separator"),
        ("32，500", "integer", "number-thousands-separator"),  # full-width comma
        ("1,234.5 ", "number", "number-thousands-separator"),
        ("３２，５００", "integer", "fullwidth-digits"),
        ("１２３ ", "integer", "fullwidth-digits"),
        ("１２.５", "number", "fullwidth-digits"),
        ("100人", "integer", "number-with-unit"),
        ("100 人 ", "integer", "number-with-unit"),
        ("1,200円", "integer", "number-with-unit"),
        ("350㎡", "integer", "number-with-unit"),
        ("12.5%", "number", "number-with-unit"),
        ("\u3000約100", "integer", "number-with-unit"),
    ],
)
def test_a_number_cell_gets_its_specific_rule_never_the_generic_type_error(
        tmp_path: Path, cell: str, column_type: str, code: str) -> None:
    fields = [{"name": "地区", "type": "string"}, {"name": "値", "type": column_type}]
    findings = _validate(tmp_path, "number.csv", f'地区,値\n北部,100\n中央,"{cell}"\n', fields)
    assert [(f.code, f.row, f.column_number, f.value) for f in findings] == [
        (code, 3, 2, cell)]

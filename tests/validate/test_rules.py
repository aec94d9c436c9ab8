"""Machine-readability rules, each on a small file named for its defect: exact code, row, line
and column."""

from pathlib import Path

from tests.validate.helpers import check

NAME = {"name": "名称", "type": "string"}
COUNT = {"name": "人数", "type": "integer"}
DAY = {"name": "日付", "type": "date"}


def test_a_clean_file_has_no_findings(tmp_path: Path) -> None:
    assert check(tmp_path, "名称,人数,日付\n今宮,3,2024-04-01\n", [NAME, COUNT, DAY]) == []


def test_fullwidth_digits_in_integer_column_are_reported(tmp_path: Path) -> None:
    # frictionless reads "１２" as 12; only the raw cell shows the problem.
    found = check(tmp_path, "名称,人数\n今宮,１２\n", [NAME, COUNT], name="fullwidth_digits.csv")
    assert found == [("fullwidth-digits", 2, 2, "人数")]


def test_thousands_separator_replaces_the_generic_type_error(tmp_path: Path) -> None:
    found = check(tmp_path, '名称,人数\n今宮,"1,234"\n', [NAME, COUNT],
                  name="thousands_separator.csv")
    assert found == [("number-thousands-separator", 2, 2, "人数")]


def test_number_with_unit(tmp_path: Path) -> None:
    found = check(tmp_path, "名称,人数\n今宮,100人\n西沢,50%\n", [NAME, COUNT],
                  name="number_with_unit.csv")
    assert found == [("number-with-unit", 2, 2, "人数"), ("number-with-unit", 3, 3, "人数")]


def test_wareki_and_non_iso_dates(tmp_path: Path) -> None:
    found = check(tmp_path, "名称,日付\n今宮,令和5年4月1日\n西沢,R5.4.1\n上殿,2024/4/1\n",
                  [NAME, DAY], name="wareki_dates.csv")
    assert found == [("wareki-date", 2, 2, "日付"), ("wareki-date", 3, 3, "日付"),
                     ("date-not-iso", 4, 4, "日付")]


def test_future_dates_unless_the_schema_allows_them(tmp_path: Path) -> None:
    text = "名称,日付\n今宮,2026-11-25\n西沢,2026-11-26\n"
    assert check(tmp_path, text, [NAME, DAY]) == [("date-in-future", 3, 3, "日付")]
    allowed = {**DAY, "x-allowFuture": True}
    assert check(tmp_path, text, [NAME, allowed]) == []


def test_line_break_in_cell(tmp_path: Path) -> None:
    found = check(tmp_path, '名称,人数\n"今\n宮",3\n西沢,4\n', [NAME, COUNT],
                  name="line_break_in_cell.csv")
    assert found == [("cell-line-break", 2, 2, "名称")]


def test_blank_meaning_same_as_above(tmp_path: Path) -> None:
    found = check(tmp_path, "地区,名称\n北部,A\n,B\n南部,C\n", [
        {"name": "地区", "type": "string"}, NAME], name="blank_means_same.csv")
    assert found == [("blank-means-same", 3, 3, "地区")]


def test_two_header_rows(tmp_path: Path) -> None:
    found = check(tmp_path, "名称,人数\n,(人)\n今宮,3\n", [NAME, COUNT],
                  name="two_header_rows.csv")
    assert ("multi-row-header", 2, 2, "人数") in found


def test_title_row_above_the_header(tmp_path: Path) -> None:
    found = check(tmp_path, "施設一覧,\n名称,人数\n今宮,3\n", [NAME, COUNT],
                  name="title_row.csv")
    assert ("title-row-above-header", 1, 1, None) in found


def test_note_below_the_table_and_trailing_empty_rows(tmp_path: Path) -> None:
    found = check(tmp_path, "名称,人数\n今宮,3\n,\n※出典: 鹿沼市,\n", [NAME, COUNT],
                  name="note_below_table.csv")
    assert found == [("trailing-empty-row", 3, 3, None), ("note-below-table", 4, 4, "名称")]


def test_trailing_empty_column(tmp_path: Path) -> None:
    found = check(tmp_path, "名称,人数,\n今宮,3,\n", [NAME, COUNT],
                  name="trailing_empty_columns.csv")
    assert found == [("trailing-empty-column", None, None, None)]


def test_coordinates_outside_japan(tmp_path: Path) -> None:
    fields = [NAME, {"name": "緯度", "type": "number"}, {"name": "経度", "type": "number"}]
    found = check(tmp_path, "名称,緯度,経度\n市役所,36.5671,139.7455\n逆,139.7455,36.5671\n",
                  fields, name="swapped_coordinates.csv")
    assert found == [("coordinate-outside-japan", 3, 3, "緯度"),
                     ("coordinate-outside-japan", 3, 3, "経度")]


def test_lookalike_dash_in_header(tmp_path: Path) -> None:
    found = check(tmp_path, "名称,データ\n今宮,1\n", [NAME, {"name": "デ―タ", "type": "string"}],
                  name="lookalike_header.csv")
    assert found == [("header-lookalike", 1, 1, "デ―タ")]


def test_ragged_rows(tmp_path: Path) -> None:
    found = check(tmp_path, "名称,人数\n今宮,3,9\n西沢\n", [NAME, COUNT], name="ragged.csv")
    assert [f for f in found if f[0] == "row-length-mismatch"] == [
        ("row-length-mismatch", 2, 2, None), ("row-length-mismatch", 3, 3, None)]

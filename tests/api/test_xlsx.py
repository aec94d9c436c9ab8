"""The .xlsx download: codes and identifiers are text cells, so Excel keeps 092053."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from flask.testing import FlaskClient

from portal.publishing.normalize import Column
from portal.publishing.xlsx import sheet_title, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cells(data: bytes | Path) -> list[list[openpyxl.cell.Cell]]:
    book = openpyxl.load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    return [list(row) for row in book.worksheets[0].iter_rows()]


def test_text_columns_are_text_cells_and_numbers_stay_numbers(tmp_path: Path) -> None:
    # Generated in the test: a code, an id, a phone number, a formula-looking text, an
    # integer past Excel's 15 digits, a number and a missing value.
    columns = [
        Column("全国地方公共団体コード", "string", ["092053", "092053"], ["092053", "092053"]),
        Column("ID", "integer", [1, 2], ["1", "2"]),
        Column("電話番号", "string", ["0289-63-2252", None], ["0289-63-2252", ""]),
        Column("備考", "string", ["=1+1", "@SUM(A1)"], ["=1+1", "@SUM(A1)"]),
        Column("番号", "integer", [12345678901234567, 3], ["12345678901234567", "3"]),
        Column("値", "number", [1.5, None], ["1.5", ""]),
    ]
    path = tmp_path / "t.xlsx"
    write_xlsx(path, columns, "shelters")
    rows = _cells(path)
    assert [[c.value for c in row] for row in rows] == [
        ["全国地方公共団体コード", "ID", "電話番号", "備考", "番号", "値"],
        ["092053", 1, "0289-63-2252", "=1+1", "12345678901234567", 1.5],
        ["092053", 2, None, "@SUM(A1)", "3", None]]
    assert [(c.data_type, c.number_format) for c in rows[1]] == [
        ("s", "@"), ("n", "General"), ("s", "@"), ("s", "@"), ("s", "@"), ("n", "General")]
    assert openpyxl.load_workbook(path).sheetnames == ["shelters"]


def test_a_column_with_leading_zeros_is_text_whatever_its_type(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_xlsx(path, [Column("コード", "any", ["0012", "5"], ["0012", "5"]),
                      Column("値", "number", [float("nan"), 2.0], ["nan", "2"])], "x")
    assert [[c.value for c in row] for row in _cells(path)[1:]] == [["0012", "nan"],
                                                                    ["5", "2"]]


def test_sheet_names_are_ones_excel_accepts() -> None:
    assert sheet_title("a/b:c*d?e[f]g\\h") == "a_b_c_d_e_f_g_h"
    assert sheet_title("x" * 40) == "x" * 31


def test_the_xlsx_download_reads_back_with_codes_as_text(client: FlaskClient) -> None:
    response = client.get("/datasets/generated-facilities.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == XLSX
    assert response.headers["Content-Disposition"] == \
        "attachment; filename=generated-facilities.xlsx"
    rows = [[c.value for c in row] for row in _cells(response.data)]
    assert rows[0] == ["ID", "名称", "地区", "郵便番号", "緯度", "経度", "開設日", "定員"]
    assert rows[1] == [1, "テスト施設1号館", "中央", "3228001", 36.551, 139.721, "2011-04-02", 37]
    other = client.get("/datasets/generated-population/areas.xlsx")
    assert other.status_code == 200
    assert [c.value for c in _cells(other.data)[1]] == ["北部", "北部の地区(生成)"]


def test_the_xlsx_file_is_listed_on_every_surface(client: FlaskClient) -> None:
    url = "http://localhost/datasets/generated-facilities.xlsx"
    detail = client.get("/api/v1/datasets/generated-facilities").get_json()
    files = {f["kind"]: f for f in detail["resources"][0]["files"]}
    assert (files["xlsx"]["url"], files["xlsx"]["label"], files["xlsx"]["media_type"]) == (
        url, "Excel (.xlsx)", XLSX)
    package = client.get("/api/3/action/package_show?id=generated-facilities").get_json()
    resource = next(r for r in package["result"]["resources"] if r["url"] == url)
    assert (resource["id"], resource["format"], resource["mimetype"]) == (
        "generated-facilities.xlsx", "XLSX", XLSX)
    dcat = client.get("/catalog.jsonld").get_json()
    dataset = next(d for d in dcat["dcat:dataset"] if d["dct:identifier"] ==
                   "generated-facilities")
    assert any(d["dcat:downloadURL"] == {"@id": url} for d in dataset["dcat:distribution"])
    page = client.get("/datasets/generated-facilities").get_data(as_text=True)
    noscript = page.split("<noscript><main>", 1)[1].split("</main></noscript>", 1)[0]
    assert f'<a href="{url}">Excel (.xlsx)</a>' in noscript

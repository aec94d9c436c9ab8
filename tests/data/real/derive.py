"""Writes the derived-* and trimmed sample files from the real files beside it.

Each edit is small and listed in SOURCES.md; run `python tests/data/real/derive.py` after
changing one. The real files are never modified here except where SOURCES.md says "trimmed".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook, load_workbook

HERE = Path(__file__).resolve().parent


def trim_well_being(source: Path) -> None:
    """Rows 1-2 (the two header rows) and the first 40 answers, columns A-L."""
    sheet = load_workbook(source, data_only=True).worksheets[0]
    out = Workbook()
    target = out.active
    target.title = sheet.title
    for row in sheet.iter_rows(min_row=1, max_row=42, max_col=12, values_only=True):
        target.append(list(row))
    out.save(HERE / "takamatsu-well-being.xlsx")


def _tax_rows() -> list[list[object]]:
    sheet = load_workbook(HERE / "takamatsu-city-tax-settlement.xlsx", data_only=True).active
    return [list(r[:11]) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]]


JA_HEADER = ["No", "年度", "税目", "内訳", "区分", "調定額", "収入額", "不納欠損額",
             "収入未済額", "収入率", "前年度比"]


def excel_layout() -> None:
    """The tax table as a department's Excel sheet: a title row, a two-row header with merged
    labels, 税目 merged down its rows, a total and a note below."""
    rows = _tax_rows()[:10]
    book = Workbook()
    sheet = book.active
    sheet.append(["令和6年度 市税決算状況"])
    sheet.append([])
    sheet.append(["No", "年度", "税目", "内訳", "区分", "金額(円)", None, None, None, "率(%)",
                  None])
    sheet.append([None, None, None, None, None, "調定額", "収入額", "不納欠損額", "収入未済額",
                  "収入率", "前年度比"])
    for merged in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:I3", "J3:K3"):
        sheet.merge_cells(merged)
    first = sheet.max_row + 1
    for row in rows:
        sheet.append(row)
    # 税目 written once per group, the rest merged (市民税 × 4, 固定資産税 × 3 …).
    start = first
    for index in range(first + 1, first + len(rows) + 1):
        if index == first + len(rows) or sheet.cell(index, 3).value != sheet.cell(start, 3).value:
            if index - 1 > start:
                for r in range(start + 1, index):
                    sheet.cell(r, 3).value = None
                sheet.merge_cells(start_row=start, start_column=3, end_row=index - 1,
                                  end_column=3)
            start = index
    sheet.append(["合計", None, None, None, None, sum(int(r[5]) for r in rows),
                  sum(int(r[6]) for r in rows), None, None, None, None])
    sheet.append(["※ 令和6年度決算。金額の単位は円。"])
    book.save(HERE / "derived-takamatsu-city-tax-excel.xlsx")


def formatted_csv() -> None:
    """The tax table saved as CSV the way Excel shows it: separators, 円 and % in cells,
    full-width digits in 前年度比, an empty column and an empty row."""
    rows = _tax_rows()[:12]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(JA_HEADER + [""])
    for index, row in enumerate(rows):
        out = [str(v) for v in row]
        out[5] = f"{int(row[5]):,}"
        out[6] = f"{int(row[6]):,}円"
        out[9] = f"{row[9]}%"
        out[10] = str(row[10]).translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
        writer.writerow(out + [""])
        if index == 5:
            writer.writerow([""] * 12)
    (HERE / "derived-takamatsu-city-tax-formatted.csv").write_bytes(
        buffer.getvalue().encode("utf-8-sig"))


def cp932_copy() -> None:
    text = (HERE / "tokyo-historic-sites.csv").read_text(encoding="utf-8")
    (HERE / "derived-tokyo-historic-sites-cp932.csv").write_bytes(
        text.replace("\n", "\r\n").encode("cp932"))


def first_dates() -> None:
    """文化財指定日 cut to the first whole date written in it (the words around it, such as
    史跡指定 and later dates, removed); every other cell as published."""
    import re

    date = re.compile(r"(?:明治|大正|昭和|平成|令和)\d{1,2}年\d{1,2}月\d{1,2}日|\d{4}/\d{1,2}/\d{1,2}")
    with (HERE / "tokyo-historic-sites.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("文化財指定日")
    for row in rows[1:]:
        found = date.search(row[column])
        row[column] = found.group(0) if found else row[column]
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    (HERE / "derived-tokyo-historic-sites-first-date.csv").write_text(buffer.getvalue(),
                                                                      encoding="utf-8")


def lookalike_header() -> None:
    """One character of the header changed; every other byte (CRLF line ends) as published."""
    data = (HERE / "yaizu-aed.csv").read_bytes()
    (HERE / "derived-yaizu-aed-lookalike.csv").write_bytes(
        data.replace("都道府県コード又は".encode(), "都道府県コ\u2015ド又は".encode(), 1))


def trim_csv_records(source: Path, target: str, records: list[int]) -> None:
    """The header and the given data records (1 = the first after the header), each record's
    physical lines as published: same encoding, same line ends, quoted line breaks kept."""
    data = source.read_bytes()
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "cp932", data.decode("cp932")
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    spans: list[tuple[int, int]] = []
    previous = 0
    for _ in reader:
        spans.append((previous, reader.line_num))
        previous = reader.line_num
    kept = [spans[0]] + [spans[r] for r in records]
    out = "".join("".join(lines[a:b]) for a, b in kept)
    (HERE / target).write_bytes(out.encode("utf-8-sig" if encoding == "utf-8-sig" else encoding))


def trim_xlsx_rows(source: Path, target: str, rows: list[int], sheet: int = 0) -> None:
    """The given spreadsheet rows (1-based, the header row included) of one sheet, values
    only, re-saved with openpyxl under the sheet's own title."""
    book = load_workbook(source, data_only=True)
    original = book.worksheets[sheet]
    out = Workbook()
    target_sheet = out.active
    target_sheet.title = original.title
    for number in rows:
        target_sheet.append([cell.value for cell in original[number]])
    out.save(HERE / target)


def _copy_sheet(source: Path, sheet: int, into: Workbook, title: str) -> None:
    original = load_workbook(source, data_only=True).worksheets[sheet]
    target = into.create_sheet(title)
    for row in original.iter_rows(values_only=True):
        target.append(list(row))


def several_sheets() -> None:
    """Two trimmed Takamatsu lists of childcare places as two sheets of one workbook, and the
    入力例 sheet of the 交流センター workbook as a third, renamed 記入例."""
    book = Workbook()
    book.remove(book.active)
    _copy_sheet(HERE / "takamatsu-childcare-company-led.xlsx", 0, book, "企業主導型保育施設")
    _copy_sheet(HERE / "takamatsu-nursery-schools.xlsx", 0, book, "保育所 一覧")
    _copy_sheet(HERE / "takamatsu-exchange-center.xlsx", 1, book, "記入例")
    book.save(HERE / "derived-takamatsu-childcare-several-sheets.xlsx")


def trim_rules_samples(yaizu: Path, takamatsu: Path) -> None:
    """The trimmed samples of tests/ingest/test_real_rules.py from the two repositories'
    checkouts (SOURCES.md names the files and rows)."""
    trim_csv_records(yaizu / "data/要配慮者利用施設/yohairyosya.csv",
                     "yaizu-care-facilities.csv", [1, 2, 3, 4])
    trim_csv_records(yaizu / "data/土のうステーション/222127_dono_station.csv",
                     "yaizu-sandbag-stations.csv", [1, 2, 3])
    data = takamatsu / "data"
    trim_xlsx_rows(data / "licensed_food_business_facility_list" /
                   "食品営業許可施設一覧（2026.7.31時点）.xlsx",
                   "takamatsu-food-business-permits.xlsx", [1, 2, 3, 24, 53])
    trim_xlsx_rows(data / "new_cleanings/0102_202607.xlsx", "takamatsu-cleaning-shops.xlsx",
                   [1, 2, 3, 4, 267])
    trim_xlsx_rows(data / "cultural_property/data.xlsx", "takamatsu-cultural-properties.xlsx",
                   [1, 2, 3, 4, 5])
    trim_xlsx_rows(data / "company_led_childcare_facilities_list/data.xlsx",
                   "takamatsu-childcare-company-led.xlsx", [1, 2, 3, 8])
    trim_xlsx_rows(data / "nursery_school/data.xlsx", "takamatsu-nursery-schools.xlsx",
                   [1, 2, 3, 4])


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 2:
        trim_well_being(Path(sys.argv[1]))
    elif len(sys.argv) == 3:  # checkouts of yaizu-city/opendata and takamatsu-city/opendata
        trim_rules_samples(Path(sys.argv[1]), Path(sys.argv[2]))
    excel_layout()
    formatted_csv()
    cp932_copy()
    lookalike_header()
    first_dates()
    several_sheets()

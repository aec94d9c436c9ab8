"""Workbook cells as text: one function (portal/tables/cells.py) for both readers."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import openpyxl

from portal.ingest.sheet import read_source
from portal.tables.cells import cell_text
from portal.validate.read import parse_xlsx

# A generated workbook: one row of each kind of value openpyxl hands back.
VALUES = [None, True, False, 3.0, 2.5, 12, datetime(2024, 4, 1), datetime(2024, 4, 1, 9, 30),
          date(2024, 4, 2), time(9, 30), "鹿沼"]
TEXTS = ["", "TRUE", "FALSE", "3", "2.5", "12", "2024-04-01", "2024-04-01T09:30:00",
         "2024-04-02", "09:30:00", "鹿沼"]


def test_cell_text_writes_each_value_as_it_reads_in_the_workbook() -> None:
    assert [cell_text(value) for value in VALUES] == TEXTS


def test_validation_and_import_read_a_workbook_into_the_same_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f"c{i}" for i in range(len(VALUES))])
    sheet.append(VALUES[1:] + [None])  # openpyxl does not write a trailing None; keep width
    sheet.append(["x"] * len(VALUES))
    book.save(tmp_path / "values.xlsx")

    table, findings = parse_xlsx(tmp_path / "values.xlsx", "values.xlsx")
    source, refused = read_source(tmp_path / "values.xlsx", "values.xlsx")

    assert findings == [] and refused == []
    assert table is not None and source is not None
    validated = [list(table.header)] + table.cells.values.tolist()
    imported = [list(row) for row in source.sheets[0].rows]
    assert validated == imported
    assert imported[1] == TEXTS[1:] + [""]

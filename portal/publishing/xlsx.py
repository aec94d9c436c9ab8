"""The Excel workbook of a table: code and identifier columns stored as text cells.

A CSV gives Excel only text, and Excel turns 092053 (全国地方公共団体コード) into the number
92053 and 0289-63-2252 into a date or a sum. In a workbook each cell carries its type: text
columns are written as text cells with Excel's text format (``@``), so Excel keeps 092053 and
keeps it text when the cell is edited; openpyxl, pandas and R's readxl read them back as
strings. Integer, number and boolean columns stay numbers and booleans, except an integer
too long for Excel's 15 significant digits, any column whose values have leading zeros and a
number column holding NaN or an infinity: these are text. Dates and times are their ISO 8601
text, as in the CSV.

A text cell is never evaluated, so ``=HYPERLINK(…)`` in the data is text as it stands and
needs no quote before it, unlike the CSVs for Excel (portal/formulas.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from portal.publishing.normalize import Column

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def has_leading_zero(texts: Sequence[str]) -> bool:
    return any(len(t) > 1 and t[0] == "0" and t[1].isdigit() for t in texts)


def text_column(column: Column) -> bool:
    """Whether the column is written as text cells: anything but integer, number and boolean
    columns, and those too when a value has a leading zero or more digits than Excel keeps."""
    if column.type not in ("integer", "number", "boolean") or has_leading_zero(column.texts):
        return True
    if column.type == "integer":
        return any(v is not None and abs(v) >= 10**EXCEL_DIGITS for v in column.values)
    # A number cell cannot hold NaN or an infinity: such a column keeps its text.
    return column.type == "number" and any(
        v is not None and not math.isfinite(v) for v in column.values)


def sheet_title(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return SHEET_FORBIDDEN.sub("_", name)[:31] or "data"


def _text(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would read a leading "=" as a formula
    cell.number_format = "@"
    return cell


def write_xlsx(path: Path, columns: Sequence[Column], sheet: str,
               modified: datetime | None = None) -> None:
    """One sheet named after the resource, the header row then the rows, streamed
    (openpyxl's write-only mode holds one row at a time). ``modified`` is written as the
    document's dates, so that a rebuild of unchanged data writes the same properties."""
    book = Workbook(write_only=True)
    if modified is not None:
        book.properties.created = book.properties.modified = modified
    page = book.create_sheet(sheet_title(sheet))
    page.freeze_panes = "A2"
    as_text = [text_column(c) for c in columns]
    page.append([_text(page, c.name) for c in columns])
    cells = zip(*(c.texts if text else c.values for c, text in zip(columns, as_text,
                                                                     strict=True)),
                strict=True)
    for row in cells:
        page.append([(_text(page, v) if v else None) if text else v
                     for v, text in zip(row, as_text, strict=True)])
    book.save(path)

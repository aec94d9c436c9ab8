"""A CSV or XLSX file → its sheets as grids of text cells, merged ranges known.

Nothing is interpreted here: every row of the file is kept (titles, notes, blank rows) so
that ``detect`` can find the table inside it. Row numbers in findings are the 1-based
positions in these grids: the CSV record or the spreadsheet row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from portal.findings import Finding
from portal.tables.cells import cell_text
from portal.validate.encoding import decode
from portal.validate.workbook import read_workbook

# (first row, first column, last row, last column), 0-based and inclusive.
Range = tuple[int, int, int, int]


@dataclass(frozen=True)
class Sheet:
    name: str | None
    rows: tuple[tuple[str, ...], ...]  # every row padded to the same width
    merged: tuple[Range, ...] = ()

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


@dataclass(frozen=True)
class Source:
    file: str
    format: str  # "csv" or "xlsx"
    encoding: str  # "utf-8", "utf-8-sig", "cp932"; "xlsx" for workbooks
    sheets: tuple[Sheet, ...]


def _padded(rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    width = max((len(r) for r in rows), default=0)
    return tuple(tuple(r) + ("",) * (width - len(r)) for r in rows)


def _csv_source(path: Path, shown: str) -> tuple[Source | None, list[Finding]]:
    decoded, findings = decode(path.read_bytes(), shown)
    if decoded is None:
        return None, findings
    try:
        rows = list(csv.reader(io.StringIO(decoded.text, newline="")))
    except csv.Error as exc:
        return None, findings + [Finding("csv-malformed", file=shown, params={
            "reason": str(exc), "line": "?"})]
    return Source(shown, "csv", decoded.encoding, (Sheet(None, _padded(rows)),)), findings


def _xlsx_source(path: Path, shown: str) -> tuple[Source | None, list[Finding]]:
    read, refused = read_workbook(path, shown, merged=True)
    if read is None:
        return None, refused
    sheets = [Sheet(sheet.title, _padded([[cell_text(v) for v in row] for row in sheet.rows]),
                    sheet.merged) for sheet in read]
    return Source(shown, "xlsx", "xlsx", tuple(sheets)), []


def read_source(path: Path, shown: str) -> tuple[Source | None, list[Finding]]:
    if not path.is_file():
        return None, [Finding("file-missing", file=shown)]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_source(path, shown)
    return _csv_source(path, shown)


def filled_sheets(source: Source) -> list[Sheet]:
    return [s for s in source.sheets if any(c.strip() for r in s.rows for c in r)]

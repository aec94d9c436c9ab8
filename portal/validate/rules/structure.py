"""L2 table structure: one header row, no title or notes around the table,
no empty rows or columns, no blank meaning "same as above".

Heuristics, documented in docs/validate.md because a person must be able to predict them:
- title row: the header has a value in its first cell only (and more than one column);
- multi-row header: row 2 has no value that parses for any typed (non-string) field, while the
  rows after it do;
- notes below the table: trailing rows whose first filled cell starts with ※, 注, (注), 出典,
  資料 or 備考:, that hold a total (合計, 総計, 小計, 計) in one of the first two cells, or that
  fill one cell only (``is_note_row``, the same test --fix's layout detection cuts them by);
- blank meaning "same as above": a blank first-column cell in a row that has other values,
  below a filled one (the first column identifies a row; merged cells from Excel leave exactly
  this shape).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from portal.tables.table import Table
from portal.validate.report import Finding
from portal.validate.rules.columns import cell_mask, row_of

# The codes this rule owns, and the finding each of --fix's changes (portal/ingest/fixes.py)
# answers. ``ingest-several-tables`` is found only while importing (the importer's layout
# detection sees a second table; a published file has just one).
CODES = ("trailing-empty-column", "trailing-empty-row", "note-below-table",
         "title-row-above-header", "multi-row-header", "blank-means-same",
         "ingest-several-tables")
FIXES = {
    "fix-linkdata-removed": "title-row-above-header",
    "fix-header-from-property": "title-row-above-header",
    "fix-rows-above-removed": "title-row-above-header",
    "fix-header-merged": "multi-row-header",
    "fix-notes-removed": "note-below-table",
    "fix-blank-rows-dropped": "trailing-empty-row",
    "fix-blank-columns-dropped": "trailing-empty-column",
    "fix-table-dropped": "ingest-several-tables",
    "fix-same-filled": "blank-means-same",
}
NOTE = re.compile(r"\s*(?:※|\(?注\)?|（注）|出典|資料|備考[:：]).*")
TOTAL = re.compile(r"\s*(?:合\s*計|総\s*計|小\s*計|計)\s*")
TYPE_PATTERNS = {"integer": r"[+-]?\d+", "number": r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?",
                 "date": r"\d{4}-\d{2}-\d{2}", "boolean": r"(?i:true|false|0|1)",
                 "year": r"\d{4}"}


def _finding(code: str, table: Table, position: object | None = None, index: int | None = None,
             value: str | None = None, column: str | None = None) -> Finding:
    row = row_of(position) if position is not None else None
    return Finding(code, file=table.file, row=row,
                   line=table.line_of_row(row) if row else None, column=column,
                   column_number=index + 1 if index is not None else None, value=value)


def _empty_columns(table: Table) -> Iterator[Finding]:
    filled = np.asarray(cell_mask(table.cells, lambda flat: flat.str.len() > 0).any(axis=0))
    for index in reversed(range(len(table.header))):
        if table.header[index].strip() or filled[index]:
            break
        yield _finding("trailing-empty-column", table, None, index)


def _row_shape(table: Table) -> tuple[pd.Series, pd.Series]:
    filled = pd.DataFrame(cell_mask(table.cells, lambda flat: (flat.str.len() > 0)
                                    & ~flat.str.isspace()),
                          index=table.cells.index, columns=table.cells.columns)
    return filled.sum(axis=1), filled[0] if len(table.cells.columns) else filled.sum(axis=1)


def _rows_below(table: Table, counts: pd.Series) -> tuple[list[Finding], int]:
    """Findings for empty and note rows at the end; the number of rows they cover."""
    findings: list[Finding] = []
    cut = len(counts)
    while cut > 0:
        position = counts.index[cut - 1]
        if int(counts.iloc[cut - 1]) == 0:
            findings.append(_finding("trailing-empty-row", table, position))
            cut -= 1
            continue
        cells = [str(c) for c in table.cells.iloc[cut - 1]]
        if len(table.header) < 2 or not is_note_row(cells):
            break
        index = next(j for j, cell in enumerate(cells) if cell.strip())
        findings.append(_finding("note-below-table", table, position, index, cells[index],
                                 table.header[index] or None))
        cut -= 1
    return findings[::-1], len(counts) - cut


def is_note_row(cells: Sequence[str]) -> bool:
    """Whether a non-blank row at the foot of a table is a note or a total, not data: the one
    test of this rule, asked by validation of a published file and by --fix's layout
    detection (portal/ingest/detect.py) of a department's sheet."""
    filled = [j for j, cell in enumerate(cells) if cell.strip()]
    if not filled:
        return False
    if NOTE.fullmatch(cells[filled[0]]):
        return True
    if any(TOTAL.fullmatch(cells[j]) for j in filled[:2] if j <= 1):
        return True
    return len(cells) > 1 and len(filled) == 1


def same_as_above(first_filled: Sequence[bool], others_filled: Sequence[bool]
                  ) -> list[tuple[int, int]]:
    """(row, the row above it that it repeats) for each row whose first cell is blank while
    others are filled, below a row whose first cell is filled: the shape merged cells leave.
    The one test of this rule, for validation and for --fix's layout detection."""
    first = np.asarray(first_filled, dtype=bool)
    if not len(first):
        return []
    others = np.asarray(others_filled, dtype=bool)
    positions = np.arange(len(first))
    last = np.maximum.accumulate(np.where(first, positions, -1))
    hits = np.flatnonzero(~first & others & (last >= 0))
    return [(int(r), int(last[r])) for r in hits]


def _title_row(table: Table) -> Iterator[Finding]:
    if len(table.header) > 1 and table.header[0].strip() and not any(
            label.strip() for label in table.header[1:]):
        yield Finding("title-row-above-header", file=table.file, row=1, line=1, column_number=1,
                      value=table.header[0], params={"rows": "1"})


def _multi_row_header(table: Table, schema: dict[str, Any]) -> Iterator[Finding]:
    typed = [(i, TYPE_PATTERNS[f.get("type")]) for i, f in enumerate(schema.get("fields", []))
             if f.get("type") in TYPE_PATTERNS and i < len(table.header)]
    if not typed or len(table.cells) < 2:
        return
    second = table.cells.iloc[0]
    rest = table.cells.iloc[1:]
    if any(pd.Series([second[i]]).str.fullmatch(p).iloc[0] for i, p in typed):
        return
    if not any(second[i].strip() for i, _ in typed):
        return  # an empty or sparse row, reported by other checks
    if any(rest[i].str.fullmatch(p).any() for i, p in typed):
        yield Finding("multi-row-header", file=table.file, row=2, line=table.line_of_row(2),
                      column=table.header[typed[0][0]] or None, column_number=typed[0][0] + 1,
                      value=" | ".join(v for v in second if v))


def _blank_means_same(table: Table, counts: pd.Series, first_filled: pd.Series,
                      body_rows: int) -> Iterator[Finding]:
    if len(table.header) < 2 or body_rows == 0:
        return
    filled = first_filled.iloc[:body_rows].astype(bool)
    others = (counts.iloc[:body_rows] - filled.astype(int)) > 0
    for r, _source in same_as_above(filled.to_numpy(), others.to_numpy()):
        yield _finding("blank-means-same", table, filled.index[r], 0, "",
                       table.header[0] or None)


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    yield from _title_row(table)
    yield from _multi_row_header(table, schema)
    yield from _empty_columns(table)
    if not len(table.cells):
        return
    counts, first_filled = _row_shape(table)
    below, covered = _rows_below(table, counts)
    body_rows = len(counts) - covered
    for position in counts.index[:body_rows][counts.iloc[:body_rows] == 0]:
        yield _finding("trailing-empty-row", table, position)
    yield from _blank_means_same(table, counts, first_filled, body_rows)
    yield from below

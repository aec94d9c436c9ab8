"""Where the table is inside a sheet: header row(s), body, and what surrounds it.

Heuristics (docs/ingest.md explains them so that a person can predict them):
- LinkData preamble: leading rows whose first cell starts with ``#``. The ``#property`` row is
  the header only when no Japanese header row follows the preamble.
- header: the first row, after the preamble, with at least two cells and half of the table's
  width filled and no cell that reads as a number or a date; non-blank rows above it are
  titles or notes.
- multi-row header: the next row is also text only, the header has a gap or a repeated label
  (a merged cell) above it, and a later row holds numbers or dates in those columns. Up to
  three header rows are merged, parts joined with ``_`` (人口 / 男 → 人口_男).
- below the table: trailing rows that are blank or that validation's structure rule calls
  notes or totals (``is_note_row``: one test for both).
- several tables: a blank row inside the body followed by another header-like row.
- "same as above": cells inside a vertically merged range, and blank first-column cells
  below a filled one in a row that has other values.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from portal.ingest.sheet import Sheet
from portal.validate.rules.dates import looks_like_date
from portal.validate.rules.structure import is_note_row, same_as_above

NUMBER = re.compile(r"[+-]?[\d,]*\d(?:\.\d+)?\s*[%％]?")


@dataclass(frozen=True)
class Layout:
    header_rows: tuple[int, ...]  # 0-based grid rows forming the header
    header: tuple[str, ...]  # one name per column (blank where none)
    body: tuple[int, ...]  # data rows, blank rows excluded
    linkdata: tuple[int, ...] = ()  # LinkData `#` rows not used as the header
    above: tuple[int, ...] = ()  # non-blank title/note rows above the header
    below: tuple[int, ...] = ()  # notes and totals below the table
    blank_rows: tuple[int, ...] = ()  # blank rows anywhere that are dropped
    blank_columns: tuple[int, ...] = ()  # 0-based columns with no header and no value
    unnamed_columns: tuple[int, ...] = ()  # values but no header
    other_tables: tuple[int, ...] = ()  # rows of the second and later tables
    same_as_above: tuple[tuple[int, int, int], ...] = ()  # (row, column, source row)
    from_property: bool = False  # the header is the `#property` row


def _plain(cell: str) -> str:
    return unicodedata.normalize("NFKC", cell).strip()


def is_value(cell: str) -> bool:
    """A cell that reads as a number or a date (so not a column name)."""
    text = _plain(cell)
    return bool(text) and bool(NUMBER.fullmatch(text) or looks_like_date(text))


def _filled(row: tuple[str, ...]) -> list[int]:
    return [j for j, c in enumerate(row) if c.strip()]


def _header_like(row: tuple[str, ...], minimum: int) -> bool:
    filled = _filled(row)
    return len(filled) >= minimum and not any(is_value(row[j]) for j in filled)


def _grouped(row: tuple[str, ...], merged: tuple[tuple[int, int, int, int], ...],
             index: int) -> bool:
    """The row has gaps or repeated labels: the shape a merged upper header leaves."""
    filled = _filled(row)
    if any(r0 == index and c1 > c0 for r0, c0, _r1, c1 in merged):
        return True
    if filled and len(filled) < filled[-1] - filled[0] + 1:
        return True
    return any(row[a] == row[b] for a, b in zip(filled, filled[1:], strict=False))


def _merge_names(rows: list[tuple[str, ...]]) -> tuple[str, ...]:
    width = len(rows[0])
    upper = []
    for row in rows[:-1]:
        filled, last = [], ""
        for j in range(width):
            value = row[j].strip()
            if value:
                last = value
            elif last and rows[-1][j].strip():
                value = last  # a label merged over several columns
            filled.append(value)
        upper.append(filled)
    names = []
    for j in range(width):
        parts: list[str] = []
        for part in [u[j] for u in upper] + [rows[-1][j].strip()]:
            if part and (not parts or parts[-1] != part):
                parts.append(part)
        names.append("_".join(parts))
    return tuple(names)


def _multi_row_header(sheet: Sheet, header: int) -> list[int]:
    rows = sheet.rows
    chosen = [header]
    while len(chosen) < 3:
        nxt = chosen[-1] + 1
        if nxt >= len(rows) or not _grouped(rows[chosen[-1]], sheet.merged, chosen[-1]):
            break
        if not _header_like(rows[nxt], 1):
            break
        columns = _filled(rows[nxt])
        later = rows[nxt + 1:nxt + 21]
        if not any(is_value(r[j]) for r in later for j in columns):
            break
        chosen.append(nxt)
    return chosen


def _is_note(row: tuple[str, ...]) -> bool:
    """Blank, or what the structure rule calls a note below the table."""
    return not _filled(row) or is_note_row(row)


def _same_as_above(sheet: Sheet, body: list[int], width: int) -> list[tuple[int, int, int]]:
    cells: dict[tuple[int, int], int] = {}
    inside = set(body)
    for r0, c0, r1, c1 in sheet.merged:
        if r1 > r0:
            for r in range(r0 + 1, r1 + 1):
                for c in range(c0, c1 + 1):
                    if r in inside and not sheet.rows[r][c].strip():
                        cells[(r, c)] = r0
    if width > 1:
        first = [bool(sheet.rows[r][0].strip()) for r in body]
        others = [any(c.strip() for c in sheet.rows[r][1:]) for r in body]
        for k, source in same_as_above(first, others):
            cells.setdefault((body[k], 0), body[source])
    return sorted((r, c, source) for (r, c), source in cells.items())


def detect_layout(sheet: Sheet) -> Layout | None:
    """The table inside ``sheet``; None when no header row can be found."""
    rows = sheet.rows
    if not rows:
        return None
    start = 0
    property_row: int | None = None
    while start < len(rows) and rows[start][0].strip().startswith("#"):
        if rows[start][0].strip().lower() == "#property":
            property_row = start
        start += 1
    linkdata = list(range(start))
    span = max((len(_filled(r)) for r in rows[start:]), default=0)
    minimum = max(2, math.ceil(span / 2))
    header: int | None = None
    for index in range(start, len(rows)):
        if _header_like(rows[index], minimum):
            header = index
            break
        if any(is_value(c) for c in rows[index]):
            break  # data before any header
    from_property = False
    if header is None and property_row is not None:
        header, from_property = property_row, True
        linkdata.remove(property_row)
        start = property_row + 1
        while start < len(rows) and rows[start][0].strip().startswith("#"):
            start += 1
    if header is None:
        # A header of years (地区,2019,2020): the first row with two cells, one of them text.
        header = next((i for i in range(start, len(rows)) if len(_filled(rows[i])) >= 2
                       and not all(is_value(rows[i][j]) for j in _filled(rows[i]))), None)
        if header is None or any(len(_filled(rows[i])) >= 2 for i in range(start, header)):
            return None
    header_rows = [header] if from_property else _multi_row_header(sheet, header)
    names = list(_merge_names([rows[r] for r in header_rows]))
    if from_property:
        names[0] = "No" if names[0].lower() == "#property" else names[0]
    first_data = start if from_property else header_rows[-1] + 1
    above = [r for r in range(start if not from_property else header, header)
             if _filled(rows[r])]
    blank_rows = [r for r in range(0 if not from_property else header, header)
                  if r not in linkdata and not _filled(rows[r])]
    end = len(rows)
    while end > first_data and _is_note(rows[end - 1]):
        end -= 1
    below = [r for r in range(end, len(rows)) if _filled(rows[r])]
    blank_rows += [r for r in range(end, len(rows)) if not _filled(rows[r])]
    body: list[int] = []
    other: list[int] = []
    for r in range(first_data, end):
        if other:
            other.append(r)
        elif not _filled(rows[r]):
            blank_rows.append(r)
            following = rows[r + 1] if r + 1 < end else ()
            if following and _header_like(following, minimum) and r + 2 < end and any(
                    is_value(c) for c in rows[r + 2]):
                other = [r + 1]
                break
        else:
            body.append(r)
    if other:
        other = list(range(other[0], end))
    width = sheet.width
    blank_columns = [j for j in range(width) if not names[j] and not any(
        rows[r][j].strip() for r in body)]
    unnamed = [j for j in range(width) if not names[j] and j not in blank_columns]
    same = _same_as_above(sheet, body, width)
    return Layout(tuple(header_rows), tuple(names), tuple(body), tuple(linkdata), tuple(above),
                  tuple(below), tuple(sorted(blank_rows)), tuple(blank_columns),
                  tuple(unnamed), tuple(other), tuple(same), from_property)

"""One pure function per machine-readability fix; each returns the new table and its log.

A ``Frame`` is the table cut out of a sheet plus, for every data row, the row of the input it
came from, so that every change names the input's rows. Nothing is changed without a
``FixChange`` saying so, and a column that cannot be fixed safely as a whole is left as
written and reported (``Unsafe``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from portal.ingest.detect import Layout
from portal.ingest.model import FixChange
from portal.ingest.sheet import Sheet
from portal.tables.cells import half_width
from portal.validate.rules.dates import iso_date, looks_like_date
from portal.validate.rules.numbers import FULLWIDTH_FORMS, INTEGER, is_unit_cell, number_text


@dataclass(frozen=True)
class Frame:
    file: str
    header: tuple[str, ...]
    cells: pd.DataFrame  # str cells, columns 0..n-1
    rows: tuple[int, ...]  # 1-based input row of each data row
    types: tuple[str, ...] = ()  # Table Schema type each column was fixed to ("" = text)


@dataclass(frozen=True)
class Unsafe:
    column: str
    rows: tuple[int, ...]
    value: str


def _change(file: str, code: str, rule: str | None, rows: list[int], before: str, after: str,
            count: int | None = None, column: str | None = None) -> FixChange:
    return FixChange(file, code, rule, tuple(rows), before, after,
                     len(rows) if count is None else count, column)


def _row_text(sheet: Sheet, row: int) -> str:
    return ",".join(c for c in sheet.rows[row] if c.strip())[:60]


# --- the table's place in the sheet -------------------------------------------------------

def remove_linkdata(sheet: Sheet, layout: Layout, file: str) -> list[FixChange]:
    if not layout.linkdata:
        return []
    rows = list(layout.linkdata)
    return [_change(file, "fix-linkdata-removed", "L2-03", [r + 1 for r in rows],
                    _row_text(sheet, rows[0]), "")]


def use_property_header(sheet: Sheet, layout: Layout, file: str) -> list[FixChange]:
    if not layout.from_property:
        return []
    header = layout.header_rows[0]
    return [_change(file, "fix-header-from-property", "L2-03", [header + 1],
                    _row_text(sheet, header), ",".join(layout.header)[:60])]


def remove_rows_above(sheet: Sheet, layout: Layout, file: str) -> list[FixChange]:
    if not layout.above:
        return []
    return [_change(file, "fix-rows-above-removed", "L2-03", [r + 1 for r in layout.above],
                    _row_text(sheet, layout.above[0]), "")]


def merge_header(sheet: Sheet, layout: Layout, file: str) -> list[FixChange]:
    if len(layout.header_rows) < 2:
        return []
    sample = next((j for j, n in enumerate(layout.header) if "_" in n), 0)
    before = " / ".join(sheet.rows[r][sample] for r in layout.header_rows)
    return [_change(file, "fix-header-merged", "L2-01", [r + 1 for r in layout.header_rows],
                    before, layout.header[sample], count=len(layout.header_rows))]


def remove_notes(sheet: Sheet, layout: Layout, file: str) -> list[FixChange]:
    if not layout.below:
        return []
    return [_change(file, "fix-notes-removed", "L2-04", [r + 1 for r in layout.below],
                    _row_text(sheet, layout.below[0]), "")]


def drop_blank_rows(sheet: Sheet, layout: Layout, file: str) -> list[FixChange]:
    if not layout.blank_rows:
        return []
    return [_change(file, "fix-blank-rows-dropped", "L2-05",
                    [r + 1 for r in layout.blank_rows], "", "")]


def drop_other_tables(sheet: Sheet, layout: Layout, file: str) -> list[FixChange]:
    if not layout.other_tables:
        return []
    return [_change(file, "fix-table-dropped", "L1-01", [r + 1 for r in layout.other_tables],
                    _row_text(sheet, layout.other_tables[0]), "")]


STRUCTURE = (remove_linkdata, use_property_header, remove_rows_above, merge_header,
             remove_notes, drop_blank_rows, drop_other_tables)


def cut_table(sheet: Sheet, layout: Layout, file: str) -> Frame:
    body = [sheet.rows[r] for r in layout.body]
    width = sheet.width
    if body and width:  # one 2-D block, converted at once: per column it took ~0.1 ms (#19)
        cells = pd.DataFrame(np.array([row[:width] for row in body], dtype=object))
    else:
        cells = pd.DataFrame({j: pd.Series([], dtype=object) for j in range(width)})
    return Frame(file, layout.header, cells.astype(str), tuple(r + 1 for r in layout.body))


# --- columns ------------------------------------------------------------------------------

def fill_same_as_above(frame: Frame, sheet: Sheet,
                       cells: tuple[tuple[int, int, int], ...]) -> tuple[Frame, list[FixChange]]:
    """Blank cells of merged ranges and blank first-column cells get the value above."""
    if not cells:
        return frame, []
    position = {row - 1: i for i, row in enumerate(frame.rows)}
    table = frame.cells.copy()
    by_column: dict[int, list[tuple[int, str]]] = {}
    for row, column, source in cells:
        if row not in position:
            continue
        value = sheet.rows[source][column]
        table.iat[position[row], column] = value
        by_column.setdefault(column, []).append((row + 1, value))
    changes = [_change(frame.file, "fix-same-filled", "L2-06", [r for r, _ in found], "",
                       found[0][1], column=frame.header[column] or None)
               for column, found in sorted(by_column.items())]
    return replace(frame, cells=table), changes


def drop_blank_columns(frame: Frame, columns: tuple[int, ...]) -> tuple[Frame, list[FixChange]]:
    if not columns:
        return frame, []
    dropped = set(columns)
    keep = [j for j in range(len(frame.header)) if j not in dropped]
    cells = frame.cells[keep].copy()
    cells.columns = range(len(keep))
    change = _change(frame.file, "fix-blank-columns-dropped", "L2-05", [], "", "",
                     count=len(columns), column=", ".join(str(j + 1) for j in columns))
    return replace(frame, header=tuple(frame.header[j] for j in keep), cells=cells), [change]


def name_columns(frame: Frame) -> tuple[Frame, list[FixChange]]:
    """Blank names get column_<n>, repeated names a suffix: a schema must name every field."""
    names: list[str] = []
    taken: set[str] = set()  # a set: a list made this quadratic in columns (issue #19)
    renamed: list[tuple[str, str]] = []
    for index, name in enumerate(frame.header):
        new = name.strip() or f"column_{index + 1}"
        base, k = new, 2
        while new in taken:
            new, k = f"{base}_{k}", k + 1
        if new != name:
            renamed.append((name, new))
        names.append(new)
        taken.add(new)
    if not renamed:
        return frame, []
    change = _change(frame.file, "fix-header-named", "L2-02", [], renamed[0][0], renamed[0][1],
                     count=len(renamed), column=", ".join(new for _, new in renamed))
    return replace(frame, header=tuple(names)), [change]


# A column's fix on plain lists: (values, name, type, changes, unsafe), type "" when the
# values stay as written; None when the fixer does not apply. Plain lists, not pandas
# operations: a handful of cells per column paid ~4 ms of pandas overhead each, and the frame
# was copied whole per column (issue #19).
ColumnFix = tuple[list[str], str, str, list[FixChange], list[Unsafe]]


def _number_fix(file: str, name: str, values: list[str],
                rows: tuple[int, ...]) -> ColumnFix | None:
    filled = [(i, v) for i, v in enumerate(values) if v.strip() != ""]
    if not filled:
        return None
    parsed = [number_text(v) for _, v in filled]
    bad = [k for k, p in enumerate(parsed) if p is None]
    if bad and all(is_unit_cell(filled[k][1], len(parsed) > len(bad)) for k in bad):
        # Validation's own detector (L3-01) says these are numbers with a unit, but not one
        # --fix can take out safely (約100, 50代): reported, never passed over in silence.
        return values, name, "", [], [Unsafe(name, tuple(rows[filled[k][0]] for k in bad),
                                             str(filled[bad[0]][1]))]
    if bad:
        good = len(parsed) - len(bad)
        if good / len(parsed) >= 0.8 and good >= 3:
            unsafe_rows = tuple(rows[filled[k][0]] for k in bad)
            return values, name, "", [], [Unsafe(name, unsafe_rows, str(filled[bad[0]][1]))]
        return None
    numbers = [p for p in parsed if p is not None]
    units = {u for _, u in numbers if u}
    if len(units) > 1:
        return values, name, "", [], [Unsafe(name, tuple(rows[i] for i, _ in filled),
                                             str(filled[0][1]))]
    digits = [d for d, _ in numbers]
    changes: list[FixChange] = []
    wide = [bool(FULLWIDTH_FORMS.search(v)) or v != v.strip() for _, v in filled]
    commas = ["," in half_width(v) for _, v in filled]
    with_unit = [bool(u) for _, u in numbers]
    for code, rule, mask in (("fix-fullwidth", "L3-03", wide), ("fix-thousands", "L3-02", commas),
                             ("fix-unit", "L3-01", with_unit)):
        if any(mask):
            hits = [k for k, hit in enumerate(mask) if hit]
            changes.append(_change(file, code, rule, [rows[filled[k][0]] for k in hits],
                                   str(filled[hits[0]][1]), digits[hits[0]], column=name))
    fixed = list(values)
    for (i, _), number in zip(filled, digits, strict=True):
        fixed[i] = number
    unit = next(iter(units), "")
    new_name = name
    if unit and not name.endswith(f"({unit})"):
        new_name = f"{name}({unit})"
        changes = [replace(c, after=f"{c.after} / {new_name}") if c.code == "fix-unit"
                   else c for c in changes]
    kind = "integer" if all(INTEGER.fullmatch(d) for d in digits) else "number"
    return fixed, new_name, kind, changes, []


def _date_fix(file: str, name: str, values: list[str],
              rows: tuple[int, ...]) -> ColumnFix | None:
    filled = [(i, v) for i, v in enumerate(values) if v.strip() != ""]
    if not filled or sum(looks_like_date(v) for _, v in filled) / len(filled) < 0.5:
        return None
    converted = [iso_date(v) for _, v in filled]
    bad = [k for k, c in enumerate(converted) if c is None]
    if bad:
        return values, name, "", [], [Unsafe(name, tuple(rows[filled[k][0]] for k in bad),
                                             str(filled[bad[0]][1]))]
    changed = [k for k, (c, (_, v)) in enumerate(zip(converted, filled, strict=True)) if c != v]
    changes = []
    if changed:
        first = changed[0]
        changes.append(_change(file, "fix-date-iso", "L3-04",
                               [rows[filled[k][0]] for k in changed],
                               str(filled[first][1]), str(converted[first]), column=name))
    fixed = list(values)
    for (i, _), date_text in zip(filled, converted, strict=True):
        fixed[i] = str(date_text)
    return fixed, name, "date", changes, []


def fix_cells(frame: Frame) -> tuple[Frame, list[FixChange], list[Unsafe]]:
    """Each column fixed on its own values, the table put together once: the cells leave
    pandas once and come back once (a frame per column took seconds for 10,000 columns, and
    a copy of the whole frame per column minutes, issue #19)."""
    changes: list[FixChange] = []
    unsafe: list[Unsafe] = []
    header, columns, types = [], [], []
    grid = frame.cells.to_numpy(dtype=object)
    for index, name in enumerate(frame.header):
        values, kind = grid[:, index].tolist(), ""
        for fixer in (_number_fix, _date_fix):
            result = fixer(frame.file, name, values, frame.rows)
            if result is not None:
                values, name, kind, more, problems = result
                changes += more
                unsafe += problems
                break
        header.append(name)
        columns.append(values)
        types.append(kind)
    kinds = set(frame.cells.dtypes)
    if not columns or len(kinds) != 1:
        cells = frame.cells if not columns else pd.concat(
            [pd.Series(v, index=frame.cells.index, dtype=frame.cells[j].dtype)
             for j, v in enumerate(columns)], axis=1, keys=range(len(columns)))
    else:
        cells = pd.DataFrame(np.array(columns, dtype=object).reshape(len(columns), len(frame.cells)).T,
                             index=frame.cells.index).astype(kinds.pop())
    return replace(frame, header=tuple(header), cells=cells, types=tuple(types)), changes, \
        unsafe


def reencode(file: str, encoding: str) -> list[FixChange]:
    if encoding != "cp932":
        return []
    return [_change(file, "fix-reencoded", "L1-04", [], "Shift_JIS (CP932)", "UTF-8", count=1)]


def fix_standard_names(frame: Frame, fields: tuple[str, ...]) -> tuple[Frame, list[FixChange]]:
    """Headers that differ from a standard column name only in look-alike characters
    (U+2015 for ー, ～ for 〜) get the standard spelling."""
    from portal.validate.standards import lookalike_chars

    header = list(frame.header)
    changes = []
    for index, label in enumerate(header):
        name = next((f for f in fields if f != label and lookalike_chars(label, f)), None)
        if name is not None:
            changes.append(_change(frame.file, "fix-standard-name", None, [], label, name,
                                   count=1, column=name))
            header[index] = name
    return replace(frame, header=tuple(header)), changes

"""``ingest_file``: a real CSV/XLSX file → the table to write, its schema, findings, fixes.

Every fix is computed whether or not it is applied: with ``fix=False`` the table is the file
as written (re-encoded to UTF-8) and ``fixes`` says what --fix would change; with
``fix=True`` the table is the fixed one. Findings describe the input either way.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from portal.findings import Finding
from portal.ingest.detect import Layout, detect_layout
from portal.ingest.fixes import (
    STRUCTURE,
    Frame,
    Unsafe,
    cut_table,
    drop_blank_columns,
    fill_same_as_above,
    fix_cells,
    fix_standard_names,
    name_columns,
    reencode,
)
from portal.ingest.model import FixChange, IngestedFile
from portal.ingest.report import rows_text
from portal.ingest.schema import build_schema
from portal.ingest.sheet import Sheet, Source, filled_sheets, read_source
from portal.messages import MESSAGES
from portal.validate.standards import STANDARD_NAMES, Recognised, recognise_standard
from portal.validate.table import Table

# The finding that names the problem each fix solves.
FINDING_OF_FIX = {
    "fix-linkdata-removed": "ingest-linkdata-preamble",
    "fix-header-from-property": "ingest-linkdata-preamble",
    "fix-rows-above-removed": "ingest-rows-above-header",
    "fix-header-merged": "ingest-multi-row-header",
    "fix-notes-removed": "ingest-notes-below",
    "fix-blank-rows-dropped": "ingest-blank-rows",
    "fix-blank-columns-dropped": "ingest-blank-columns",
    "fix-header-named": "ingest-header-blank",
    "fix-table-dropped": "ingest-several-tables",
    "fix-same-filled": "ingest-blank-means-same",
    "fix-fullwidth": "ingest-fullwidth-digits",
    "fix-thousands": "ingest-thousands-separator",
    "fix-unit": "ingest-number-with-unit",
    "fix-date-iso": "ingest-wareki-date",
    "fix-standard-name": "ingest-standard-lookalike",
}
SHOWN_ROWS = 5


def finding_of(change: FixChange) -> Finding | None:
    code = FINDING_OF_FIX.get(change.code)
    if code is None:
        return None
    unit = change.after.rsplit("(", 1)[-1].rstrip(")") if change.code == "fix-unit" else ""
    return Finding(code, file=change.file, row=change.rows[0] if change.rows else None,
                   column=change.column, value=change.before,
                   params={"rows": rows_text(change.rows, SHOWN_ROWS), "all_rows": change.rows,
                           "count": change.count, "columns": change.column or "",
                           "unit": unit})


def _unsafe_finding(file: str, problem: Unsafe) -> Finding:
    return Finding("ingest-fix-unsafe", file=file, row=problem.rows[0] if problem.rows else None,
                   column=problem.column, value=problem.value,
                   params={"rows": rows_text(problem.rows, SHOWN_ROWS), "all_rows": problem.rows,
                           "count": len(problem.rows)})


def _fixed_frame(sheet: Sheet, layout: Layout, file: str) -> tuple[Frame, list[FixChange],
                                                                    list[Unsafe]]:
    changes = [c for step in STRUCTURE for c in step(sheet, layout, file)]
    frame = cut_table(sheet, layout, file)
    frame, filled = fill_same_as_above(frame, sheet, layout.same_as_above)
    frame, dropped = drop_blank_columns(frame, layout.blank_columns)
    frame, named = name_columns(frame)
    frame, cell_changes, unsafe = fix_cells(frame)
    return frame, changes + dropped + named + filled + cell_changes, unsafe


def _raw_table(sheet: Sheet, file: str, encoding: str) -> Table:
    rows = sheet.rows
    width = sheet.width
    cells = pd.DataFrame({j: [r[j] for r in rows[1:]] for j in range(width)}, dtype=object)
    return Table(file=file, header=tuple(rows[0]), cells=cells.astype(str),
                 encoding=encoding, newline="\n")


def _standard(file: str, header: tuple[str, ...]) -> tuple[Recognised | None, list[Finding]]:
    found = recognise_standard(header)
    if found is None:
        return None, []
    return found, [Finding("ingest-standard-recognised", file=file, params={
        "standard": found.type_id, "name": STANDARD_NAMES[found.type_id][0],
        "matched": found.matched, "total": found.total})]


def _no_table(path: Path, findings: list[Finding]) -> IngestedFile:
    return IngestedFile(None, None, tuple(findings), (), None, path)


def ingest_file(path: Path, *, fix: bool = False, name: str | None = None) -> IngestedFile:
    """Read ``path`` (CSV in UTF-8/BOM/CP932, or XLSX); ``name`` is the file as findings
    show it (default: the file name)."""
    shown = name or path.name
    source, findings = read_source(path, shown)
    if source is None:
        return _no_table(path, findings)
    sheets = filled_sheets(source)
    if not sheets:
        return _no_table(path, findings + [Finding("file-empty", file=shown)])
    if len(sheets) > 1:
        findings.append(Finding("xlsx-several-sheets", file=shown, params={
            "sheets": ", ".join(s.name or "" for s in sheets)}))
    sheet = sheets[0]
    layout = detect_layout(sheet)
    if layout is None:
        return _no_table(path, findings + [Finding("ingest-header-not-found", file=shown, params={
            "reason": "どの行も2列以上の列名を持ちません / no row holds two or more column "
                      "names before the data"})])
    frame, changes, unsafe = _fixed_frame(sheet, layout, shown)
    changes += reencode(shown, source.encoding)
    if len(sheets) > 1:
        others = [s.name or "" for s in sheets[1:]]
        changes.append(FixChange(shown, "fix-sheets-dropped", "L1-01", (), others[0], "",
                                 len(others), ", ".join(others)))
    recognised, standard_findings = _standard(shown, frame.header)
    layout_id = recognised.layout.id if recognised is not None else None
    if recognised is not None:
        frame, renamed = fix_standard_names(frame, recognised.layout.names)
        changes += renamed
    findings += [f for f in map(finding_of, changes) if f is not None]
    findings += [_unsafe_finding(shown, u) for u in unsafe] + standard_findings
    table, schema = _output(source, sheet, frame, fix, layout_id)
    return IngestedFile(table, schema, tuple(findings), tuple(changes),
                        recognised.type_id if recognised is not None else None, path,
                        fixed=fix)


def _output(source: Source, sheet: Sheet, frame: Frame, fix: bool,
            standard: str | None) -> tuple[Table, dict[str, object]]:
    """``standard``: the recognised layout id, whose column types the schema takes."""
    encoding = "utf-8" if source.format == "xlsx" else source.encoding
    if fix:
        table = Table(file=source.file, header=frame.header,
                      cells=frame.cells.reset_index(drop=True), encoding="utf-8", newline="\n")
        return table, build_schema(table, frame.types, standard)
    table = _raw_table(sheet, source.file, encoding)
    return table, build_schema(table, None, standard if table.header == frame.header else None)


assert set(FINDING_OF_FIX.values()) <= set(MESSAGES)

"""``ingest_file``: a real CSV/XLSX file → the table to write, its schema, findings, fixes.

Every fix is computed whether or not it is applied: with ``fix=False`` the table is the file
as written (re-encoded to UTF-8) and ``fixes`` says what --fix would change; with
``fix=True`` the table is the fixed one. Findings describe the input either way.
"""

from __future__ import annotations

from dataclasses import replace
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
from portal.ingest.repairs import RULE_FIXERS, apply_rule_fixers
from portal.ingest.report import rows_text
from portal.ingest.schema import build_schema
from portal.ingest.sheet import Sheet, Source, filled_sheets, read_source
from portal.messages import reason
from portal.tables.table import Table
from portal.validate.owners import finding_code
from portal.validate.rules.sheets import (
    CODE as SHEETS_CODE,
)
from portal.validate.rules.sheets import (
    DROP_FIX_CODE,
    SPLIT_FIX_CODE,
    sheet_findings,
    split_sheets,
)
from portal.validate.standards import (
    STANDARD_NAMES,
    Recognised,
    lookalike_chars,
    recognise_standard,
)

SHOWN_ROWS = 5
REPAIRED = frozenset(fix for _, fix, _ in RULE_FIXERS)


def finding_of(change: FixChange, header: tuple[str, ...] = ()) -> Finding | None:
    """The finding, under the code of the rule that owns it (portal/validate/owners.py), of
    the problem ``change`` solves; None for a change that answers no finding."""
    code = finding_code(change.code)
    if code is None or change.code in REPAIRED:  # repairs.py reports those itself
        return None
    unit = change.after.rsplit("(", 1)[-1].rstrip(")") if change.code == "fix-unit" else ""
    extra: dict[str, object] = {}
    if code in ("trailing-empty-column", "header-blank"):  # their messages name the column
        extra["column_number"] = change.column or ""
    if code == "header-lookalike":
        extra["chars"] = lookalike_chars(change.before, change.after) or change.before
        extra["column_number"] = header.index(change.before) + 1 if change.before in header \
            else ""
    if len(change.rows) > 1:  # one finding for the column: its message names every row
        extra["row"] = rows_text(change.rows, SHOWN_ROWS)
    return Finding(code, file=change.file, row=change.rows[0] if change.rows else None,
                   column=change.column, value=change.before,
                   params={"rows": rows_text(change.rows, SHOWN_ROWS), "all_rows": change.rows,
                           "count": change.count, "columns": change.column or "",
                           "unit": unit, **extra})


def _unsafe_finding(file: str, problem: Unsafe) -> Finding:
    return Finding("ingest-fix-unsafe", file=file, row=problem.rows[0] if problem.rows else None,
                   column=problem.column, value=problem.value,
                   params={"rows": rows_text(problem.rows, SHOWN_ROWS), "all_rows": problem.rows,
                           "count": len(problem.rows)})


def _fixed_frame(sheet: Sheet, layout: Layout, file: str) -> tuple[
        Frame, list[FixChange], list[Unsafe], list[Finding]]:
    changes = [c for step in STRUCTURE for c in step(sheet, layout, file)]
    frame = cut_table(sheet, layout, file)
    frame, filled = fill_same_as_above(frame, sheet, layout.same_as_above)
    frame, dropped = drop_blank_columns(frame, layout.blank_columns)
    frame, named = name_columns(frame)
    frame, cell_changes, unsafe = fix_cells(frame)
    frame, repaired, rule_findings = apply_rule_fixers(frame)
    return (frame, changes + dropped + named + filled + cell_changes + repaired, unsafe,
            rule_findings)


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
    show it (default: the file name). A workbook gives its first data sheet; see
    ``ingest_sheets`` for the others."""
    return ingest_sheets(path, fix=fix, name=name)[0]


def ingest_sheets(path: Path, *, fix: bool = False,
                  name: str | None = None) -> tuple[IngestedFile, ...]:
    """Like ``ingest_file``; with ``fix`` a workbook's further data sheets follow the first,
    each read on its own (its findings and fixes name it as ``<file> [<sheet>]``). Example and
    template sheets are never read (portal/validate/rules/sheets.py)."""
    shown = name or path.name
    source, findings = read_source(path, shown)
    if source is None:
        return (_no_table(path, findings),)
    sheets = filled_sheets(source)
    if not sheets:
        return (_no_table(path, findings + [Finding("file-empty", file=shown)]),)
    names = [s.name or "" for s in sheets]
    data, examples = split_sheets(names)
    sheet_notes = sheet_findings(shown, names)
    if fix:  # every data sheet becomes a resource: no longer a finding, a change
        sheet_notes = [f for f in sheet_notes if f.code != SHEETS_CODE]
    first = _ingest_sheet(path, source, sheets[data[0]], shown, fix, findings + sheet_notes)
    others = [sheets[i] for i in data[1:]]
    changes = [FixChange(shown, DROP_FIX_CODE, "L1-01", (), names[examples[0]], "",
                         len(examples), ", ".join(names[i] for i in examples))] if examples else []
    if not fix:
        changes += [FixChange(shown, SPLIT_FIX_CODE, "L1-01", (), s.name or "", "", 1, None)
                    for s in others]
        return (replace(first, fixes=first.fixes + tuple(changes)),)
    rest = [_ingest_sheet(path, source, s, f"{shown} [{s.name}]", fix, []) for s in others]
    changes += [FixChange(shown, SPLIT_FIX_CODE, "L1-01", (), s.name or "", s.name or "", 1,
                          None) for s, r in zip(others, rest, strict=True) if r.table is not None]
    # A further sheet without a table is not lost silently: its finding goes with the first.
    lost = tuple(f for r in rest if r.table is None for f in r.findings)
    return (replace(first, findings=first.findings + lost, fixes=first.fixes + tuple(changes)),
            *(r for r in rest if r.table is not None))


def _ingest_sheet(path: Path, source: Source, sheet: Sheet, shown: str, fix: bool,
                  findings: list[Finding]) -> IngestedFile:
    findings = list(findings)
    layout = detect_layout(sheet)
    if layout is None:
        return replace(_no_table(path, findings + [Finding(
            "ingest-header-not-found", file=shown, params={
                "reason": reason("no-header-row")})]), sheet=sheet.name)
    frame, changes, unsafe, rule_findings = _fixed_frame(sheet, layout, shown)
    changes += reencode(shown, source.encoding)
    recognised, standard_findings = _standard(shown, frame.header)
    layout_id = recognised.layout.id if recognised is not None else None
    header = frame.header
    if recognised is not None:
        frame, renamed = fix_standard_names(frame, recognised.layout.names)
        changes += renamed
    findings += [f for f in (finding_of(c, header) for c in changes) if f is not None]
    findings += rule_findings
    findings += [_unsafe_finding(shown, u) for u in unsafe] + standard_findings
    table, schema = _output(source, sheet, frame, fix, layout_id)
    if shown != source.file:
        table = replace(table, file=shown)
    return IngestedFile(table, schema, tuple(findings), tuple(changes),
                        recognised.type_id if recognised is not None else None, path,
                        fixed=fix, sheet=sheet.name)


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


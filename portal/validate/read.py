"""A data file → ``Table`` of raw text cells, or findings saying why it cannot be read."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from portal.tables.cells import cell_text
from portal.tables.table import Table
from portal.validate.encoding import decode
from portal.validate.report import Finding
from portal.validate.rules.sheets import sheet_findings, split_sheets

csv.field_size_limit(10 * 1024 * 1024)


def _frame(rows: list[list[str]], width: int) -> pd.DataFrame:
    columns = {i: [r[i] if i < len(r) else "" for r in rows] for i in range(width)}
    return pd.DataFrame(columns, dtype=object).astype(str) if rows else pd.DataFrame(
        {i: pd.Series([], dtype=object) for i in range(width)})


def _fast_table(text: str, shown: str, encoding: str, newline: str) -> Table | None:
    """The regular case read whole by pandas' C parser. Only for text without quote
    characters (so no cell can hold a delimiter or a line break) whose every line has the
    header's number of commas; anything else returns None and goes through the csv module,
    which reports exactly what and where."""
    if '"' in text or "\r" in text.replace("\r\n", ""):
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        frame = pd.read_csv(io.StringIO(text), header=None, dtype=str, na_filter=False,
                            skip_blank_lines=False, engine="c")
    except (ValueError, pd.errors.ParserError):
        return None  # a row longer than the first: the exact path names it
    if len(frame) != lines or len(frame) == 0:
        return None
    header = tuple(frame.iloc[0])
    # No row is longer than the header (the parser would have refused it), so the total
    # number of commas is the header's per line only if no row is shorter either.
    if text.count(",") != (len(header) - 1) * lines or not header[-1]:
        return None
    cells = frame.iloc[1:].reset_index(drop=True)
    cells.columns = range(len(header))
    return Table(file=shown, header=header, cells=cells, encoding=encoding, newline=newline)


def parse_csv(text: str, shown: str, encoding: str, newline: str) -> tuple[Table | None,
                                                                           list[Finding]]:
    fast = _fast_table(text, shown, encoding, newline)
    if fast is not None:
        return fast, []
    return exact_table(text, shown, encoding, newline)


def exact_table(text: str, shown: str, encoding: str, newline: str) -> tuple[Table | None,
                                                                             list[Finding]]:
    """Row by row with the csv module: exact line numbers, ragged rows and malformed quoting
    reported where they are."""
    findings: list[Finding] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    first_lines: list[int] = []
    multiline = False
    try:
        header = next(reader)
        previous = reader.line_num
        for row in reader:
            start = previous + 1
            if reader.line_num != start:
                multiline = True
            first_lines.append(start)
            previous = reader.line_num
            rows.append(row)
    except StopIteration:
        return None, [Finding("file-empty", file=shown)]
    except csv.Error as exc:
        return None, [Finding("csv-malformed", file=shown, line=reader.line_num,
                              params={"reason": str(exc)})]
    # Blank lines parse as []; they are rows of empty cells (reported by the rules), not
    # ragged rows.
    width = len(header)
    for index, row in enumerate(rows):
        if row and len(row) != width and not (len(row) > width and not any(row[width:])):
            findings.append(Finding("row-length-mismatch", file=shown, row=index + 2,
                                    line=first_lines[index],
                                    params={"count": len(row), "expected": width}))
    extra = max((len(r) for r in rows), default=0) - width
    if extra > 0:
        # Keep the cells past the header so that trailing-column checks can see them.
        header = header + [""] * extra
        width = len(header)
    table = Table(file=shown, header=tuple(header), cells=_frame(rows, width),
                  encoding=encoding, newline=newline,
                  first_lines=tuple(first_lines) if multiline else ())
    return table, findings


def parse_xlsx(path: Path, shown: str) -> tuple[Table | None, list[Finding]]:
    from portal.validate.workbook import read_workbook

    read, refused = read_workbook(path, shown)
    if read is None:
        return None, refused
    sheets = [(ws.title, [[cell_text(v) for v in row] for row in ws.rows]) for ws in read]
    filled = [(title, rows) for title, rows in sheets if any(any(c for c in r) for r in rows)]
    if not filled:
        return None, [Finding("file-empty", file=shown)]
    findings = sheet_findings(shown, [t for t, _ in filled])
    data, _ = split_sheets([t for t, _ in filled])
    _, rows = filled[data[0]]  # the first data sheet; examples and templates are left out
    width = max(len(r) for r in rows)
    header = rows[0] + [""] * (width - len(rows[0]))
    table = Table(file=shown, header=tuple(header), cells=_frame(rows[1:], width),
                  encoding="utf-8", newline="\n")
    return table, findings


def read_table(path: Path, shown: str, fmt: str) -> tuple[Table | None, list[Finding]]:
    """Read a resource. ``shown`` is the path as findings print it."""
    if not path.is_file():
        return None, [Finding("file-missing", file=shown)]
    if fmt == "xlsx":
        return parse_xlsx(path, shown)
    decoded, findings = decode(path.read_bytes(), shown)
    if decoded is None:
        return None, findings
    table, more = parse_csv(decoded.text, shown, decoded.encoding, decoded.newline)
    return table, findings + more

"""The usage table as CSV: its columns, merging a new count into the published file, and
writing it atomically. Months the new count covers replace their old rows, so running
`portal usage` on each month's logs accumulates one table."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from portal.errors import PortalError
from portal.usage.classify import COLUMNS, is_download
from portal.usage.count import UsageCount

HEADER = ("month", "dataset", *COLUMNS)

Row = dict[str, str | int]


def read_table(path: Path) -> list[Row]:
    """The rows of an existing usage table; an absent file is an empty table."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        if header and not _older_header(header):
            raise PortalError("usage-table-header", parameter="--out", path=str(path),
                              header=",".join(header), expected=",".join(HEADER))
        rows: list[Row] = []
        for number, row in enumerate(reader, start=2):
            try:
                rows.append({"month": row["month"], "dataset": row["dataset"],
                             **{c: int(row[c]) if c in header else 0 for c in COLUMNS}})
            except (TypeError, ValueError):
                raise PortalError("usage-table-row", parameter="--out", path=str(path),
                                  row=number) from None
        return rows


def _older_header(header: tuple[str, ...]) -> bool:
    """Whether ``header`` is the table's header, or that of a table written before some
    download kinds existed (.xlsx came after the others): those columns count 0 there."""
    missing = [c for c in HEADER if c not in header]
    return [c for c in HEADER if c in header] == list(header) and all(
        is_download(c) for c in missing)


def merge(existing: list[Row], count: UsageCount) -> list[Row]:
    kept = [row for row in existing if row["month"] not in count.months]
    return sorted([*kept, *count.rows()], key=lambda r: (str(r["month"]), str(r["dataset"])))


def render_table(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_table(path: Path, rows: list[Row]) -> None:
    """Write through a temporary file in the same directory and rename: readers never see a
    half-written table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(render_table(rows))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

"""What reading a real file gives: the table to write, its schema, findings and fixes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.findings import Finding
from portal.tables.table import Table

# With --fix, the ingest findings that still need a person; `portal new` and `portal import`
# both show only these (the rest are in the fix report).
# (ingest-header-not-found reaches here only for a workbook's further sheet.)
REPORTED_AFTER_FIX = ("ingest-fix-unsafe", "ingest-standard-recognised",
                      "xlsx-several-sheets", "xlsx-example-sheet", "ingest-header-not-found")


@dataclass(frozen=True)
class FixChange:
    """One kind of change made (or, without --fix, that would be made) to one file.

    ``rows`` are 1-based rows of the input (the CSV record or spreadsheet row); ``before`` and
    ``after`` are one sample; ``count`` is how many cells or rows changed.
    """

    file: str
    code: str  # message code naming the change (fix-…)
    rule: str | None  # machine-readability rule id
    rows: tuple[int, ...]
    before: str
    after: str
    count: int
    column: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "code": self.code, "rule": self.rule, "column": self.column,
                "rows": list(self.rows), "before": self.before, "after": self.after,
                "count": self.count}


@dataclass(frozen=True)
class IngestedFile:
    table: Table | None  # text cells to write as the data CSV; None when no header was found
    schema: dict[str, Any] | None  # a Table Schema frictionless accepts; None with the table
    findings: tuple[Finding, ...]
    fixes: tuple[FixChange, ...]  # applied with fix=True, proposed with fix=False
    standard: str | None  # recognised 自治体標準オープンデータセット type id
    original: Path  # the input file
    fixed: bool = False  # True when ``fixes`` were applied to ``table``
    sheet: str | None = None  # the workbook sheet the table is read from

"""A resource decoded into text cells: what every check and the build read.

Cells stay strings exactly as written (no type coercion, no NA guessing) so that checks see the
raw values — full-width digits, "1,234", "令和5年" — and the build normalises from the same
object. Reading is column-wise with pandas for speed; ``line_of_row`` maps Table Schema row
numbers (header = row 1) to physical lines when cells hold line breaks.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Table:
    file: str  # path as shown in findings (relative to the catalog's directory)
    header: tuple[str, ...]  # the header row as written
    cells: pd.DataFrame  # one str column per header position (columns 0..n-1), no NaN
    encoding: str  # "utf-8", "utf-8-sig" or "cp932"
    newline: str  # "\n", "\r\n" or "mixed"
    first_lines: tuple[int, ...] = ()  # physical line of each data row; empty: row n+1 = line n+1

    @property
    def row_count(self) -> int:
        return len(self.cells)

    def line_of_row(self, row: int) -> int:
        """Physical line (1-based) where Table Schema row ``row`` starts (header is row 1)."""
        if row <= 1 or not self.first_lines:
            return row
        return self.first_lines[row - 2]

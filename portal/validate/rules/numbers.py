"""L3-01 units, L3-02 thousands separators, L3-03 full-width digits — in number columns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd

from portal.findings import Finding
from portal.tables.table import Table
from portal.validate.rules.columns import row_of, typed_columns

CODES = ("fullwidth-digits", "number-thousands-separator", "number-with-unit")
# The finding each of --fix's number changes (portal/ingest/fixes.py) answers.
FIXES = {"fix-fullwidth": "fullwidth-digits", "fix-thousands": "number-thousands-separator",
         "fix-unit": "number-with-unit"}
NUMBER_TYPES = {"integer", "number"}
FULLWIDTH = r"[０-９]"
# Half-width or full-width commas (Excel's display format, or typed by hand).
THOUSANDS = r"[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?"
# A number with a unit or symbol before or after it: 100円, ¥100, 50%, 12.5kg, 約100, 100 ㎡.
WITH_UNIT = (r"[^\d\s+\-.,，]{1,4}\s*[+-]?[\d,，]+(?:\.\d+)?"
             r"|[+-]?[\d,，]+(?:\.\d+)?\s*[^\d\s.,，]{1,6}")


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    columns = list(typed_columns(table, schema, NUMBER_TYPES))
    if not columns:
        return
    # Every number column classified at once: per column, pandas' regex set-up cost more
    # than the cells of a wide table (10,000 columns × 3 rows took minutes, issue #19).
    # Classified without the padding around the number ("32,500 " as Excel exports a
    # formatted cell, or a full-width space): the padding is not what makes the cell
    # unreadable, and the finding keeps the cell as written.
    cells = pd.concat([c for _, _, c in columns], keys=range(len(columns)))
    stripped = cells.str.strip()
    fullwidth = stripped.str.contains(FULLWIDTH, regex=True)
    thousands = ~fullwidth & stripped.str.fullmatch(THOUSANDS)
    unit = ~fullwidth & ~thousands & stripped.str.fullmatch(WITH_UNIT)
    hits = []
    for order, (code, mask) in enumerate((("fullwidth-digits", fullwidth),
                                          ("number-thousands-separator", thousands),
                                          ("number-with-unit", unit))):
        hits += [(k, order, n, position, value, code)
                 for n, ((k, position), value) in enumerate(cells[mask].items())]
    for k, _, _, position, value, code in sorted(hits, key=lambda h: h[:3]):
        index, field, _ = columns[k]
        row = row_of(position)
        yield Finding(code, file=table.file, row=row, line=table.line_of_row(row),
                      column=field["name"], column_number=index + 1, value=value)

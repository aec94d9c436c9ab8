"""L3-01 units, L3-02 thousands separators, L3-03 full-width digits — in number columns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from portal.findings import Finding
from portal.validate.rules.columns import row_of, typed_columns
from portal.validate.table import Table

NUMBER_TYPES = {"integer", "number"}
FULLWIDTH = r"[０-９]"
# Half-width or full-width commas (Excel's display format, or typed by hand).
THOUSANDS = r"[+-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?"
# A number with a unit or symbol before or after it: 100円, ¥100, 50%, 12.5kg, 約100, 100 ㎡.
WITH_UNIT = (r"[^\d\s+\-.,，]{1,4}\s*[+-]?[\d,，]+(?:\.\d+)?"
             r"|[+-]?[\d,，]+(?:\.\d+)?\s*[^\d\s.,，]{1,6}")


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    for index, field, cells in typed_columns(table, schema, NUMBER_TYPES):
        # Classified without the padding around the number ("32,500 " as Excel exports a
        # formatted cell, or a full-width space): the padding is not what makes the cell
        # unreadable, and the finding keeps the cell as written.
        stripped = cells.str.strip()
        fullwidth = stripped.str.contains(FULLWIDTH, regex=True)
        thousands = ~fullwidth & stripped.str.fullmatch(THOUSANDS)
        unit = ~fullwidth & ~thousands & stripped.str.fullmatch(WITH_UNIT)
        for code, mask in (("fullwidth-digits", fullwidth),
                           ("number-thousands-separator", thousands),
                           ("number-with-unit", unit)):
            for position, value in cells[mask].items():
                row = row_of(position)
                yield Finding(code, file=table.file, row=row, line=table.line_of_row(row),
                              column=field["name"], column_number=index + 1, value=value)

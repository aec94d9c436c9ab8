"""L3-04 dates in the western calendar as YYYY-MM-DD; no dates in the future unless allowed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd

from portal.validate.report import Finding
from portal.validate.rules.columns import row_of, typed_columns
from portal.validate.table import Table

# 令和5年4月1日, 平成31年, R5.4.1, H31/4/30, 元年.
WAREKI = r"\s*(?:令和|平成|昭和|大正|明治|[RHSTMrhstm]\s*\.?)\s*(?:\d{1,2}|[０-９]{1,2}|元)\s*[年./\-].*"
OTHER_DATE = r"\d{4}\s*[/.年]\s*\d{1,2}\s*[/.月]\s*\d{1,2}\s*日?|\d{4}-\d{1,2}-\d{1,2}"
ISO = r"\d{4}-\d{2}-\d{2}"


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    for index, field, cells in typed_columns(table, schema, {"date"}):
        custom_format = field.get("format", "default") not in ("default", None)
        wareki = cells.str.fullmatch(WAREKI)
        not_iso = ~wareki & ~cells.str.fullmatch(ISO) & cells.str.fullmatch(OTHER_DATE)
        masks = [("wareki-date", wareki)]
        if not custom_format:
            masks.append(("date-not-iso", not_iso))
        for code, mask in masks:
            for position, value in cells[mask].items():
                row = row_of(position)
                yield Finding(code, file=table.file, row=row, line=table.line_of_row(row),
                              column=field["name"], column_number=index + 1, value=value)
        if field.get("x-allowFuture") or custom_format:
            continue
        iso = cells[cells.str.fullmatch(ISO)]
        parsed = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce")
        future = iso[parsed > pd.Timestamp(today)]
        for position, value in future.items():
            row = row_of(position)
            yield Finding("date-in-future", file=table.file, row=row,
                          line=table.line_of_row(row), column=field["name"],
                          column_number=index + 1, value=value,
                          params={"today": today.isoformat()})

"""L3-04 dates in the western calendar as YYYY-MM-DD; dates after today.

A date after today is an error only where it cannot be right: in a column that records when
something happened (``EVENT_WORDS``, e.g. 公開日, 更新日) or one whose field says
``"x-allowFuture": false``. Elsewhere it is a warning: expiry, planned and scheduled dates are
in the future by nature (許可終了日 2031-08-31 in a food-business permit list). A field with
``"x-allowFuture": true`` is never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from portal.tables.cells import half_width
from portal.tables.table import Table
from portal.validate.report import Finding
from portal.validate.rules.columns import blank_mask, cell_mask, row_of

# 令和5年4月1日, 平成31年, R5.4.1, H31/4/30, 元年.
CODES = ("wareki-date", "date-not-iso", "date-in-future", "date-later-than-today")
# --fix writes 和暦 and other date forms as YYYY-MM-DD (portal/ingest/fixes.py).
FIXES = {"fix-date-iso": "wareki-date"}
WAREKI = r"\s*(?:令和|平成|昭和|大正|明治|[RHSTMrhstm]\s*\.?)\s*(?:\d{1,2}|[０-９]{1,2}|元)\s*[年./\-].*"
OTHER_DATE = r"\d{4}\s*[/.年]\s*\d{1,2}\s*[/.月]\s*\d{1,2}\s*日?|\d{4}-\d{1,2}-\d{1,2}"
ISO = r"\d{4}-\d{2}-\d{2}"
# Column names that record when something happened; docs/validate.md lists them.
EVENT_WORDS = ("公開日", "更新日", "登録日", "作成日", "調査日", "設置日", "受付日", "届出日",
               "発生日", "測定日", "観測日", "指定日")
# …unless the name says the date is planned or a limit (次回更新日, 登録期限日).
PLANNED_WORDS = ("予定", "次回", "期限", "期日", "満了", "終了", "有効")


# --- the fixer's reading of one cell (portal/ingest/fixes.py) --------------------------------
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018,
        "M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018}
WAREKI_PARTS = re.compile(r"(明治|大正|昭和|平成|令和|[MTSHR])\s*\.?\s*(\d{1,2}|元)\s*[年./\-]\s*"
                          r"(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?", re.IGNORECASE)
WESTERN = re.compile(r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?")
ISO_DATE = re.compile(ISO)


def looks_like_date(value: str) -> bool:
    """A cell that starts like a date, 和暦 or western (so a column --fix may convert)."""
    text = half_width(value)
    return bool(WAREKI_PARTS.match(text) or WESTERN.match(text))


def iso_date(value: str) -> str | None:
    """``value`` as YYYY-MM-DD when it is one whole, valid date; None otherwise."""
    text = half_width(value)
    if ISO_DATE.fullmatch(text):
        year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
    elif (match := WAREKI_PARTS.fullmatch(text)) is not None:
        era = match.group(1)
        offset = ERAS.get(era) or ERAS.get(era.upper())
        if offset is None:
            return None
        year = offset + (1 if match.group(2) == "元" else int(match.group(2)))
        month, day = int(match.group(3)), int(match.group(4))
    elif (match := WESTERN.fullmatch(text)) is not None:
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def future_code(field: dict[str, Any]) -> str | None:
    """The code a date after today gets in ``field``: an error where the column records an
    event or the schema forbids it, a warning elsewhere, nothing where the schema allows it."""
    allowed = field.get("x-allowFuture")
    if allowed is True:
        return None
    name = str(field.get("name", ""))
    event = any(w in name for w in EVENT_WORDS) and not any(w in name for w in PLANNED_WORDS)
    return "date-in-future" if allowed is False or event else "date-later-than-today"


def _matches(cells: pd.DataFrame, pattern: str) -> np.ndarray:
    return cell_mask(cells, lambda flat: flat.str.fullmatch(pattern))


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    # Every date column at once (cell_mask): per column, pandas' calls cost more than a wide
    # table's few cells (issue #19).
    fields = schema.get("fields", [])[:len(table.header)]
    indexes = [i for i, f in enumerate(fields) if f.get("type", "string") == "date"]
    if not indexes or not len(table.cells):
        return
    cells = table.cells[indexes]
    present = ~blank_mask(cells, set(schema.get("missingValues", [""])))
    wareki = _matches(cells, WAREKI) & present
    iso = _matches(cells, ISO) & present
    not_iso = ~wareki & ~iso & _matches(cells, OTHER_DATE) & present
    values = cells.to_numpy(dtype=object)
    future = np.zeros(values.shape, dtype=bool)
    parsed = pd.to_datetime(pd.Series(values[iso], dtype=object), format="%Y-%m-%d",
                            errors="coerce")
    future[iso] = (parsed > pd.Timestamp(today)).to_numpy(dtype=bool)
    for j, index in enumerate(indexes):
        field = fields[index]
        custom_format = field.get("format", "default") not in ("default", None)
        future_as = future_code(field)
        masks = [("wareki-date", wareki[:, j])]
        if not custom_format:
            masks.append(("date-not-iso", not_iso[:, j]))
            if future_as is not None:
                masks.append((future_as, future[:, j]))
        for code, mask in masks:
            for r in np.flatnonzero(mask):
                row = row_of(table.cells.index[r])
                yield Finding(code, file=table.file, row=row, line=table.line_of_row(row),
                              column=field["name"], column_number=index + 1,
                              value=values[r, j],
                              params={"today": today.isoformat()} if code == future_as
                              else {})

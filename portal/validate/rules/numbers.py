"""L3-01 units, L3-02 thousands separators, L3-03 full-width digits — in number columns.

The rule's detector (``check``, run by validation) and its fixer's reading of one cell
(``number_text``, run by ``--fix`` through portal/ingest/fixes.py) live here together: what
validation calls a number with a unit is what --fix either takes out (``UNITS``) or reports
as unsafe (``is_unit_cell``: 約100, 50代), never passes over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd

from portal.findings import Finding
from portal.tables.cells import half_width
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

# --- the fixer's reading of one cell ---------------------------------------------------------
FULLWIDTH_FORMS = re.compile(r"[０-９，．－＋　]")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
INTEGER = re.compile(r"[+-]?\d+")
HALF_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
NUMBER_AND_UNIT = re.compile(r"([+-]?\d[\d,]*(?:\.\d+)?)\s*([^\d\s.,+\-]{1,6})")
# A yen sign before the number is the unit 円 (¥100 → 100, column 料金(円)).
YEN = re.compile(r"[¥￥]\s*([+-]?\d[\d,]*(?:\.\d+)?)")
# Units taken out of numbers; anything else after a number (50代, 3丁目) is not a unit.
UNITS = frozenset((
    "円", "千円", "万円", "百万円", "億円", "人", "千人", "世帯", "戸", "件", "個", "台", "回", "日",
    "時間", "分", "秒", "年", "か月", "ヶ月", "ヵ月", "歳", "才", "%", "％", "‰", "㎡", "㎢", "m2",
    "km2", "ha", "a", "m", "km", "cm", "mm", "kg", "g", "t", "トン", "L", "ℓ", "ml", "本", "棟",
    "校", "箇所", "か所", "ヵ所", "床", "席", "頭", "羽", "匹", "枚", "冊", "軒", "社", "店", "園",
    "施設", "km/h", "℃"))
UNIT_CELL = re.compile(WITH_UNIT)
# Words before a number that make it a number with a unit by themselves (約100, 概ね50); other
# text before a number (施設1, 第2) counts only in a column that also holds numbers.
NUMBER_PREFIX = re.compile(r"\s*(?:約|概ね|およそ|最大|最小|最低|[$＄€£])\s*[+-]?[\d,，]")


def number_text(value: str) -> tuple[str, str] | None:
    """(the number as plain text, its unit or "") when --fix can read ``value`` as a number,
    else None."""
    text = half_width(value)
    if PLAIN_NUMBER.fullmatch(text):
        return text, ""
    if HALF_THOUSANDS.fullmatch(text):
        return text.replace(",", ""), ""
    yen = YEN.fullmatch(text)
    if yen:
        digits = yen.group(1)
        if "," in digits and not HALF_THOUSANDS.fullmatch(digits):
            return None
        return digits.replace(",", ""), "円"
    match = NUMBER_AND_UNIT.fullmatch(text)
    if match:
        digits = match.group(1)
        if ("," in digits and not HALF_THOUSANDS.fullmatch(digits)) or \
                match.group(2) not in UNITS:
            return None
        return digits.replace(",", ""), match.group(2)
    return None


def is_unit_cell(value: str, numbers_beside: bool) -> bool:
    """Whether the detector reads ``value`` as a number with a unit (L3-01): 50代, 約100,
    ¥100; asked by --fix of a cell it cannot turn into a number."""
    text = value.strip()
    if not UNIT_CELL.fullmatch(text):
        return False
    return text[:1].isdigit() or text[:1] in "+-" or numbers_beside or bool(
        NUMBER_PREFIX.match(text))


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

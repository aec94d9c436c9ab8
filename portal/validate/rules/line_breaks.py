"""L3-05 a line break inside a cell: a warning everywhere, fixed where it carries no meaning.

Quoted CSV carries a line break and every reader reads it, so it never blocks publication
(21 datasets of Yaizu and Takamatsu did, for 利用可能日時特記事項 and 備考). In free text — a
description, a note, opening hours — it separates paragraphs and is kept. In a value that
identifies or locates something it is an accident of a wrapped Excel cell
(「共同生活援助\n短期入所」 in 区分 of Yaizu's 要配慮者利用施設 list), and ``--fix`` replaces it
with a space. Which columns those are is decided from the schema alone (``joins_lines``),
written down in docs/validate.md:

- a field of any type but ``string``/``any`` (a number, a date, a code list);
- a string field whose name marks a code, an id, a name, a category, an address, a telephone
  number or a URL (``CODE_WORDS``), unless it also marks free text (``FREE_TEXT_WORDS``:
  備考, 特記事項, 説明 …, which win).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from portal.findings import Finding
from portal.tables.table import Table
from portal.validate.rules.columns import Repair, cell_mask, row_of

CODE = "cell-line-break"
FIX_CODE = "fix-line-break-replaced"
CODES = (CODE,)
FIXES = {FIX_CODE: CODE}
LINE_BREAK = r"[\r\n]"
# Substrings of a column name; ASCII words are compared in lower case.
CODE_WORDS = ("コード", "番号", "№", "名称", "名", "カナ", "かな", "フリガナ", "区分", "種別", "分類",
              "住所", "所在地", "方書", "電話", "郵便", "ＩＤ",
              "code", "name", "kana", "number", "address", "tel", "phone", "postal", "category",
              "type", "url")
# Whole names (short ones that would match inside other words).
CODE_NAMES = ("no", "no.", "id", "url")
FREE_TEXT_WORDS = ("備考", "特記事項", "説明", "注意", "注記", "案内", "内容", "概要", "方法", "情報",
                   "詳細", "時間", "メモ", "コメント",
                   "note", "description", "summary", "remark", "comment", "detail", "info",
                   "memo")
_BREAK_RUN = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n)+[ \t\u3000]*")


def _has(name: str, words: tuple[str, ...]) -> bool:
    lower = name.lower()
    return any(w in lower if w.isascii() else w in name for w in words)


def joins_lines(field: Mapping[str, Any]) -> bool:
    """True when a line break in ``field`` carries no meaning and ``--fix`` replaces it."""
    if field.get("type", "string") not in ("string", "any"):
        return True
    name = str(field.get("name", "")).strip()
    if _has(name, FREE_TEXT_WORDS):
        return False
    return _has(name, CODE_WORDS) or name.lower() in CODE_NAMES or name.endswith(("ID", "Id"))


def _breaks(flat: pd.Series) -> pd.Series:
    return flat.str.contains(LINE_BREAK, regex=True)


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    for index in np.flatnonzero(cell_mask(table.cells, _breaks).any(axis=0)):
        column = table.cells[index]
        hits = column[column.str.contains(LINE_BREAK, regex=True)]
        name = table.header[index] or None
        for position, value in hits.items():
            row = row_of(position)
            yield Finding(CODE, file=table.file, row=row, line=table.line_of_row(row),
                          column=name, column_number=int(index) + 1, value=value)


def joined(value: str) -> str:
    """``value`` with each line break (and the spaces around it) replaced by one space."""
    return _BREAK_RUN.sub(" ", value).strip()


def fix(cells: pd.DataFrame, fields: Sequence[Mapping[str, Any]]) -> tuple[pd.DataFrame,
                                                                        list[Repair]]:
    """Line breaks replaced in the columns ``joins_lines`` picks; free text left as it is."""
    repairs: list[Repair] = []
    fixed = cells
    found = set(cells.columns[cell_mask(cells, _breaks).any(axis=0)])
    for index, field in enumerate(fields):
        if index not in found or not joins_lines(field):
            continue
        column = cells[index]
        mask = column.str.contains(LINE_BREAK, regex=True)
        if fixed is cells:
            fixed = cells.copy()
        new = column[mask].map(joined)
        positions = tuple(int(p) for p in np.flatnonzero(mask.to_numpy()))
        repairs.append(Repair(index, positions, str(column[mask].iloc[0]), str(new.iloc[0])))
        fixed.loc[mask, index] = new
    return fixed, repairs

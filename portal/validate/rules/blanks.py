"""Cells of spaces only are blank.

A cell of eight spaces in a date column (a postal-code column of a food-business permit list
holds exactly that) is what Excel leaves where someone typed over a value: a reader sees a
blank, and so does validation (``columns.blank_cells``: no type error; ``cell-required`` when
the field is required). It is reported once per cell as a warning, and ``--fix`` blanks it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from portal.findings import Finding
from portal.tables.table import Table
from portal.validate.rules.columns import Repair, cell_mask, row_of

CODE = "cell-whitespace-only"
FIX_CODE = "fix-whitespace-blanked"
CODES = (CODE,)
FIXES = {FIX_CODE: CODE}


def _spaces(column: pd.Series) -> pd.Series:
    return column.str.isspace()


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    if "" not in schema.get("missingValues", [""]):
        return  # the schema says what blank is; spaces are then a value like any other
    names = [f.get("name") for f in schema.get("fields", [])]
    for index in np.flatnonzero(cell_mask(table.cells, _spaces).any(axis=0)):
        column = table.cells[index]
        name = names[index] if index < len(names) else (table.header[index] or None)
        for position, value in column[_spaces(column)].items():
            row = row_of(position)
            yield Finding(CODE, file=table.file, row=row, line=table.line_of_row(row),
                          column=name, column_number=int(index) + 1, value=value)


def fix(cells: pd.DataFrame) -> tuple[pd.DataFrame, list[Repair]]:
    """Every cell of spaces only made empty; one ``Repair`` per column touched."""
    repairs: list[Repair] = []
    fixed = cells
    for index in np.flatnonzero(cell_mask(cells, _spaces).any(axis=0)):
        index = cells.columns[index]
        mask = _spaces(cells[index])
        if fixed is cells:
            fixed = cells.copy()
        positions = tuple(int(p) for p in np.flatnonzero(mask.to_numpy()))
        repairs.append(Repair(int(index), positions, str(cells[index][mask].iloc[0]), ""))
        fixed.loc[mask, index] = ""
    return fixed, repairs

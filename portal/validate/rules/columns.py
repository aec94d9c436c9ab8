"""Shared column plumbing for the rules: which schema field sits at which table position, and
the record a fixer returns for the cells it changed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from portal.tables.table import Table


@dataclass(frozen=True)
class Repair:
    """What a rule's fixer changed in one column: ``positions`` are 0-based data-row
    positions of the cells (``row_of`` gives the Table Schema row); ``before``/``after`` one
    sample."""

    column: int
    positions: tuple[int, ...]
    before: str
    after: str


def blank_cells(column: pd.Series, missing: set[str]) -> pd.Series:
    """Mask of cells that are missing: a missing value, or — when "" is one — only spaces
    (half- or full-width, tabs, line breaks), which a reader cannot tell from blank."""
    mask = column.isin(missing)
    if "" in missing:
        mask |= column.str.isspace()
    return mask


def typed_columns(table: Table, schema: dict[str, Any],
                  types: set[str]) -> Iterator[tuple[int, dict[str, Any], pd.Series]]:
    """(position, field descriptor, non-missing raw cells) for fields of the given types."""
    missing = set(schema.get("missingValues", [""]))
    for index, field in enumerate(schema.get("fields", [])):
        if index >= len(table.header) or field.get("type", "string") not in types:
            continue
        column = table.cells[index]
        # The mask in numpy, and no indexing when nothing is missing: per column, pandas'
        # isin and boolean indexing cost more than a wide table's few cells (issue #19).
        # Cells of spaces only count as blank where "" does (blank_cells).
        values = column.to_numpy(dtype=object)
        keep = values != "" if missing == {""} else ~np.isin(values, list(missing))
        if "" in missing and keep.any():
            keep &= ~np.char.isspace(values.astype(str))
        yield index, field, column if keep.all() else column[keep]


def row_of(position: object) -> int:
    """Table Schema row number of a cells index position (the header is row 1)."""
    return int(position) + 2  # type: ignore[call-overload]

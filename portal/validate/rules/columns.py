"""Shared column plumbing for the rules: which schema field sits at which table position, and
the record a fixer returns for the cells it changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def cell_mask(cells: pd.DataFrame, test: Callable[[pd.Series], pd.Series]) -> np.ndarray:
    """A rows × columns boolean array of ``test`` run once over every cell, end to end.

    One pandas string call over the whole frame instead of one per column: per column, a
    call's fixed cost (~0.1 ms) is most of a wide table's check (10,000 columns × 3 rows took
    half a minute, issue #19)."""
    rows, width = cells.shape
    if not rows or not width:
        return np.zeros((rows, width), dtype=bool)
    # The columns' own dtype when they share one, so string methods behave as per column.
    kinds = set(cells.dtypes)
    flat = pd.Series(cells.to_numpy(dtype=object).ravel(order="F"),
                     dtype=kinds.pop() if len(kinds) == 1 else object)
    return test(flat).to_numpy(dtype=bool).reshape(width, rows).T


def blank_mask(cells: pd.DataFrame, missing: set[str]) -> np.ndarray:
    """``blank_cells`` of every column at once, as a rows × columns array."""
    return cell_mask(cells, lambda flat: blank_cells(flat, missing))


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

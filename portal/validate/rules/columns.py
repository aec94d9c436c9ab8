"""Shared column plumbing for the rules: which schema field sits at which table position."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from portal.validate.table import Table


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
        values = column.to_numpy(dtype=object)
        keep = values != "" if missing == {""} else ~np.isin(values, list(missing))
        yield index, field, column if keep.all() else column[keep]


def row_of(position: object) -> int:
    """Table Schema row number of a cells index position (the header is row 1)."""
    return int(position) + 2  # type: ignore[call-overload]

"""Shared column plumbing for the rules: which schema field sits at which table position."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
        yield index, field, column[~column.isin(missing)]


def row_of(position: object) -> int:
    """Table Schema row number of a cells index position (the header is row 1)."""
    return int(position) + 2  # type: ignore[call-overload]

"""Latitude and longitude inside Japan's bounds (decimal degrees, JGD2011/WGS84)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd

from portal.validate.report import Finding
from portal.validate.rules.columns import row_of, typed_columns
from portal.validate.table import Table

# Generous box around Japan's territory: Okinotorishima ~20.4N, Etorofu ~45.6N,
# Yonaguni ~122.9E, Minamitorishima ~154.0E.
BOUNDS = {"lat": (20.0, 46.0), "lon": (122.0, 154.0)}
AXIS_BY_NAME = {"緯度": "lat", "latitude": "lat", "lat": "lat",
                "経度": "lon", "longitude": "lon", "lon": "lon", "lng": "lon"}


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    for index, field, cells in typed_columns(table, schema, {"number", "string", "integer"}):
        axis = AXIS_BY_NAME.get(field["name"].strip().lower())
        if axis is None:
            continue
        low, high = BOUNDS[axis]
        values = pd.to_numeric(cells, errors="coerce")
        outside = cells[values.notna() & ((values < low) | (values > high))]
        for position, value in outside.items():
            row = row_of(position)
            yield Finding("coordinate-outside-japan", file=table.file, row=row,
                          line=table.line_of_row(row), column=field["name"],
                          column_number=index + 1, value=value,
                          params={"low": low, "high": high})

"""Latitude and longitude inside Japan's bounds (decimal degrees, JGD2011/WGS84)."""

from __future__ import annotations

import json
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


def _marked_axes(table: Table, schema: dict[str, Any]) -> tuple[dict[str, str],
                                                                 list[Finding]]:
    """Fields a schema-level ``"x-geo": {"latitude": …, "longitude": …}`` names (see
    portal/geo/points.py), and a finding when the marker does not name two number fields."""
    marker = schema.get("x-geo")
    if marker is None:
        return {}, []
    types = {f.get("name"): f.get("type", "string") for f in schema.get("fields", [])}
    names = marker if isinstance(marker, dict) else {}
    if all(isinstance(names.get(key), str) and types.get(names[key]) == "number"
           for key in ("latitude", "longitude")):
        return {names["latitude"]: "lat", names["longitude"]: "lon"}, []
    return {}, [Finding("geo-marker-invalid", file=table.file,
                        params={"marker": json.dumps(marker, ensure_ascii=False)})]


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    marked, findings = _marked_axes(table, schema)
    yield from findings
    for index, field, cells in typed_columns(table, schema, {"number", "string", "integer"}):
        axis = marked.get(field["name"]) or AXIS_BY_NAME.get(field["name"].strip().lower())
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

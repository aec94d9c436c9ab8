"""Latitude and longitude inside Japan's bounds (decimal degrees, JGD2011/WGS84).

A row whose latitude and longitude are both 0 is not a place outside Japan but the way many
lists write "position unknown" (Takamatsu's 文化財 list: 130 of 183 rows). It is one warning,
``coordinate-zero``, instead of two ``coordinate-outside-japan`` errors: nobody reads 0, 0 as a
place in Japan, and what the portal derives from it — the map, the GeoJSON download — leaves
the row out (``portal.geo.geojson.point_geometries``), so publishing it misleads no map. The
CSV still carries the zeros until someone writes blanks; ``--fix`` does that (``fix``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from portal.bounds import BOUNDS
from portal.tables.table import Table
from portal.validate.report import Finding
from portal.validate.rules.columns import Repair, row_of, typed_columns

CODES = ("coordinate-zero", "coordinate-outside-japan", "geo-marker-invalid")
FIXES = {"fix-coordinate-zero-blanked": "coordinate-zero"}
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


def axis_of(name: str) -> str | None:
    """"lat" or "lon" for a column named as one (緯度, longitude …), else None."""
    return AXIS_BY_NAME.get(name.strip().lower())


def _zero(cells: pd.Series) -> pd.Series:
    return pd.to_numeric(cells.str.strip(), errors="coerce") == 0


def zero_pairs(lat: pd.Series, lon: pd.Series) -> pd.Series:
    """Mask of rows whose latitude and longitude are both written as 0."""
    return _zero(lat) & _zero(lon)


def check(table: Table, schema: dict[str, Any], today: date) -> Iterator[Finding]:
    marked, findings = _marked_axes(table, schema)
    yield from findings
    axes: dict[str, tuple[int, str, pd.Series]] = {}
    for index, field, cells in typed_columns(table, schema, {"number", "string", "integer"}):
        axis = marked.get(field["name"]) or axis_of(field["name"])
        if axis is not None and axis not in axes:
            axes[axis] = (index, field["name"], cells)
    zero = pd.Series(False, index=table.cells.index)
    if len(axes) == 2:
        (lat_index, lat_name, _), (_, lon_name, _) = axes["lat"], axes["lon"]
        zero = zero_pairs(table.cells[lat_index], table.cells[axes["lon"][0]])
        for position in table.cells.index[zero]:
            row = row_of(position)
            yield Finding("coordinate-zero", file=table.file, row=row,
                          line=table.line_of_row(row), column=lat_name,
                          column_number=lat_index + 1, value=table.cells[lat_index][position],
                          params={"other": lon_name})
    for axis, (index, name, cells) in axes.items():
        low, high = BOUNDS[axis]
        values = pd.to_numeric(cells, errors="coerce")
        outside = cells[values.notna() & ((values < low) | (values > high))
                        & ~zero.reindex(cells.index, fill_value=False)]
        for position, value in outside.items():
            row = row_of(position)
            yield Finding("coordinate-outside-japan", file=table.file, row=row,
                          line=table.line_of_row(row), column=name,
                          column_number=index + 1, value=value,
                          params={"low": low, "high": high})


def fix(cells: pd.DataFrame, names: tuple[str, ...]) -> tuple[pd.DataFrame, list[Repair]]:
    """Both cells of every 0, 0 pair blanked, in the first latitude and longitude columns
    named as such; one ``Repair`` per column."""
    lat = next((i for i, n in enumerate(names) if axis_of(n) == "lat"), None)
    lon = next((i for i, n in enumerate(names) if axis_of(n) == "lon"), None)
    if lat is None or lon is None:
        return cells, []
    mask = zero_pairs(cells[lat], cells[lon])
    if not mask.any():
        return cells, []
    positions = tuple(int(p) for p in np.flatnonzero(mask.to_numpy()))
    repairs = [Repair(index, positions, str(cells[index][mask].iloc[0]), "")
               for index in (lat, lon)]
    fixed = cells.copy()
    fixed.loc[mask, [lat, lon]] = ""
    return fixed, repairs

"""Checks of a layer's CRS and geometries; each problem is a finding naming the feature.

Features are numbered from 1 in file order; ``row`` (and ``line``, which places the finding
in reports) is the feature's row in the attribute table (Table Schema numbering, header =
row 1), so geometry and attribute findings of one feature share a row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import shapely

from portal.bounds import BOUNDS
from portal.findings import Finding
from portal.geo import SHAPEFILE_SIDECARS
from portal.geo.crs import point_to_wgs84, to_wgs84
from portal.geo.layer import GeoTable, read_layer

LAT, LON = BOUNDS["lat"], BOUNDS["lon"]
LOCATION = re.compile(r"\[(-?[\d.eE+-]+) (-?[\d.eE+-]+)\]")


def _inside(bounds: np.ndarray) -> np.ndarray:
    """Rows of (minx, miny, maxx, maxy) lying in Japan's box, as lon/lat."""
    return ((bounds[:, 0] >= LON[0]) & (bounds[:, 2] <= LON[1])
            & (bounds[:, 1] >= LAT[0]) & (bounds[:, 3] <= LAT[1]))


def _outside_code(raw: np.ndarray, geographic: bool) -> str:
    """Why a feature lies outside Japan, judged on its coordinates as written."""
    swapped = raw[[1, 0, 3, 2]]
    if geographic and _inside(swapped[None, :])[0]:
        return "geo-axis-swapped"
    if geographic and np.abs(raw).max() > 360:
        return "geo-plane-as-degrees"
    if not geographic and np.abs(raw[[0, 2]]).max() <= 180 and np.abs(raw[[1, 3]]).max() <= 90:
        return "geo-degrees-as-plane"
    return "geo-outside-japan"


def check_layer(table: GeoTable) -> Iterator[Finding]:
    """CRS known, geometries present and valid, and every feature in Japan."""
    shown = table.file
    if table.crs is None:
        yield Finding("geo-crs-unknown" if table.crs_declared else "geo-crs-missing",
                      file=shown)
        return
    geometries = table.geometries
    missing = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    for index in np.flatnonzero(missing):
        yield Finding("geo-geometry-empty", file=shown, row=int(index) + 2, line=int(index) + 2,
                      params={"feature": int(index) + 1})
    present = ~missing
    valid = np.ones(len(geometries), dtype=bool)
    valid[present] = shapely.is_valid(geometries[present])
    for index in np.flatnonzero(~valid):
        reason = str(shapely.is_valid_reason(geometries[index]))
        found = LOCATION.search(reason)
        lon, lat = point_to_wgs84(float(found[1]), float(found[2]), table.crs) if found \
            else (float("nan"), float("nan"))
        kind = reason.split("[", 1)[0]
        code = "geo-self-intersection" if kind.startswith(("Self-intersection",
                                                           "Ring Self-intersection")) \
            else "geo-geometry-invalid"
        yield Finding(code, file=shown, row=int(index) + 2, line=int(index) + 2,
                      params={"feature": int(index) + 1, "reason": kind,
                              "lon": f"{lon:.6f}", "lat": f"{lat:.6f}"})
    if not present.any():
        return
    raw_bounds = shapely.bounds(geometries[present])
    wgs_bounds = shapely.bounds(to_wgs84(geometries[present], table.crs))
    inside = _inside(wgs_bounds) & np.isfinite(wgs_bounds).all(axis=1)
    present_at = np.flatnonzero(present)
    for position in np.flatnonzero(~inside):
        feature = int(present_at[position]) + 1
        raw = raw_bounds[position]
        yield Finding(_outside_code(raw, table.crs.is_geographic), file=shown,
                      row=feature + 1, line=feature + 1,
                      params={"feature": feature, "x": f"{raw[0]:.6f}", "y": f"{raw[1]:.6f}",
                              "crs": table.crs.name})


def feature_rows(table: GeoTable, findings: list[Finding]) -> list[Finding]:
    """Without ``trailing-empty-row`` for a feature that has a geometry: a feature whose
    attributes are all blank is still a feature (Yaizu's 都市機能誘導区域 lines have one
    empty ``area`` field); a missing geometry is ``geo-geometry-empty``."""
    geometries = table.geometries
    present = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    return [f for f in findings if not (
        f.code == "trailing-empty-row" and f.row is not None
        and 0 <= f.row - 2 < len(present) and present[f.row - 2])]


def read_geo_table(path: Path, shown: str, fmt: str) -> tuple[GeoTable | None, list[Finding]]:
    """Read a geographic resource and check its CRS and geometries; the attribute table is
    then checked against its Table Schema like any table."""
    table, findings = read_layer(path, shown, fmt)
    if table is not None:
        findings += check_layer(table)
    return table, findings


def source_parts(path: str, fmt: str) -> tuple[str, ...]:
    """The files a resource is made of (a .shp and its sidecars), relative like ``path``."""
    if fmt != "shapefile" or not path.lower().endswith(".shp"):
        return (path,)
    stem = path[:-4]
    return (path, *(stem + suffix for suffix in SHAPEFILE_SIDECARS))

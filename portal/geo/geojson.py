"""RFC 7946 GeoJSON writers: a FeatureCollection in WGS84 longitude/latitude, written feature
by feature (nothing holds the whole document in memory).

Coordinates are rounded to 7 decimals (about 1 cm) and polygon rings follow the right-hand
rule (exterior counter-clockwise), as RFC 7946 §3.1.6 asks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely

PRECISION = 7
MEDIA_TYPE = "application/geo+json"


def prepare(geometries: np.ndarray) -> np.ndarray:
    """WGS84 geometries as GeoJSON wants them: 2D, rounded, rings oriented."""
    flat = shapely.force_2d(geometries)
    rounded = shapely.transform(flat, lambda coords: np.round(coords, PRECISION))
    return shapely.orient_polygons(rounded, exterior_cw=False)


def bbox_of(geometries: np.ndarray) -> list[float] | None:
    present = geometries[~(shapely.is_missing(geometries) | shapely.is_empty(geometries))]
    if not len(present):
        return None
    return [round(float(v), PRECISION) for v in shapely.total_bounds(present)]


def write_features(path: Path, geometries: np.ndarray, names: Sequence[str],
                   rows: Iterable[Sequence[Any]]) -> list[float] | None:
    """Features whose geometries are WGS84 made ready by ``prepare`` and whose properties are
    ``rows`` (JSON values, in ``names`` order); returns the collection's bbox."""
    texts = shapely.to_geojson(geometries)
    box = bbox_of(geometries)
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"type": "FeatureCollection"')
        if box is not None:
            handle.write(f', "bbox": {json.dumps(box)}')
        handle.write(', "features": [')
        for index, (geometry, row) in enumerate(zip(texts, rows, strict=True)):
            handle.write(",\n" if index else "\n")
            properties = json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False)
            handle.write(f'{{"type": "Feature", "properties": {properties}, '
                         f'"geometry": {geometry if geometry is not None else "null"}}}')
        handle.write("\n]}\n")
    return box


def point_geometries(lons: Sequence[Any], lats: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Points from coordinate values; rows with a blank or non-numeric one are left out, and
    so are rows at 0, 0 (written for "position unknown": a marker off Africa misleads; see
    portal/validate/rules/coordinates.py). Returns (points, mask of the rows kept)."""
    lon = np.array([v if isinstance(v, int | float) and not isinstance(v, bool) else np.nan
                    for v in lons], dtype=float)
    lat = np.array([v if isinstance(v, int | float) and not isinstance(v, bool) else np.nan
                    for v in lats], dtype=float)
    keep = np.isfinite(lon) & np.isfinite(lat) & ~((lon == 0) & (lat == 0))
    return shapely.points(lon[keep], lat[keep]), keep

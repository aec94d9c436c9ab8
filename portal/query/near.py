"""Rows of a location dataset ordered by distance from a point, nearest first.

SQLite orders the rows that pass the rows API's filters by an equirectangular distance (exact
enough to rank places within a city, and plain arithmetic SQLite can compute); the rows it
returns, a few more than asked for, are then ranked by the great-circle distance, which is
what is shown.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.query.rows import RowsQuery, where
from portal.query.totals import where_sql
from portal.store.sqlite import discard, pooled, quote

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
LATITUDE, LONGITUDE = "緯度", "経度"
SLACK = 10  # rows read beyond the limit, re-ranked by the exact distance


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Near:
    row: dict[str, Any]
    metres: float


def distance_m(a: Point, b: Point) -> float:
    """Great-circle (haversine) distance in metres."""
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def by_distance(rows: Sequence[dict[str, Any]], origin: Point) -> list[Near]:
    """Rows with a position, nearest first (ties in their given order); rows without one
    (empty, or 0, 0 for "unknown") are left out."""
    ranked = []
    for row in rows:
        latitude, longitude = row.get(LATITUDE), row.get(LONGITUDE)
        if not isinstance(latitude, (int, float)) or not isinstance(longitude, (int, float)):
            continue
        if latitude == 0 and longitude == 0:
            continue
        ranked.append(Near(row, distance_m(origin, Point(float(latitude), float(longitude)))))
    return sorted(ranked, key=lambda near: near.metres)


def has_positions(schema: Mapping[str, Any]) -> bool:
    names = {f["name"] for f in schema.get("fields", [])}
    return {LATITUDE, LONGITUDE} <= names


def nearest(db_path: Path, schema: Mapping[str, Any], query: RowsQuery, origin: Point,
            limit: int) -> list[Near]:
    """The ``limit`` rows nearest ``origin`` among those ``query``'s filters keep."""
    types = {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}
    names = tuple(types)
    filtered, args = where_sql(where(query, types))
    lat, lon = quote(LATITUDE), quote(LONGITUDE)
    # Degrees of longitude shrink with the cosine of the latitude.
    scale = math.cos(math.radians(origin.latitude))
    clauses = [f"{lat} IS NOT NULL", f"{lon} IS NOT NULL", f"NOT ({lat} = 0 AND {lon} = 0)"]
    if filtered:
        clauses.append(filtered)
    sql = (f"SELECT {', '.join(quote(n) for n in names)} FROM rows WHERE "
           f"{' AND '.join(clauses)} ORDER BY "
           f"({lat} - ?) * ({lat} - ?) + ({lon} - ?) * ({lon} - ?) * ? , rowid LIMIT ?")
    connection = pooled(db_path)
    try:
        fetched = connection.execute(sql, [*args, origin.latitude, origin.latitude,
                                           origin.longitude, origin.longitude, scale * scale,
                                           limit + SLACK]).fetchall()
    except sqlite3.Error:
        discard(db_path)
        raise
    rows = [dict(zip(names, r, strict=True)) for r in fetched]
    return by_distance(rows, origin)[:limit]

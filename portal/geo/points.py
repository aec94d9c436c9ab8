"""Which columns of a table hold latitude and longitude (decimal degrees, WGS84/JGD2011).

A schema marks them in one of two ways, the first winning:

1. schema-level ``"x-geo": {"latitude": "<field>", "longitude": "<field>"}``;
2. fields of type ``number`` named 緯度 / 経度 (the 自治体標準オープンデータセット names) or
   latitude / longitude (any case).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LATITUDE_NAMES = ("緯度", "latitude")
LONGITUDE_NAMES = ("経度", "longitude")


def coordinate_columns(schema: Mapping[str, Any]) -> tuple[str, str] | None:
    """(latitude field, longitude field) of ``schema``, or None when it marks none."""
    fields = {f.get("name"): f for f in schema.get("fields", []) if isinstance(f, Mapping)}
    marker = schema.get("x-geo")
    if isinstance(marker, Mapping):
        lat, lon = marker.get("latitude"), marker.get("longitude")
        if isinstance(lat, str) and isinstance(lon, str) and lat in fields and lon in fields:
            return lat, lon
        return None

    def named(names: tuple[str, ...]) -> str | None:
        return next((str(name) for name, f in fields.items()
                     if isinstance(name, str) and name.strip().lower() in names
                     and f.get("type") == "number"), None)

    lat, lon = named(LATITUDE_NAMES), named(LONGITUDE_NAMES)
    return (lat, lon) if lat and lon else None


def is_unknown_position(latitude: float, longitude: float) -> bool:
    """True for 0, 0: how many lists write "position unknown". Never drawn — a marker in the
    Gulf of Guinea would mislead (portal/validate/rules/coordinates.py, coordinate-zero)."""
    return float(latitude) == 0 and float(longitude) == 0

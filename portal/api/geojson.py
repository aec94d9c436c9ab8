"""A page of rows as an RFC 7946 FeatureCollection (`_shape=geojson` of the rows API).

Paging stays as in the JSON answer: ``total``, ``next`` and ``next_url`` are foreign members of
the collection (RFC 7946 §6.1).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from portal.geo.points import is_unknown_position

MEDIA_TYPE = "application/geo+json"


def _point(row: Mapping[str, Any], geo: Mapping[str, Any]) -> dict[str, Any] | None:
    lon, lat = row.get(str(geo["longitude"])), row.get(str(geo["latitude"]))
    if not isinstance(lon, int | float) or not isinstance(lat, int | float) or \
            is_unknown_position(lat, lon):  # 0, 0 is written for "unknown"
        return None
    return {"type": "Point", "coordinates": [lon, lat]}


def feature_collection(rows: Sequence[Mapping[str, Any]], columns: Sequence[str],
                       geo: Mapping[str, Any], paging: Mapping[str, Any]) -> dict[str, Any]:
    """``rows`` as features with ``columns`` as properties; ``paging`` (dataset, resource,
    total, next, next_url) is kept beside them."""
    features = []
    for row in rows:
        if geo.get("type") == "points":
            geometry = _point(row, geo)
        else:
            text = row.get("_geometry")
            geometry = json.loads(text) if isinstance(text, str) else None
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {name: row.get(name) for name in columns}})
    return {"type": "FeatureCollection", **paging, "features": features}


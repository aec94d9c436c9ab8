"""`_bbox` and `_shape=geojson` of the rows API, as additions to a ``RowsQuery``.

A bounding box becomes ordinary range filters: on the latitude/longitude columns of a table,
or on the hidden per-feature bounding-box columns a geographic resource's row database has
(``portal.publishing.geo``): a feature is kept when its box intersects the requested one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from portal.errors import PortalError
from portal.query.rows import RowsQuery

HIDDEN = ("_minx", "_miny", "_maxx", "_maxy", "_geometry")
AXES = (("longitude", -180.0, 180.0), ("latitude", -90.0, 90.0))


@dataclass(frozen=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


def parse_bbox(raw: str) -> BBox:
    """``min_lon,min_lat,max_lon,max_lat`` in decimal degrees; a 400 naming what is wrong."""
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) != 4:
        raise PortalError("bbox-count", parameter="_bbox", value=raw, count=len(parts))
    numbers: list[float] = []
    for part in parts:
        try:
            number = float(part)
        except ValueError:
            raise PortalError("bbox-not-number", parameter="_bbox", part=part) from None
        if not math.isfinite(number):
            raise PortalError("bbox-not-number", parameter="_bbox", part=part)
        numbers.append(number)
    for index, (axis, low, high) in enumerate(AXES):
        for value in (numbers[index], numbers[index + 2]):
            if not low <= value <= high:
                raise PortalError("bbox-range", parameter="_bbox", axis=axis, value=value,
                                  low=low, high=high)
        if numbers[index] > numbers[index + 2]:
            raise PortalError("bbox-order", parameter="_bbox", axis=axis,
                              low=numbers[index], high=numbers[index + 2])
    return BBox(*numbers)


def spatial_query(query: RowsQuery, schema: Mapping[str, Any], geo: Mapping[str, Any] | None,
                  bbox: BBox | None, geojson: bool, dataset_id: str,
                  resource: str) -> tuple[RowsQuery, dict[str, Any]]:
    """The query and schema to fetch with: bbox filters added, and for a GeoJSON page of a
    geographic resource its geometry column selected. Without ``geo`` the resource has no
    locations, and asking for either is a 400 naming the parameter."""
    schema = dict(schema)
    if bbox is None and not geojson:
        return query, schema
    if geo is None:
        raise PortalError("not-spatial", parameter="_bbox" if bbox is not None else "_shape",
                          id=dataset_id, resource=resource)
    visible = [f["name"] for f in schema.get("fields", [])]
    if geo.get("type") == "points":
        lat, lon = str(geo["latitude"]), str(geo["longitude"])
        extra: tuple[tuple[str, str, str], ...] = ()
        if bbox is not None:
            extra = ((lon, "gte", repr(bbox.min_lon)), (lon, "lte", repr(bbox.max_lon)),
                     (lat, "gte", repr(bbox.min_lat)), (lat, "lte", repr(bbox.max_lat)))
        columns = query.columns
        if geojson and columns:  # the point needs its coordinates even when _col omits them
            columns = tuple(dict.fromkeys((*columns, lat, lon)))
        return replace(query, filters=query.filters + extra, columns=columns), schema
    hidden = [{"name": name, "type": "number" if name != "_geometry" else "string"}
              for name in HIDDEN]
    schema["fields"] = [*schema.get("fields", []), *hidden]
    extra = ()
    if bbox is not None:
        extra = (("_maxx", "gte", repr(bbox.min_lon)), ("_minx", "lte", repr(bbox.max_lon)),
                 ("_maxy", "gte", repr(bbox.min_lat)), ("_miny", "lte", repr(bbox.max_lat)))
    columns = tuple(query.columns) or tuple(visible)
    if geojson:
        columns = (*columns, "_geometry")
    return replace(query, filters=query.filters + extra, columns=columns), schema

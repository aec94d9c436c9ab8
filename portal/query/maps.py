"""A dataset's map layer: its features as GeoJSON small enough to send with a page.

A table with 緯度/経度 gives one point per row; a resource the build published as GeoJSON gives
its own features. Many points become grid clusters (each a point with a count), lines and
polygons with many vertices are simplified, so the layer stays within MAX_LAYER_BYTES whatever
the dataset's size; the full data stays one download away.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from shapely import get_num_coordinates
from shapely.geometry import mapping, shape

from portal.geo.points import is_unknown_position
from portal.query.rows import MAX_SIZE, RowsQuery, fetch_rows, resume
from portal.store.current import Build, ResourceView

POSITION = ("緯度", "経度")
MAX_POINTS = 500  # more points than this are drawn as grid clusters
CLUSTER_CELLS = 24  # clusters per side of the layer's bounding box
MAX_VERTICES = 20_000  # more vertices than this are simplified
MAX_LAYER_BYTES = 400_000
# A published GeoJSON larger than this gets no map: reading it for a page would cost more than
# the map is worth; its download stays.
MAX_SOURCE_BYTES = 64 << 20
# A filtered map reads at most this many rows (a page of MAX_SIZE at a time).
MAX_FILTERED_ROWS = 20_000
PRECISION = 6  # decimal places: 0.1 m


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, PRECISION)
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return value


def table_points(schema: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """One point per row with both 緯度 and 経度, not both 0; the other non-empty cells as
    properties."""
    names = [f["name"] for f in schema.get("fields", [])]
    if not set(POSITION) <= set(names):
        return None
    features = []
    for row in rows:
        latitude, longitude = row.get("緯度"), row.get("経度")
        if latitude is None or longitude is None or is_unknown_position(latitude, longitude):
            continue  # 0, 0 is written for "unknown" (portal/validate/rules/coordinates.py)
        properties = {n: row[n] for n in names
                      if n not in POSITION and row.get(n) not in (None, "")}
        features.append({"type": "Feature", "properties": properties, "geometry": {
            "type": "Point", "coordinates": [float(longitude), float(latitude)]}})
    return {"type": "FeatureCollection", "features": features} if features else None


def bounds(collection: dict[str, Any]) -> tuple[float, float, float, float] | None:
    """(min lon, min lat, max lon, max lat) of every coordinate in the collection."""
    xs: list[float] = []
    ys: list[float] = []

    def walk(coordinates: Any) -> None:
        if coordinates and isinstance(coordinates[0], (int, float)):
            xs.append(float(coordinates[0]))
            ys.append(float(coordinates[1]))
        else:
            for part in coordinates or []:
                walk(part)

    for feature in collection["features"]:
        if feature.get("geometry"):
            walk(feature["geometry"].get("coordinates"))
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _clustered(points: list[dict[str, Any]], box: tuple[float, float, float, float]
               ) -> list[dict[str, Any]]:
    width = max(box[2] - box[0], 1e-9) / CLUSTER_CELLS
    height = max(box[3] - box[1], 1e-9) / CLUSTER_CELLS
    cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for feature in points:
        x, y = feature["geometry"]["coordinates"][:2]
        # The east and north edges belong to the last cell.
        cells[(min(int((x - box[0]) / width), CLUSTER_CELLS - 1),
               min(int((y - box[1]) / height), CLUSTER_CELLS - 1))].append((x, y))
    return [{"type": "Feature", "properties": {"_count": len(members)}, "geometry": {
        "type": "Point", "coordinates": _round([sum(m[0] for m in members) / len(members),
                                                sum(m[1] for m in members) / len(members)])}}
            for _, members in sorted(cells.items())]


def _simplified(features: list[dict[str, Any]], box: tuple[float, float, float, float]
                ) -> tuple[list[dict[str, Any]], float]:
    """Douglas–Peucker (shapely, topology kept) at a tolerance that grows until the layer has
    at most MAX_VERTICES vertices."""
    span = max(box[2] - box[0], box[3] - box[1], 1e-9)
    tolerance = span / 2000
    shapes = [shape(f["geometry"]) for f in features]
    while True:
        simple = [s.simplify(tolerance, preserve_topology=True) for s in shapes]
        if sum(int(get_num_coordinates(s)) for s in simple) <= MAX_VERTICES or tolerance > span:
            break
        tolerance *= 2
    out = [{**f, "geometry": _round_geometry(mapping(s))} for f, s in
           zip(features, simple, strict=True)]
    return out, tolerance


def _round_geometry(geometry: Any) -> dict[str, Any]:
    return json.loads(json.dumps(geometry), parse_float=lambda v: round(float(v), PRECISION))


def shaped(collection: dict[str, Any]) -> dict[str, Any]:
    """The layer to draw: the features themselves when few, else clusters and simplified
    shapes. ``count`` is always the number of features in the data."""
    features = [f for f in collection["features"] if f.get("geometry")]
    box = bounds({"features": features})
    layer: dict[str, Any] = {"type": "FeatureCollection", "count": len(features),
                             "bbox": list(box) if box else None, "clustered": False,
                             "simplified": None, "features": features}
    if box is None:
        return layer
    points = [f for f in features if f["geometry"]["type"] == "Point"]
    others = [f for f in features if f["geometry"]["type"] != "Point"]
    if len(points) > MAX_POINTS:
        points = _clustered(points, box)
        layer["clustered"] = True
    vertices = sum(int(get_num_coordinates(shape(f["geometry"]))) for f in others)
    if vertices > MAX_VERTICES:
        others, layer["simplified"] = _simplified(others, box)
    layer["features"] = points + others
    if len(json.dumps(layer, ensure_ascii=False)) > MAX_LAYER_BYTES:
        # Attributes are what is left to trim: the popups show them for the first features.
        for feature in layer["features"][MAX_POINTS:]:
            feature["properties"] = {}
    return layer


@lru_cache(maxsize=16)
def _published_layer(path: Path, size: int) -> dict[str, Any] | None:
    """The shaped layer of a published GeoJSON, kept per file: a build never changes a file
    in place (a new build is a new directory), and the page and its map both ask."""
    if size > MAX_SOURCE_BYTES:
        return None
    with path.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    for feature in collection.get("features", []):
        # Empty cells are no attribute to show.
        feature["properties"] = {k: v for k, v in (feature.get("properties") or {}).items()
                                 if v not in (None, "")}
    return shaped(collection) if collection.get("features") else None


def follows_filters(resource: ResourceView) -> bool:
    """Whether the map of ``resource`` can show just the rows a filter keeps: its positions
    are the rows' 緯度/経度 (a Shapefile's shapes are not rows of its table)."""
    return resource.file("sqlite") is not None and set(POSITION) <= set(resource.field_names)


def filtered_points(db_path: Path, schema: dict[str, Any],
                    filters: tuple[tuple[str, str, str], ...]) -> dict[str, Any] | None:
    """The points of the rows ``filters`` keep (the rows API's filters, already parsed), at
    most MAX_FILTERED_ROWS of them, a page of MAX_SIZE at a time."""
    rows: list[dict[str, Any]] = []
    query = RowsQuery(filters=filters, size=MAX_SIZE, count=False)
    while True:
        page = fetch_rows(db_path, schema, query)
        rows += page.rows
        if page.next is None or len(rows) >= MAX_FILTERED_ROWS:
            break
        query = resume(query, page.next)
    return table_points(schema, rows[:MAX_FILTERED_ROWS])


def map_layer(build: Build, dataset_id: str,
              filters: tuple[tuple[str, str, str], ...] = ()) -> dict[str, Any] | None:
    """The primary resource's layer, or None when it has no positions: from the GeoJSON the
    build published for it, else (a build without one) from the rows' 緯度/経度. With
    ``filters`` (the rows API's, parsed), only the rows they keep, when the positions are rows
    (``follows_filters``); a filter that keeps no row with a position gives an empty layer."""
    resource: ResourceView = build.require(dataset_id).primary
    published = resource.file("geojson")
    database = resource.file("sqlite")
    if filters and database is not None and follows_filters(resource):
        collection = filtered_points(build.path(database.path), resource.schema, filters)
        return shaped(collection or {"type": "FeatureCollection", "features": []})
    if published is not None:
        path = build.path(published.path)
        layer = _published_layer(path, published.size)
    else:
        database = resource.file("sqlite")
        if database is None or resource.rows > MAX_SIZE:
            return None
        rows = fetch_rows(build.path(database.path), resource.schema,
                          RowsQuery(size=MAX_SIZE)).rows
        collection = table_points(resource.schema, rows)
        layer = shaped(collection) if collection is not None else None
    return layer if layer is not None and layer["bbox"] is not None else None

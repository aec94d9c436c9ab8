"""The GeoJSON of a resource with locations, the geometry columns of its row database, and
the original geographic file as published.

A geographic resource (Shapefile, GeoJSON) is reprojected to WGS84 and written as RFC 7946
GeoJSON with its attributes as properties; a table whose schema marks latitude/longitude
columns (``portal.geo.points``) gets a point per row that has both. The row database gains
hidden columns ``_minx _miny _maxx _maxy`` (each feature's bounding box, for ``_bbox``) and
``_geometry`` (its GeoJSON geometry, for ``_shape=geojson``).
"""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from portal.catalog.model import Resource
from portal.geo.checks import source_parts
from portal.geo.crs import crs_label, to_wgs84
from portal.geo.geojson import MEDIA_TYPE, point_geometries, prepare, write_features
from portal.geo.layer import GeoTable
from portal.geo.points import coordinate_columns
from portal.publishing.manifest import file_entry
from portal.publishing.normalize import Column
from portal.tables.table import Table

BBOX_COLUMNS = ("_minx", "_miny", "_maxx", "_maxy")
GEOMETRY_COLUMN = "_geometry"
GEOJSON_TYPES = {0: "Point", 1: "LineString", 3: "Polygon", 4: "MultiPoint",
                 5: "MultiLineString", 6: "MultiPolygon", 7: "GeometryCollection"}
ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed, so an unchanged shapefile zips to the same bytes


def _rows(columns: Sequence[Column], keep: np.ndarray | None = None) -> Any:
    rows = zip(*(c.values for c in columns), strict=True)
    if keep is None:
        return rows
    return (row for row, kept in zip(rows, keep, strict=True) if kept)


def _add_geometry_columns(sqlite_path: Path, geometries: np.ndarray) -> None:
    """Each row's bounding box and GeoJSON geometry, by rowid (rows are in file order)."""
    bounds = shapely.bounds(geometries)
    texts = shapely.to_geojson(geometries)
    connection = sqlite3.connect(sqlite_path)
    try:
        for name in BBOX_COLUMNS:
            connection.execute(f'ALTER TABLE rows ADD COLUMN "{name}" REAL')
        connection.execute(f'ALTER TABLE rows ADD COLUMN "{GEOMETRY_COLUMN}" TEXT')
        connection.executemany(
            'UPDATE rows SET "_minx" = ?, "_miny" = ?, "_maxx" = ?, "_maxy" = ?, '
            f'"{GEOMETRY_COLUMN}" = ? WHERE rowid = ?',
            ((*(None if v != v else float(v) for v in box), text, index + 1)
             for index, (box, text) in enumerate(zip(bounds, texts, strict=True))))
        connection.execute('CREATE INDEX idx_geo_minx ON rows ("_minx")')
        connection.commit()
    finally:
        connection.close()


def geo_outputs(work: Path, folder: Path, name: str, table: Table, columns: Sequence[Column],
                schema: dict[str, Any], sqlite_path: Path
                ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Write the GeoJSON of a resource with locations; returns its file entries and the
    resource's ``geo`` manifest entry (None when it has no locations)."""
    path = folder / f"{name}.geojson"
    names = [c.name for c in columns]
    if isinstance(table, GeoTable) and table.crs is not None:
        geometries = prepare(to_wgs84(table.geometries, table.crs))
        box = write_features(path, geometries, names, _rows(columns))
        _add_geometry_columns(sqlite_path, geometries)
        kinds = {int(k) for k in shapely.get_type_id(geometries) if k >= 0}
        geo: dict[str, Any] = {
            "type": "features", "features": len(geometries), "skipped": 0, "bbox": box,
            "crs": crs_label(table.crs),
            "geometry_types": sorted(GEOJSON_TYPES[k] for k in kinds if k in GEOJSON_TYPES),
        }
    else:
        marked = coordinate_columns(schema)
        if marked is None:
            return [], None
        by_name = {c.name: c for c in columns}
        lat, lon = marked
        points, keep = point_geometries(by_name[lon].values, by_name[lat].values)
        box = write_features(path, prepare(points), names, _rows(columns, keep))
        geo = {"type": "points", "features": int(keep.sum()),
               "skipped": int(len(keep) - keep.sum()), "bbox": box,
               "latitude": lat, "longitude": lon, "crs": "EPSG:4326 WGS 84",
               "geometry_types": ["Point"] if keep.any() else []}
    entry = file_entry(work, path, "geojson", geo["features"], media_type=MEDIA_TYPE,
                       encoding="utf-8")
    return [entry], geo


def keep_original(work: Path, folder: Path, root: Path, resource: Resource,
                  rows: int) -> dict[str, Any]:
    """The geographic file as published: a GeoJSON or .zip as is, a .shp zipped with its
    sidecars (one download instead of five)."""
    target_dir = folder / "original"
    target_dir.mkdir(exist_ok=True)
    source = root / resource.path
    if resource.format == "shapefile" and source.suffix.lower() == ".shp":
        target = target_dir / f"{source.stem}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for relative in source_parts(resource.path, resource.format):
                part = root / relative
                if part.is_file():
                    info = zipfile.ZipInfo(part.name, ZIP_DATE)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, part.read_bytes())
        media = "application/zip"
    else:
        target = target_dir / source.name
        shutil.copyfile(source, target)
        media = MEDIA_TYPE if resource.format == "geojson" else "application/zip"
    return file_entry(work, target, "original", rows, media_type=media, encoding="")

"""The coordinate reference system of a layer and the transformation to WGS84 (EPSG:4326).

pyproj reads the ESRI WKT of a `.prj` and the EPSG codes GDAL reports; ``always_xy`` keeps
longitude first, as GeoJSON wants, whatever axis order the CRS itself declares. JGD2000 and
JGD2011 are realisations of ITRF, which pyproj (like the GSI) treats as equal to WGS84 at the
metre level.
"""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

WGS84 = CRS.from_epsg(4326)


def parse_crs(declared: str | None) -> CRS | None:
    """The CRS GDAL reported for a layer, or None when pyproj cannot make sense of it."""
    if not declared:
        return None
    try:
        crs = CRS.from_user_input(declared)
    except CRSError:
        return None
    return crs if crs.is_geographic or crs.is_projected else None


def crs_label(crs: CRS) -> str:
    code = crs.to_epsg(min_confidence=70)
    return f"EPSG:{code} {crs.name}" if code else crs.name


def to_wgs84(geometries: np.ndarray, crs: CRS) -> np.ndarray:
    """Geometries in ``crs`` → the same geometries in WGS84 lon/lat (2D)."""
    if crs.equals(WGS84, ignore_axis_order=True):
        return shapely.force_2d(geometries)
    transformer = Transformer.from_crs(crs, WGS84, always_xy=True)

    def move(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometries, move)


def point_to_wgs84(x: float, y: float, crs: CRS) -> tuple[float, float]:
    transformer = Transformer.from_crs(crs, WGS84, always_xy=True)
    lon, lat = transformer.transform(x, y)
    return float(lon), float(lat)

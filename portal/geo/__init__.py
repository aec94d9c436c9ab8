"""Geographic resources: Shapefiles and GeoJSON in, RFC 7946 GeoJSON in WGS84 out.

Read with pyogrio (GDAL bundled in its wheels; vectorised, reads .shp, zipped .shp and GeoJSON
and honours .cpg), geometries checked with shapely 2 and reprojected with pyproj. Nothing here
parses a Shapefile or transforms a coordinate by hand.
"""

from __future__ import annotations

GEO_FORMATS = ("geojson", "shapefile")
SHAPEFILE_SIDECARS = (".shx", ".dbf", ".prj", ".cpg")

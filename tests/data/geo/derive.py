"""Derive the test inputs named ``derived-…`` from the two real files (see SOURCES.md).

Run from the repository root: ``python tests/data/geo/derive.py``. Each derived file is a
documented, small edit of a real one; nothing here invents coordinates or attributes.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyogrio
import shapely

HERE = Path(__file__).parent
DATASETS = HERE / "catalog" / "datasets"
DID = DATASETS / "estat-did-tochigi" / "2010_did_ddsw_09.zip"
HINANJO = DATASETS / "gsi-hinanjo-mashiko" / "093424.geojson"
BROKEN = HERE / "broken"
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


def _did() -> object:
    return pyogrio.read_dataframe(f"/vsizip/{DID.resolve()}/2010_did_ddsw_09/h22_did_09.shp")


def zone9_shapefile() -> Path:
    """The DID polygons of 鹿沼市 and 日光市 (features 8 and 9) reprojected (pyproj, via
    geopandas) to JGD2000 / plane rectangular zone IX (EPSG:2451), written with a CP932
    attribute table and its .cpg and .prj: the form Tochigi's GIS departments publish."""
    folder = DATASETS / "derived-zone9-did-kanuma"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "did_zone9.shp"
    _did().iloc[7:9].to_crs(2451).to_file(target, encoding="cp932")
    return target


def wgs84_shapefile() -> Path:
    """The evacuation sites as a WGS84 shapefile with a UTF-8 attribute table."""
    folder = DATASETS / "derived-wgs84-hinanjo-mashiko"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "hinanjo_wgs84.shp"
    frame = pyogrio.read_dataframe(HINANJO)
    frame.columns = ["NO", "ID", "CITY", "NAME", "ADDRESS", "SAME", "OTHER", "ACCEPT",
                     "NOTE", "geometry"]  # .dbf field names hold at most 10 bytes
    frame.to_file(target, encoding="utf-8")
    return target


def points_csv() -> Path:
    """The evacuation sites as a table with 緯度/経度; the coordinates of the last two rows
    are blanked (a table with some places not yet located)."""
    folder = DATASETS / "derived-hinanjo-mashiko-table"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "hinanjo.csv"
    features = json.loads(HINANJO.read_text(encoding="utf-8"))["features"]
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["共通ID", "施設・場所名", "住所", "緯度", "経度"])
        for index, feature in enumerate(features):
            lon, lat = feature["geometry"]["coordinates"]
            blank = index >= len(features) - 2
            p = feature["properties"]
            writer.writerow([p["共通ID"], p["施設・場所名"], p["住所"],
                             "" if blank else lat, "" if blank else lon])
    return target


def broken_inputs(zone9: Path) -> None:
    BROKEN.mkdir(exist_ok=True)
    # No .prj: the zone IX shapefile without its .prj.
    for suffix in (".shp", ".shx", ".dbf", ".cpg"):
        shutil.copyfile(zone9.with_suffix(suffix), BROKEN / f"derived-no-prj{suffix}")
    # Plane coordinates declared as degrees: the zone IX file with a WGS84 .prj.
    for suffix in (".shp", ".shx", ".dbf", ".cpg"):
        shutil.copyfile(zone9.with_suffix(suffix), BROKEN / f"derived-plane-as-degrees{suffix}")
    (BROKEN / "derived-plane-as-degrees.prj").write_text(
        'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,'
        '298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')
    # Truncated: the zone IX .shp cut off after its first 1,000 bytes (of about 14,000).
    for suffix in (".shx", ".dbf", ".prj", ".cpg"):
        shutil.copyfile(zone9.with_suffix(suffix), BROKEN / f"derived-truncated{suffix}")
    (BROKEN / "derived-truncated.shp").write_bytes(zone9.with_suffix(".shp").read_bytes()[:1000])
    document = json.loads(HINANJO.read_text(encoding="utf-8"))
    # Swapped axes: every point written [latitude, longitude].
    swapped = json.loads(json.dumps(document))
    for feature in swapped["features"]:
        feature["geometry"]["coordinates"].reverse()
    (BROKEN / "derived-swapped-latlon.geojson").write_text(
        json.dumps(swapped, ensure_ascii=False, indent=1), encoding="utf-8")
    # Empty geometry: the third site's geometry set to null.
    empty = json.loads(json.dumps(document))
    empty["features"][2]["geometry"] = None
    (BROKEN / "derived-empty-geometry.geojson").write_text(
        json.dumps(empty, ensure_ascii=False, indent=1), encoding="utf-8")
    # Self-intersection: Kanuma's DID polygon (feature 8) with two vertices of
    # its outer ring: the 11th exchanged with the one half-way round, so the ring crosses
    # itself.
    did = json.loads(_did().to_json(drop_id=True))
    did["features"] = did["features"][7:8]
    ring = did["features"][0]["geometry"]["coordinates"][0]
    half = len(ring) // 2
    ring[10], ring[half] = ring[half], ring[10]
    shape = shapely.geometry.shape(did["features"][0]["geometry"])
    assert not shape.is_valid, shapely.is_valid_reason(shape)
    (BROKEN / "derived-self-intersecting.geojson").write_text(
        json.dumps(did, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    zone9 = zone9_shapefile()
    wgs84_shapefile()
    points_csv()
    broken_inputs(zone9)


if __name__ == "__main__":
    main()

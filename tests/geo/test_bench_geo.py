"""bench/geo.py runs on the committed real Shapefile, so it cannot rot."""

from __future__ import annotations

from bench import geo


def test_geo_bench_builds_the_real_did_shapefile() -> None:
    result = geo.run()
    assert (result["file"], result["features"], result["vertices"]) == (
        "2010_did_ddsw_09.zip", 22, 17210)
    assert set(result["files"]) == {"csv", "excel-csv", "sjis-csv", "json", "sqlite",
                                    "xlsx", "geojson", "original", "datapackage"}
    # Coordinates rounded to 7 decimals: smaller than geopandas' full-precision GeoJSON.
    assert result["files"]["geojson"] < result["baseline_geojson_bytes"]

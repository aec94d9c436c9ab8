"""`_shape=geojson` of the rows API: which rows get a point."""

from __future__ import annotations

from portal.api.geojson import feature_collection


def test_a_row_at_zero_zero_gets_no_point() -> None:
    # Generated rows; 0, 0 is how Takamatsu's 文化財 list writes "position unknown".
    rows = [{"name": "A", "latitude": 34.350573, "longitude": 134.051651},
            {"name": "B", "latitude": 0, "longitude": 0}]
    geo = {"type": "points", "latitude": "latitude", "longitude": "longitude"}
    collection = feature_collection(rows, ["name"], geo, {})
    assert [f["geometry"] for f in collection["features"]] == [
        {"type": "Point", "coordinates": [134.051651, 34.350573]}, None]

"""/api/v1/ beyond rows: dataset detail, stats, KPIs, whole error bodies, long queries."""

from __future__ import annotations

import gzip
from pathlib import Path

from flask.testing import FlaskClient


def test_dataset_detail_lists_files_with_checksums(client: FlaskClient) -> None:
    body = client.get("/api/v1/datasets/generated-population").get_json()
    assert body["id"] == "generated-population"
    # What decides a rebuild stays in the manifest.
    assert not {"content_hash", "data_hash", "index_policy"} & set(body)
    assert body["page_url"] == "http://localhost/datasets/generated-population"
    areas = next(r for r in body["resources"] if r["name"] == "areas")
    assert [f["kind"] for f in areas["files"]] == ["csv", "excel-csv", "xlsx", "json", "original"]
    assert areas["sjis_unavailable"] is not None
    assert areas["rows_url"] == (
        "http://localhost/api/v1/datasets/generated-population/rows?_resource=areas")
    csv = areas["files"][0]
    assert csv["url"] == "http://localhost/datasets/generated-population/areas.csv"
    assert csv["size"] == len(client.get(csv["url"]).data)


def test_stats_counts_the_catalog(client: FlaskClient) -> None:
    body = client.get("/api/v1/stats").get_json()
    del body["build_id"]
    assert body == {"datasets": 2, "resources": 3, "rows": 115,
                    "by_category": {"living": 1, "population": 1},
                    "by_license": {"CC-BY-4.0": 2}, "by_format": {"CSV": 2, "JSON": 2, "XLSX": 2,
                                                               "GeoJSON": 1}}


def test_kpi_answers_with_the_published_count(client: FlaskClient) -> None:
    response = client.get("/api/v1/kpi")
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "published_datasets" in response.get_json()


def test_bad_search_parameters_are_whole_400_bodies(client: FlaskClient) -> None:
    response = client.get("/api/v1/datasets?size=101")
    assert response.status_code == 400
    assert response.get_json() == {"error": {
        "code": "bad-parameter", "parameter": "size",
        "message": {"ja": "パラメータ size の値「101」が正しくありません(1–100)。",
                    "en": 'Parameter size: "101" is not valid (1–100).'}}}
    assert client.get("/api/v1/datasets?sort=best").get_json()["error"]["parameter"] == "sort"


def test_resource_parameter_selects_a_non_primary_resource(client: FlaskClient) -> None:
    body = client.get("/api/v1/datasets/generated-population/rows?_resource=areas").get_json()
    assert (body["resource"], body["total"]) == ("areas", 5)
    missing = client.get("/api/v1/datasets/generated-population/rows?_resource=nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["parameter"] == "_resource"


def test_too_long_query_string_is_refused_with_a_message(client: FlaskClient) -> None:
    response = client.get("/api/v1/datasets?q=" + "a" * 5000)
    assert response.status_code == 414
    assert response.get_json()["error"]["code"] == "query-too-long"
    assert response.get_json()["error"]["message"]["en"] == (
        "The query string is too long (5002 bytes; the limit is 4096).")


def test_json_is_compressed_for_clients_that_accept_gzip(client: FlaskClient) -> None:
    response = client.get("/api/v1/datasets/generated-facilities/rows?_size=50",
                          headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b'"rows"' in gzip.decompress(response.data)
    download = client.get("/datasets/generated-facilities.csv",
                          headers={"Accept-Encoding": "gzip"})
    assert download.headers.get("Content-Encoding", "identity") == "identity"  # bytes match the sha256


def test_dataset_detail_says_when_an_update_is_due(built: Path) -> None:
    from datetime import date

    from portal.query.detail import dataset_detail
    from portal.store.current import load_build

    build = load_build(built.resolve())
    # generated-population: monthly, modified 2025-10-01 → due 2025-11-01.
    current = dataset_detail(build, "generated-population", today=date(2025, 11, 1))
    late = dataset_detail(build, "generated-population", today=date(2025, 11, 2))
    assert (current["update_due"], current["overdue"], late["overdue"]) == (
        "2025-11-01", False, True)

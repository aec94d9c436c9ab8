"""Downloads: read back with pandas, conditional and range requests, CORS, names, and nothing
outside the published files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from flask.testing import FlaskClient

SOURCE = Path(__file__).parents[1] / "data/catalog/datasets/generated-facilities/facilities.csv"


def _source() -> pd.DataFrame:
    return pd.read_csv(SOURCE, encoding="cp932", dtype={"郵便番号": str})


@pytest.mark.parametrize(("url", "encoding"), [
    ("/datasets/generated-facilities.csv", "utf-8"),
    ("/datasets/generated-facilities.excel.csv", "utf-8-sig"),
    ("/datasets/generated-facilities.sjis.csv", "cp932"),
])
def test_csv_downloads_read_back_to_the_source(client: FlaskClient, url: str,
                                               encoding: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    frame = pd.read_csv(io.BytesIO(response.data), encoding=encoding, dtype={"郵便番号": str})
    pd.testing.assert_frame_equal(frame, _source(), check_dtype=False)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")


def test_json_and_other_resources(client: FlaskClient) -> None:
    rows = client.get("/datasets/generated-facilities.json").get_json()["rows"]
    pd.testing.assert_frame_equal(pd.DataFrame(rows), _source(), check_dtype=False)
    areas = client.get("/datasets/generated-population/areas.csv")
    assert areas.status_code == 200
    assert pd.read_csv(io.BytesIO(areas.data))["地区"].tolist() == [
        "北部", "中央", "南部", "東部", "西部"]


def test_sjis_variant_that_cannot_exist_is_a_409_naming_the_character(
        client: FlaskClient) -> None:
    response = client.get("/datasets/generated-population/areas.sjis.csv")
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "sjis-unavailable" and error["parameter"] == "format"
    assert "U+20BB7" in error["message"]["en"]


def test_etag_304_and_range_206(client: FlaskClient) -> None:
    first = client.get("/datasets/generated-facilities.csv")
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    assert client.get("/datasets/generated-facilities.csv",
                      headers={"If-None-Match": etag}).status_code == 304
    partial = client.get("/datasets/generated-facilities.csv", headers={"Range": "bytes=0-1"})
    assert partial.status_code == 206
    assert partial.data == first.data[:2]
    assert partial.headers["Content-Range"] == f"bytes 0-1/{len(first.data)}"


def test_datapackage_and_original(client: FlaskClient) -> None:
    package = json.loads(client.get("/datasets/generated-population/datapackage.json").data)
    assert [r["name"] for r in package["resources"]] == ["population", "areas"]
    original = client.get("/datasets/generated-facilities/original/facilities.csv")
    assert original.data == SOURCE.read_bytes()


@pytest.mark.parametrize("path", [
    "/datasets/../manifest.json", "/datasets/%2e%2e/manifest.json",
    "/datasets/generated-facilities/original/..%2f..%2fmanifest.json",
    "/datasets/generated-facilities/original/%2e%2e%2f%2e%2e%2fmanifest.json",
    "/datasets/generated-facilities/../../manifest.json", "/datasets/nope.csv",
    "/datasets/generated-facilities/nope.csv", "/datasets/generated-facilities.sqlite",
    "/datasets/generated-facilities/facilities.sqlite", "/manifest.json",
])
def test_nothing_but_published_files_is_reachable(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert b'"build_id"' not in response.data and b"SQLite format" not in response.data


def test_healthz(client: FlaskClient) -> None:
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["datasets"] == 2 and body["build_id"]


def test_healthz_without_a_build(tmp_path: Path) -> None:
    from portal.app import create_app
    from portal.config import load_settings

    app = create_app(load_settings({}, build_dir=tmp_path / "none", cache_dir=tmp_path))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "no-build", "build_id": None, "datasets": 0}


def test_a_damaged_file_fails_alone_with_503(test_catalog: Path, tmp_path: Path) -> None:
    from portal.app import create_app
    from portal.config import load_settings
    from portal.publishing.pipeline import build

    out = tmp_path / "build"
    build(test_catalog, out)
    target = out.resolve() / "datasets/generated-facilities/facilities.json"
    with target.open("r+b") as handle:
        handle.truncate(10)
    client = create_app(load_settings({}, build_dir=out, cache_dir=tmp_path)).test_client()
    damaged = client.get("/datasets/generated-facilities.json")
    assert damaged.status_code == 503
    assert damaged.get_json()["error"]["code"] == "file-damaged"
    assert client.get("/datasets/generated-facilities.csv").status_code == 200
    assert client.get("/datasets/generated-population.json").status_code == 200


def test_a_new_build_is_served_without_restart(test_catalog: Path, tmp_path: Path) -> None:
    from portal.app import create_app
    from portal.config import load_settings
    from portal.publishing.pipeline import build

    out = tmp_path / "build"
    first = build(test_catalog, out)
    client = create_app(load_settings({}, build_dir=out, cache_dir=tmp_path)).test_client()
    assert client.get("/healthz").get_json()["build_id"] == first.build_id
    second = build(test_catalog, out, force=True)
    assert client.get("/healthz").get_json()["build_id"] == second.build_id
    assert client.get("/datasets/generated-facilities.csv").status_code == 200


def test_the_docker_image_runs_the_load_tests_gunicorn_command() -> None:
    import json as json_module
    import re

    from bench.server import GUNICORN

    dockerfile = (Path(__file__).parents[2] / "Dockerfile").read_text(encoding="utf-8")
    cmd = json_module.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.M).group(1))
    assert cmd == ["gunicorn", *GUNICORN[3:]]


def test_japanese_file_names_and_withdrawn_datasets(test_catalog: Path, tmp_path: Path) -> None:
    from urllib.parse import quote

    from portal.app import create_app
    from portal.config import load_settings
    from portal.publishing.pipeline import build

    folder = test_catalog.parent / "datasets/generated-facilities"
    (folder / "facilities.csv").rename(folder / "施設.csv")
    text = test_catalog.read_text(encoding="utf-8")
    text = text.replace("generated-facilities/facilities.csv", "generated-facilities/施設.csv")
    text = text.replace("    frequency: monthly\n",
                        "    frequency: monthly\n    status: withdrawn\n    withdrawn: 2025-11-01\n")
    test_catalog.write_text(text, encoding="utf-8")
    out = tmp_path / "build"
    assert build(test_catalog, out).exit_code == 0
    client = create_app(load_settings({}, build_dir=out, cache_dir=tmp_path)).test_client()
    original = client.get(f"/datasets/generated-facilities/original/{quote('施設.csv')}")
    assert original.status_code == 200
    disposition = original.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert f"filename*=UTF-8''{quote('施設.csv')}" in disposition
    assert disposition.encode("ascii")  # the header itself stays ASCII
    for path in ("/datasets/generated-population.csv",
                 "/api/v1/datasets/generated-population/rows"):
        assert client.get(path).status_code == 404
    detail = client.get("/api/v1/datasets/generated-population").get_json()
    assert (detail["status"], detail["withdrawn"]) == ("withdrawn", "2025-11-01")
    assert "generated-population" not in [
        d["id"] for d in client.get("/api/v1/datasets").get_json()["datasets"]]

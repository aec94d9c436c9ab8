"""Security headers on every kind of response; a CSP that Dash works under."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from portal.app import create_app
from portal.config import load_settings


@pytest.fixture(scope="module")
def client(built: Path, tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    return create_app(load_settings({}, build_dir=built,
                                    cache_dir=tmp_path_factory.mktemp("cache"))).test_client()


@pytest.mark.parametrize("path", [
    "/", "/datasets/generated-facilities", "/no-such-page", "/api/v1/datasets",
    "/api/v1/datasets/generated-facilities/rows?nope=1", "/datasets/generated-facilities.csv",
    "/api/3/action/package_list", "/healthz", "/catalog.jsonld", "/_dash-layout",
])
def test_every_response_carries_the_headers(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "unsafe-eval" not in policy
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src
    assert "Strict-Transport-Security" not in headers


def test_hsts_only_behind_tls(built: Path, tmp_path: Path) -> None:
    app = create_app(load_settings({}, build_dir=built, behind_tls=True, cache_dir=tmp_path))
    assert "max-age=" in app.test_client().get("/").headers["Strict-Transport-Security"]


def test_no_traceback_or_internals_in_error_responses(client: FlaskClient) -> None:
    response = client.post("/_dash-update-component", json={"output": "..", "inputs": []})
    assert response.status_code == 400
    assert b"Traceback" not in response.data and b"/work/" not in response.data
    huge = client.get("/api/v1/datasets?q=" + "x" * 5000)
    assert huge.status_code == 414
    assert huge.get_json()["error"]["parameter"] == "query"


def test_images_may_come_from_the_map_tiles_origin_only(client: FlaskClient,
                                                        built: Path, tmp_path: Path) -> None:
    directives = dict(d.split(" ", 1) for d in
                      client.get("/").headers["Content-Security-Policy"].split("; "))
    assert directives["img-src"] == "'self' data: https://cyberjapandata.gsi.go.jp"
    assert "cyberjapandata" not in directives["script-src"] + directives["connect-src"]
    # Only pages show images; a script or an API answer keeps the plain policy.
    for path in ("/api/v1/datasets", "/assets/30-lazy-figures.js"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "img-src 'self' data:;" in policy, path
    mirror = create_app(load_settings({"PORTAL_MAP_TILES": "https://tiles.example.jp/{z}/{x}/{y}.png"},
                                      build_dir=built, cache_dir=tmp_path))
    policy = mirror.test_client().get("/").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tiles.example.jp;" in policy


def test_a_tile_url_without_its_placeholders_is_refused() -> None:
    with pytest.raises(ValueError, match="PORTAL_MAP_TILES: expected an http"):
        load_settings({"PORTAL_MAP_TILES": "https://tiles.example.jp/tile.png"})

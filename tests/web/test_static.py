"""Static files: the smaller plotly.js bundle, and scripts compressed once at the highest level."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

import brotli
import pytest
from flask import Flask
from plotly.offline import get_plotlyjs_version

from portal.app import create_app
from portal.config import load_settings
from portal.web.static import PLOTLY_BASIC, PLOTLY_URL, vendored_plotly_version


@pytest.fixture(scope="module")
def app(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return create_app(load_settings({}, build_dir=built, cache_dir=tmp_path_factory.mktemp("c")))


def _renderer_path(app: Flask) -> str:
    page = app.test_client().get("/").get_data(as_text=True)
    found = re.search(r'src="(/_dash-component-suites/dash/dash-renderer/[^"]+)"', page)
    assert found, page[:2000]
    return found.group(1)


def test_the_vendored_bundle_is_the_version_dash_expects() -> None:
    # An upgrade of plotly fails here until the partial bundle of its version is vendored.
    assert vendored_plotly_version() == get_plotlyjs_version()


def test_charts_load_the_basic_bundle_not_the_full_one(app: Flask) -> None:
    response = app.test_client().get(PLOTLY_URL)
    assert response.status_code == 200 and response.mimetype == "application/javascript"
    assert response.get_data() == PLOTLY_BASIC.read_bytes()
    assert response.get_data().startswith(b"/**\n* plotly.js (basic - minified)")


@pytest.mark.parametrize(("encoding", "decode"), [("br", brotli.decompress),
                                                  ("gzip", gzip.decompress)])
def test_scripts_are_compressed_to_the_same_bytes(app: Flask, encoding: str, decode: object) -> None:
    client = app.test_client()
    path = _renderer_path(app)
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    packed = client.get(path, headers={"Accept-Encoding": f"{encoding}, deflate"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert decode(packed.get_data()) == plain.get_data()  # type: ignore[operator]
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    # Later visitors get the kept copy, compressed at the highest level.
    app.extensions["portal.static_compression"].settle()
    again = client.get(path, headers={"Accept-Encoding": encoding}).get_data()
    assert decode(again) == plain.get_data() and len(again) <= len(packed.get_data())  # type: ignore[operator]


def test_brotli_is_preferred_and_compressed_harder_than_per_response(app: Flask) -> None:
    client = app.test_client()
    first = client.get(PLOTLY_URL, headers={"Accept-Encoding": "gzip, br"})
    assert first.headers["Content-Encoding"] == "br"
    # The first answer is not kept waiting for Brotli 11; the best one follows.
    app.extensions["portal.static_compression"].settle()
    best = client.get(PLOTLY_URL, headers={"Accept-Encoding": "gzip, br"})
    fast = brotli.compress(PLOTLY_BASIC.read_bytes(), quality=4)
    assert len(best.get_data()) < 0.95 * len(fast)
    assert brotli.decompress(best.get_data()) == brotli.decompress(first.get_data())
    assert best.headers["ETag"] == first.headers["ETag"]


def test_a_compressed_script_is_revalidated_with_its_own_etag(app: Flask) -> None:
    client = app.test_client()
    first = client.get(PLOTLY_URL, headers={"Accept-Encoding": "br"})
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and etag.endswith('-br"')
    again = client.get(PLOTLY_URL, headers={"Accept-Encoding": "br", "If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    # The identity ETag does not validate the compressed body, nor the other way round.
    plain = client.get(PLOTLY_URL, headers={"Accept-Encoding": "identity",
                                            "If-None-Match": etag})
    assert plain.status_code == 200 and plain.headers["ETag"] != etag


def test_pages_and_api_are_not_kept_compressed(app: Flask) -> None:
    client = app.test_client()
    page = client.get("/", headers={"Accept-Encoding": "br"})
    assert page.headers["Content-Encoding"] == "br"  # Flask-Compress, per response
    assert not page.headers.get("ETag", "").endswith('-br"')


def test_the_favicon_is_the_portals_own_small_icon(app: Flask) -> None:
    page = app.test_client().get("/").get_data(as_text=True)
    icon = re.search(r'<link rel="icon"[^>]* href="([^"]+)"', page)
    assert icon, page[:2000]
    response = app.test_client().get(icon.group(1))
    assert response.status_code == 200
    assert response.get_data()[:4] == b"\x00\x00\x01\x00" and len(response.get_data()) < 1024


def test_a_new_process_serves_the_scripts_before_rendering_any_page(
        app: Flask, built: Path, tmp_path: Path) -> None:
    # Under gunicorn the page and its scripts may reach different workers: a fresh worker
    # must serve the scripts of a page another worker rendered, all asked for at once.
    page = app.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)
    assert len(scripts) > 5
    fresh = subprocess.run([sys.executable, "-c", f"""
import sys
from pathlib import Path
from portal.app import create_app
from portal.config import load_settings
app = create_app(load_settings({{}}, build_dir=Path({str(built)!r}),
                                cache_dir=Path({str(tmp_path)!r})))
from concurrent.futures import ThreadPoolExecutor
with ThreadPoolExecutor(len(sys.argv) - 1) as pool:  # all at once, as a browser asks
    codes = pool.map(lambda src: app.test_client().get(src).status_code, sys.argv[1:])
print(sorted(set(codes)))
""", *scripts], capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == "[200]", fresh.stderr[-2000:]

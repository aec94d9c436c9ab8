"""The site's static files: a smaller plotly.js, Leaflet on demand, and scripts and styles
compressed once.

Dash loads plotly.js from one fixed URL the first time a page draws a chart. Its full bundle
(every trace type, 4.8 MB) is replaced by plotly.js' own "basic" partial bundle of the same
version (scatter, bar, pie: every chart the site draws; 1.2 MB).

Leaflet (vendored, 1.9.4) and the map script are not Dash assets, which every page loads:
they are served under ON_DEMAND_PREFIX and fetched by a page only when its map is drawn.

Scripts and styles are the same bytes for every visitor, so each is compressed once per
process at the highest level (Brotli 11, gzip 9) and kept; pages and API responses stay with
Flask-Compress' fast per-response setting.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from functools import lru_cache
from pathlib import Path

import brotli
from flask import Flask, Response, request, send_file

VENDOR = Path(__file__).parent / "vendor"
PLOTLY_BASIC = VENDOR / "plotly-basic.min.js"
# Where the Dash renderer fetches plotly.js when serving locally (window._dashPlotlyJSURL).
PLOTLY_URL = "/_dash-component-suites/plotly/package_data/plotly.min.js"
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
ON_DEMAND_PREFIX = "/assets/on-demand/"
LEAFLET_VERSION = "1.9.4"
ON_DEMAND = {"leaflet.css": VENDOR / "leaflet.css", "leaflet.js": VENDOR / "leaflet.js",
             "map.js": Path(__file__).parent / "ondemand" / "map.js"}
STATIC_TYPES = {"application/javascript", "text/javascript", "text/css", "image/svg+xml"}


def vendored_plotly_version() -> str:
    """The version in the bundle's licence header: "plotly.js (basic - minified) v4.1.1"."""
    with PLOTLY_BASIC.open(encoding="utf-8") as handle:
        header = handle.read(200)
    return header.split(" v", 1)[1].split()[0]


@lru_cache(maxsize=1)
def _map_script_digest() -> str:
    return hashlib.sha256(ON_DEMAND["map.js"].read_bytes()).hexdigest()[:12]


def map_scripts() -> list[str]:
    """Leaflet's style, Leaflet, then the map script: what a page with a map loads, in order.
    Leaflet's files are named by its version; the map script, which changes with the portal
    (it redraws when the table's filters do), by its content, so a browser never keeps an
    older one."""
    return [f"{ON_DEMAND_PREFIX}leaflet.css?v={LEAFLET_VERSION}",
            f"{ON_DEMAND_PREFIX}leaflet.js?v={LEAFLET_VERSION}",
            f"{ON_DEMAND_PREFIX}map.js?v={_map_script_digest()}"]


def _compress(data: bytes, encoding: str, best: bool) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=11 if best else 5)
    return gzip.compress(data, compresslevel=9 if best else 6, mtime=0)


class CompressedOnce:
    """Compressed bodies by (path, encoding, digest of the original): a changed file in
    development gets a new digest, and a stale body is never served.

    Brotli 11 takes seconds for plotly.js, too long to keep the first visitor after a
    restart waiting: the first request gets a fast compression, and the best one replaces
    it from a background thread.
    """

    def __init__(self) -> None:
        self._bodies: dict[tuple[str, str, str], bytes] = {}
        self._lock = threading.Lock()
        self._pending: list[threading.Thread] = []

    def get(self, path: str, encoding: str, data: bytes) -> bytes:
        key = (path, encoding, hashlib.sha1(data, usedforsecurity=False).hexdigest())
        body = self._bodies.get(key)
        if body is not None:
            return body
        body = _compress(data, encoding, best=False)
        with self._lock:
            if key in self._bodies:
                return self._bodies[key]
            # Keep only the newest version of each path and encoding.
            for old in [k for k in self._bodies if k[:2] == key[:2]]:
                del self._bodies[old]
            self._bodies[key] = body
            improve = threading.Thread(target=self._improve, args=(key, data), daemon=True)
            self._pending.append(improve)
        improve.start()
        return body

    def _improve(self, key: tuple[str, str, str], data: bytes) -> None:
        best = _compress(data, key[1], best=True)
        with self._lock:
            if key in self._bodies:
                self._bodies[key] = best

    def settle(self, timeout: float = 60.0) -> None:
        """Wait for the background compressions started so far."""
        with self._lock:
            pending, self._pending = self._pending, []
        for thread in pending:
            thread.join(timeout)


def _accepted(header: str) -> str | None:
    offered = {part.split(";")[0].strip().lower() for part in header.split(",")}
    return next((e for e in ("br", "gzip") if e in offered), None)


def install_static(app: Flask) -> None:
    """Call after Flask-Compress is set up, so this runs first and Compress leaves the
    response alone (it skips anything that already has a Content-Encoding)."""
    compressed = CompressedOnce()
    app.extensions["portal.static_compression"] = compressed

    @app.get(PLOTLY_URL)
    def plotly_js() -> Response:
        return send_file(PLOTLY_BASIC, mimetype="application/javascript", max_age=86400,
                         conditional=True, etag=True)

    @app.get(f"{ON_DEMAND_PREFIX}<name>")
    def on_demand(name: str) -> Response:
        path = ON_DEMAND.get(name)
        if path is None:
            return Response("Not Found", status=404, mimetype="text/plain")
        mimetype = "text/css" if name.endswith(".css") else "application/javascript"
        return send_file(path, mimetype=mimetype, max_age=86400, conditional=True, etag=True)

    @app.after_request
    def compress_static(response: Response) -> Response:
        encoding = _accepted(request.headers.get("Accept-Encoding", ""))
        if (encoding is None or response.status_code != 200
                or not request.path.startswith(STATIC_PREFIXES)
                or response.mimetype not in STATIC_TYPES
                or "Content-Encoding" in response.headers):
            return response
        response.direct_passthrough = False
        response.set_data(compressed.get(request.path, encoding, response.get_data()))
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        etag, _ = response.get_etag()
        if etag:
            # Weak: the same content may travel as the fast or the best compression.
            response.set_etag(f"{etag}-{encoding}", weak=True)
        return response.make_conditional(request)

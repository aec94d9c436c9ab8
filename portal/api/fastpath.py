"""The rows route answered in front of Flask: `/api/v1/datasets/<id>/rows` is the API's
hot path, and Flask's dispatch (request context, URL map, before/after-request hooks of the
Dash site, Flask-Compress) cost as much per page as the page query itself.

It answers exactly as the Flask route does — the same view function (``rows_response``), the
same response cache (``through_cache``), the same error bodies (``answered``), the same
finisher (``Finisher.finish``: security headers, ``Vary``, compression) — and it hands to
Flask every request it would answer differently: a method other than GET, a path that is not
plainly a dataset id, a query string over the limit (Flask answers 414), or no build
published yet. tests/api/test_fastpath.py checks the two answer the same bytes and headers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flask import Flask
from werkzeug.wrappers import Request

from portal.api.cache import cache_key, through_cache
from portal.api.errors import answered
from portal.api.finish import Finisher
from portal.api.v1 import rows_response
from portal.catalog.ids import ID_PATTERN
from portal.config import Settings
from portal.origin import base_url
from portal.store.current import CurrentBuild, NoBuild

ROWS_PATH = re.compile(rf"/api/v1/datasets/({ID_PATTERN.pattern})/rows")
WsgiApp = Any  # (environ, start_response) -> iterable of bytes
MAX_BASES = 64  # base URLs remembered (one per Host a client sends)


class RowsFastPath:
    """WSGI middleware: answers the rows route, passes everything else to ``inner``."""

    def __init__(self, app: Flask, inner: WsgiApp, finisher: Finisher) -> None:
        self.app = app
        self.inner = inner
        self.finisher = finisher
        self.settings: Settings = app.extensions["portal.settings"]
        self.store: CurrentBuild = app.extensions["portal.store"]
        self._bases: dict[tuple[object, ...], str] = {}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        match = ROWS_PATH.fullmatch(environ.get("PATH_INFO", ""))
        if (match is None or environ.get("REQUEST_METHOD") != "GET"
                or len(environ.get("QUERY_STRING", "")) > self.settings.max_query_length):
            return self.inner(environ, start_response)  # type: ignore[no-any-return]
        try:
            build = self.store.get()
        except NoBuild:
            return self.inner(environ, start_response)  # type: ignore[no-any-return]
        req = Request(environ)
        base = self._base_url(req, environ)
        dataset_id = match.group(1)
        response = answered(
            self.app,
            lambda: through_cache(self.app.extensions, cache_key(build.build_id, base, req),
                                  lambda: rows_response(build, dataset_id, req, base)),
            "GET", req.path)
        response = self.finisher.finish(response, environ.get("HTTP_ACCEPT_ENCODING", ""))
        start_response(response.status, response.headers.to_wsgi_list())
        return [response.get_data()]

    def _base_url(self, req: Request, environ: dict[str, Any]) -> str:
        """``base_url`` of ``req``, remembered per scheme, Host and server: werkzeug builds it
        with an IRI conversion that cost 12 µs a request."""
        key = (req.scheme, environ.get("HTTP_HOST"), environ.get("SERVER_NAME"),
               environ.get("SERVER_PORT"), environ.get("SCRIPT_NAME", ""))
        base = self._bases.get(key)
        if base is None:
            base = base_url(req, self.settings)
            if len(self._bases) >= MAX_BASES:
                self._bases.clear()
            self._bases[key] = base
        return base

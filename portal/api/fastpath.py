"""The rows route answered in front of Flask: `/api/v1/datasets/<id>/rows` is the API's
hot path, and Flask's dispatch (request context, URL map, before/after-request hooks of the
Dash site, Flask-Compress) cost as much per page as the page query itself.

It answers exactly as the Flask route does — the same view function (``rows_response``), the
same response cache (``through_cache``), the same error bodies (``answered``), the same
headers (security headers with the policy the after-request hook keeps up to date, and the
``Vary`` that Flask-Compress adds) — and it hands to Flask every request it would answer
differently: a method other than GET, a path that is not plainly a dataset id, a query
string over the limit (Flask answers 414), a client accepting a compressed body (Flask
compresses it), or no build published yet. tests/api/test_fastpath.py checks the two answer
the same bytes and headers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from flask import Flask, Response
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm
from werkzeug.wrappers import Request

from portal.api.cache import cache_key, through_cache
from portal.api.errors import answered
from portal.api.v1 import rows_response
from portal.catalog.ids import ID_PATTERN
from portal.config import Settings
from portal.origin import base_url
from portal.security import missing_security_headers
from portal.store.current import CurrentBuild, NoBuild

ROWS_PATH = re.compile(rf"/api/v1/datasets/({ID_PATTERN.pattern})/rows")
WsgiApp = Any  # (environ, start_response) -> iterable of bytes
MAX_BASES = 64  # base URLs remembered (one per Host a client sends)


class RowsFastPath:
    """WSGI middleware: answers the rows route, passes everything else to ``inner``."""

    def __init__(self, app: Flask, inner: WsgiApp, compress: Compress) -> None:
        self.app = app
        self.inner = inner
        self.compress = compress
        self.settings: Settings = app.extensions["portal.settings"]
        self.store: CurrentBuild = app.extensions["portal.store"]
        self.policies: dict[bool, str] = app.extensions["portal.csp"]
        self._bases: dict[tuple[object, ...], str] = {}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        match = ROWS_PATH.fullmatch(environ.get("PATH_INFO", ""))
        if (match is None or environ.get("REQUEST_METHOD") != "GET"
                or len(environ.get("QUERY_STRING", "")) > self.settings.max_query_length
                or _choose_algorithm(self.compress.enabled_algorithms,
                                     environ.get("HTTP_ACCEPT_ENCODING", "")) is not None):
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
        start_response(response.status, self._headers(response))
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

    def _headers(self, response: Response) -> list[tuple[str, str]]:
        """The answer's headers with what Flask's after-request hooks add to an API answer,
        in their order: the security headers (a JSON answer gets the policy for non-pages),
        then Flask-Compress's ``Vary`` (it compresses nothing here: the client accepted no
        compressed body). The answer is bytes with its Content-Length, no Location: werkzeug
        would send these headers as they are."""
        headers = response.headers.to_wsgi_list()
        present = {name.lower() for name, _ in headers}
        headers += missing_security_headers(present, self.policies[False], self.settings)
        vary = response.headers.get("Vary")
        if not vary:
            headers.append(("Vary", "Accept-Encoding"))
        elif "accept-encoding" not in vary.lower():
            return self._headers_with_vary(headers, f"{vary}, Accept-Encoding")
        return headers

    @staticmethod
    def _headers_with_vary(headers: list[tuple[str, str]], vary: str) -> list[tuple[str, str]]:
        return [(n, vary if n.lower() == "vary" else v) for n, v in headers]

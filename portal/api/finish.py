"""The last step of every answer, the same for Flask and for the rows fast path
(portal/api/fastpath.py): the security headers (a page gets the policy with the map tiles, the
rest the plain one), ``Vary: Accept-Encoding``, and compression (br or gzip) when the client
accepts it and the body is worth it.

Flask-Compress keeps its settings and its compressors; its own after-request hook is not
registered (``COMPRESS_REGISTER = False``), so that one function decides, in one order, what
each answer carries: before, the fast path copied the headers Flask's hooks would add and sent
every client accepting compression to Flask.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, has_request_context, request, stream_with_context
from flask_compress import Compress
from flask_compress.flask_compress import _choose_algorithm, _compress_chunks, _compress_data

from portal.config import Settings
from portal.security import content_security_policy, missing_security_headers

COMPRESSED_TYPES = ["text/html", "text/css", "text/plain", "text/csv", "text/xml",
                    "application/json", "application/ld+json", "application/atom+xml",
                    "application/xml", "application/javascript", "text/javascript"]
COMPRESS_CONFIG = {"COMPRESS_ALGORITHM": ["br", "gzip"], "COMPRESS_MIMETYPES": COMPRESSED_TYPES,
                   "COMPRESS_STREAMS": True, "COMPRESS_MIN_SIZE": 500,
                   "COMPRESS_REGISTER": False}


class Finisher:
    """``finish(response, accept_encoding)`` for every answer of ``app``."""

    def __init__(self, app: Flask, compress: Compress, settings: Settings) -> None:
        self.app = app
        self.compress = compress
        self.settings = settings
        self.min_size: int = app.config["COMPRESS_MIN_SIZE"]
        self.streams: bool = app.config["COMPRESS_STREAMS"]

    @property
    def policies(self) -> dict[bool, str]:
        """Content-Security-Policy for a page (True) and for anything else (False), kept in
        ``app.extensions["portal.csp"]`` by portal.security.install_security."""
        return self.app.extensions["portal.csp"]  # type: ignore[no-any-return]

    def finish(self, response: Response, accept_encoding: str) -> Response:
        mimetype = response.mimetype
        page = mimetype == "text/html"
        dash_app = self.app.extensions.get("portal.dash")
        if page and dash_app is not None:
            # Dash registers clientside callbacks' inline scripts on its first request: the
            # policy's hashes are taken again when a page is served.
            hashes = dash_app.csp_hashes()
            self.policies[True] = content_security_policy(hashes, self.settings.map_tiles)
            self.policies[False] = content_security_policy(hashes)
        headers = response.headers
        # One pass over the headers and one extend: each Headers.setdefault raised and caught
        # a KeyError, 30 µs an answer for the six headers (the rows page costs ~190 µs).
        present = {name.lower() for name, _ in headers.items()}
        missing = missing_security_headers(present, self.policies[page], self.settings)
        if "vary" not in present:
            missing.append(("Vary", "Accept-Encoding"))
        elif "accept-encoding" not in (vary := headers["Vary"]).lower():
            headers["Vary"] = f"{vary}, Accept-Encoding"
        headers.extend(missing)
        if not accept_encoding:
            return response
        return self._compressed(response, accept_encoding, mimetype)

    def _compressed(self, response: Response, accept_encoding: str,
                    mimetype: str) -> Response:
        """Flask-Compress's rules: a 2xx body of a listed type, not already encoded
        (downloads say ``identity``), of at least COMPRESS_MIN_SIZE bytes."""
        streamed = response.is_streamed
        algorithms = (self.compress.streaming_algorithms if streamed and self.streams
                      else self.compress.enabled_algorithms)
        algorithm = _choose_algorithm(algorithms, accept_encoding)
        if (algorithm is None or mimetype not in self.compress.compress_mimetypes_set
                or not 200 <= response.status_code < 300 or (streamed and not self.streams)
                or "Content-Encoding" in response.headers
                or (response.content_length is not None
                    and response.content_length < self.min_size)):
            return response
        response.direct_passthrough = False
        response.headers["Content-Encoding"] = algorithm
        if streamed:
            chunks = _compress_chunks(self.app, response.iter_encoded(), algorithm)
            response.response = stream_with_context(chunks) if has_request_context() else chunks
            response.headers.pop("Content-Length", None)
        else:
            response.set_data(_compress_data(self.app, response.get_data(), algorithm))
            response.headers["Content-Length"] = str(response.content_length)
        return response

    def flask_hook(self) -> Callable[[Response], Response]:
        def finish_answer(response: Response) -> Response:
            return self.finish(response, request.headers.get("Accept-Encoding", ""))
        return finish_answer

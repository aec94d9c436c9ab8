"""create_app(settings): the Flask server with its API blueprints, cache and the Dash site."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request

from portal.api.downloads import DownloadConverter, downloads
from portal.api.errors import error_body, register_error_handlers
from portal.config import Settings
from portal.store.current import CurrentBuild, NoBuild

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}


def create_app(settings: Settings) -> Flask:
    app = Flask("portal")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_content_length
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.url_map.converters["download"] = DownloadConverter
    store = CurrentBuild(settings.build_dir)
    app.extensions["portal.store"] = store
    app.extensions["portal.settings"] = settings
    register_error_handlers(app)

    @app.before_request
    def bound_query() -> Response | None:
        length = len(request.query_string)
        if length > settings.max_query_length:
            response = jsonify(error_body("query-too-long", "query", length=length,
                                          limit=settings.max_query_length))
            response.status_code = 414
            return response
        return None

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if settings.behind_tls:
            response.headers.setdefault("Strict-Transport-Security",
                                        "max-age=31536000; includeSubDomains")
        return response

    @app.get("/healthz")
    def healthz() -> Response:
        try:
            build = store.get()
        except NoBuild:
            response = jsonify({"status": "no-build", "build_id": None, "datasets": 0})
            response.status_code = 503
            return response
        return jsonify({"status": "ok", "build_id": build.build_id,
                        "datasets": len(build.published)})

    app.register_blueprint(downloads)
    from portal.api.v1 import v1

    app.register_blueprint(v1)
    from portal.web.site import attach_site

    attach_site(app, settings, store)
    return app

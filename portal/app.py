"""create_app(settings): the Flask server with its API blueprints, cache and the Dash site."""

from __future__ import annotations

import logging
from datetime import date

from flask import Flask, Response, jsonify, request
from flask_compress import Compress

from portal.api.bodies import StrictJSONProvider
from portal.api.cache import init_cache
from portal.api.charts import charts
from portal.api.ckan import ckan
from portal.api.downloads import DownloadConverter, downloads
from portal.api.errors import error_response, register_error_handlers
from portal.api.fastpath import RowsFastPath
from portal.api.feeds import feeds
from portal.api.finish import COMPRESS_CONFIG, Finisher
from portal.api.openapi import openapi
from portal.api.showcase import showcase
from portal.api.v1 import v1
from portal.config import Settings
from portal.query.kpi import published_datasets
from portal.security import install_security
from portal.store.current import CurrentBuild, NoBuild
from portal.web.static import install_static

log = logging.getLogger(__name__)



def create_app(settings: Settings) -> Flask:
    app = Flask("portal")
    app.json = StrictJSONProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_content_length
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.url_map.converters["download"] = DownloadConverter
    store = CurrentBuild(settings.build_dir)
    app.extensions["portal.store"] = store
    app.extensions["portal.settings"] = settings
    # Static assets (Bootstrap CSS, scripts) are compressed; downloads mark themselves
    # Content-Encoding: identity so their bytes, ETag and Range stay those of the manifest.
    app.config.update(COMPRESS_CONFIG)
    compress = Compress(app)
    finisher = Finisher(app, compress, settings)
    # First registered, so run last (Flask runs them in reverse): after the static assets'
    # and the not-found page's hooks, as Flask-Compress's own hook ran.
    app.after_request(finisher.flask_hook())
    install_static(app)
    init_cache(app, settings)
    register_error_handlers(app)

    @app.before_request
    def bound_query() -> Response | None:
        length = len(request.query_string)
        if length > settings.max_query_length:
            return error_response("query-too-long", "query", 414, length=length,
                                  limit=settings.max_query_length)
        return None

    @app.get("/healthz")
    def healthz() -> Response:
        try:
            build = store.get()
        except NoBuild:
            response = jsonify({"status": "no-build", "build_id": None, "datasets": 0})
            response.status_code = 503
            return response
        # The published count of every page and API (published_ids), not the manifest's
        # length: the generated count dataset is listed but not counted (docs/kpi.md).
        return jsonify({"status": "ok", "build_id": build.build_id,
                        "datasets": published_datasets(build, date.today())})

    for blueprint in (downloads, v1, ckan, feeds, openapi, showcase, charts):
        app.register_blueprint(blueprint)
    from portal.web.site import attach_site

    attach_site(app, settings, store)
    # Last: the policy hashes the Dash renderer's inline scripts, known only now.
    install_security(app, settings)
    _render_index_once(app)
    # In front of Flask, after the first render: Dash has set itself up by then.
    app.wsgi_app = RowsFastPath(app, app.wsgi_app, finisher)  # type: ignore[method-assign]
    return app


def _render_index_once(app: Flask) -> None:
    """Dash sets itself up on a process's first request and serves a script only once that
    set-up has listed it. A browser asks for a page's scripts all at once; on a fresh worker
    (every start and restart) the first of them raced the set-up and got 500, and the page
    stayed at "Loading...". Rendering one page here, before any visitor, settles it."""
    response = app.test_client().get("/", headers={"Accept-Encoding": "identity"})
    if response.status_code >= 500:
        log.warning("rendering the home page at start-up failed: %s", response.status)

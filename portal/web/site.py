"""The Dash site on the portal's Flask server: pages, language cookie, real 404 statuses."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import dash
from flask import Flask, Response, make_response, redirect, request

from portal.config import Settings
from portal.store.current import CurrentBuild, NoBuild
from portal.web.i18n import LANGS, lang_of_request

PAGES = Path(__file__).parent / "pages"
STATIC_PATHS = {"/", "/datasets", "/about", "/developers", "/kpi"}
DATASET_PATH = re.compile(r"/datasets/([a-z0-9]+(?:-[a-z0-9]+)*)")
NOT_DASH = ("/_dash", "/_reload", "/_favicon", "/assets/", "/api/", "/healthz", "/lang/")


class PortalDash(dash.Dash):
    def interpolate_index(self, **kwargs: str) -> str:
        html = super().interpolate_index(**kwargs)
        lang = lang_of_request()
        return html.replace("<html>", f'<html lang="{lang}">', 1)


def _known_path(path: str, store: CurrentBuild) -> bool:
    if path.rstrip("/") in STATIC_PATHS or path == "/":
        return True
    match = DATASET_PATH.fullmatch(path.rstrip("/"))
    if match is None:
        return False
    try:
        return store.get().dataset(match.group(1)) is not None
    except NoBuild:
        return False


def attach_site(server: Flask, settings: Settings, store: CurrentBuild) -> None:
    from portal.web.components.layout import frame

    app = PortalDash(
        __name__, server=server, use_pages=True, pages_folder=str(PAGES),
        assets_folder=str(Path(__file__).parent / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True, title="鹿沼市オープンデータ",
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = lambda: frame(lang_of_request())
    server.extensions["portal.dash"] = app

    @server.get("/lang/<lang>")
    def choose_language(lang: str) -> Response:
        target = request.args.get("next") or "/"
        referrer = urlsplit(request.referrer or "")
        if "next" not in request.args and referrer.netloc == request.host:
            target = referrer.path + (f"?{referrer.query}" if referrer.query else "")
        # Only same-site paths: never an open redirect.
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        response = make_response(redirect(target if lang in LANGS else "/"))
        if lang in LANGS:
            response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="Lax")
        return response

    @server.after_request
    def not_found_status(response: Response) -> Response:
        if (request.method == "GET" and response.status_code == 200
                and response.mimetype == "text/html"
                and not request.path.startswith(NOT_DASH)
                and not _known_path(request.path, store)):
            response.status_code = 404
        return response

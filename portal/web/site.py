"""The Dash site on the portal's Flask server: pages in two languages (/… and /en/…), their
head tags, the old language switch, real 404 statuses."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import dash
from flask import Flask, Response, make_response, redirect, request

from portal import urls
from portal.config import Settings
from portal.errors import NotFound
from portal.origin import base_url
from portal.store.current import CurrentBuild, NoBuild
from portal.web.callback_types import check_request
from portal.web.i18n import LANGS, lang_of_request, t

PAGES = Path(__file__).parent / "pages"
STATIC_PATHS = {"/", "/datasets", "/about", "/developers", "/kpi", "/quality",
                "/requests", "/requests/new", "/uses"}
# A dataset's page, and its chart builder's page (/datasets/<id>/chart).
DATASET_PATH = re.compile(r"/datasets/([a-z0-9]+(?:-[a-z0-9]+)*)(?:/chart)?")
DESCRIPTION = re.compile(r'<meta name="description" content="[^"]*">')


def _dataset_id(path: str) -> str | None:
    match = DATASET_PATH.fullmatch(urls.unlocalized(path).rstrip("/"))
    return match.group(1) if match else None


def _known_path(path: str, store: CurrentBuild) -> bool:
    page = urls.unlocalized(path)
    if page.rstrip("/") in STATIC_PATHS or page == "/":
        return True
    dataset_id = _dataset_id(path)
    if dataset_id is None:
        return False
    try:
        return store.get().dataset(dataset_id) is not None
    except NoBuild:
        return False


def _feeds(path: str, dataset_id: str | None, lang: str) -> list[tuple[str, str]]:
    """The feeds a page offers: the catalog's, and the dataset's on its page, or the search's
    with its facets (portal.query.feeds)."""
    from portal.query.search import FACETS

    feeds = [(t("feed-title-catalog", lang), urls.feed())]
    if dataset_id is not None:
        feeds.append((t("feed-title-dataset", lang), urls.dataset_feed(dataset_id)))
    elif urls.unlocalized(path) == urls.datasets_page():
        chosen = {name: request.args[name] for name in FACETS if request.args.get(name)}
        if chosen:
            feeds.append((t("feed-title-search", lang), urls.feed(chosen)))
    return feeds


def _page_title(path: str, dataset_id: str | None) -> str | None:
    chart = "/chart" if path.rstrip("/").endswith("/chart") else ""
    template = urls.page(f"/datasets/<dataset_id>{chart}", urls.lang_of_path(path))
    for page in dash.page_registry.values():
        if dataset_id is not None and page.get("path_template") == template:
            title = page["title"]
            return str(title(dataset_id=dataset_id) if callable(title) else title)
        if dataset_id is None and page["path"].rstrip("/") == path.rstrip("/"):
            title = page["title"]
            return str(title() if callable(title) else title)
    return None


class PortalDash(dash.Dash):
    """Dash whose index page is written per request: language, 404 head, dataset JSON-LD."""

    store: CurrentBuild
    settings: Settings

    def interpolate_index(self, **kwargs: str) -> str:
        from portal.web.components.head import feed_links, language_links

        lang = lang_of_request()
        path = request.path
        dataset_id = _dataset_id(path)
        if not _known_path(path, self.store):
            kwargs["title"] = f"{t('not-found-title', lang)} — {t('site-title', lang)}"
            kwargs["metas"] = DESCRIPTION.sub(
                f'<meta name="description" content="{escape(t("not-found-body", lang))}">',
                kwargs.get("metas", ""))
        else:
            # Dash sends the app's title and sets the page's only from JavaScript; readers,
            # crawlers and link previews need it in the HTML.
            kwargs["title"] = _page_title(path, dataset_id) or kwargs.get("title", "")
            # Only the search page's state lives in its query string; elsewhere a query
            # (a tracking tag, say) is not part of the page's address.
            query = (request.query_string.decode("utf-8", "replace")
                     if urls.unlocalized(path) == urls.datasets_page() else "")
            base = base_url(request, self.settings)
            kwargs["metas"] = kwargs.get("metas", "") + language_links(base, path, query) + \
                feed_links(base, _feeds(path, dataset_id, lang))
            if dataset_id is not None:
                self._dataset_head(dataset_id, lang, kwargs)
        kwargs["title"] = escape(kwargs["title"], quote=False)
        html = super().interpolate_index(**kwargs)
        return html.replace("<html>", f'<html lang="{lang}">', 1)

    def _dataset_head(self, dataset_id: str, lang: str, kwargs: dict[str, str]) -> None:
        from portal.query.detail import dataset_detail
        from portal.web.components.head import jsonld_tag, noscript_summary

        base = base_url(request, self.settings)
        try:
            detail = dataset_detail(self.store.get(), dataset_id, base)
        except (NotFound, NoBuild):
            return
        if detail.get("status") == "withdrawn":
            return  # its page links nothing, and neither does its head
        kwargs["metas"] = kwargs.get("metas", "") + jsonld_tag(detail, lang)
        kwargs["app_entry"] = kwargs.get("app_entry", "") + noscript_summary(detail, lang)


def attach_site(server: Flask, settings: Settings, store: CurrentBuild) -> None:
    from portal.web.components.layout import frame, register_frame_callbacks
    from portal.web.components.places import register_place_callbacks
    from portal.web.components.preview import defer_grid_bundle

    defer_grid_bundle()

    app = PortalDash(
        __name__, server=server, use_pages=True, pages_folder=str(PAGES),
        url_base_pathname="/",
        assets_folder=str(Path(__file__).parent / "assets"),
        serve_locally=True,
        # Dash turns async on whenever asgiref is importable (a test dependency brings it):
        # a thread and an event loop per request. The site's callbacks are plain functions.
        use_async=False,
        # dcc.Graph's Plotly.js is fetched only by pages that draw a chart.
        eager_loading=False,
        suppress_callback_exceptions=True, title=t("site-title", "ja"),
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.store = store
    app.settings = settings
    register_frame_callbacks(app)
    register_place_callbacks(app)
    app.layout = lambda: frame(lang_of_request())
    server.extensions["portal.dash"] = app

    @server.get("/lang/<lang>")
    def choose_language(lang: str) -> Response:
        """Old links to the language switch: the twin (in ``lang``) of ``next`` or of the
        referring page, or the home page. The cookie remembers the choice; it never changes
        what a URL serves."""
        target = request.args.get("next") or "/"
        referrer = urlsplit(request.referrer or "")
        if "next" not in request.args and referrer.netloc == request.host:
            target = referrer.path + (f"?{referrer.query}" if referrer.query else "")
        if lang not in LANGS:
            return make_response(redirect("/"))
        path, _, query = target.partition("?")
        location = urls.twin(path, lang, query)
        # Only same-site paths, judged on the address sent (the prefix removed or added):
        # never an open redirect.
        if not urls.same_site(location):
            location = urls.home(lang)
        response = make_response(redirect(location))
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="Lax")
        return response

    catch_all = app.config.routes_pathname_prefix + "<path:path>"

    @server.before_request
    def unknown_route() -> None:
        """Dash answers every GET no other route takes with its index page. Only a site page
        may be that: an unknown address under /api/, /healthz… or of Dash's own routes
        (``GET /_dash-update-component``) is a 404 in its surface's error shape."""
        rule = request.url_rule
        if (rule is not None and rule.rule == catch_all
                and urls.surface(request.path) != "site"):
            raise NotFound("route-not-found", parameter="path", path=request.path)

    update_component = app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def typed_callback() -> None:
        """A callback request is checked before Dash reads it (portal/web/callback_types.py)."""
        if request.method == "POST" and request.path == update_component:
            check_request(request.get_json(), app.callback_map)

    @server.after_request
    def not_found_status(response: Response) -> Response:
        if (request.method in ("GET", "HEAD") and response.status_code == 200
                and response.mimetype == "text/html"
                and urls.surface(request.path) == "site"
                and request.url_rule is not None
                and request.url_rule.rule in (catch_all, "/")
                and not _known_path(request.path, store)):
            response.status_code = 404
        elif response.status_code == 200 and request.path.endswith("/chart"):
            _chart_status(response)
        return response

    def _chart_status(response: Response) -> None:
        """A chart page whose parameters do not read is served with their error's status
        (400), as its JSON twin is; the page shows the message naming the parameter."""
        from portal.query.charts import chart_request_error

        dataset_id = _dataset_id(request.path)
        if dataset_id is None or response.mimetype != "text/html":
            return
        try:
            error = chart_request_error(store.get(), dataset_id,
                                        list(request.args.items(multi=True)))
        except NoBuild:
            return
        if error is not None:
            response.status_code = error.status

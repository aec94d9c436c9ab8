"""The page frame: skip link, header with navigation and language switch, main, footer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, dcc, html

from portal import urls
from portal.web.callback_types import Pathname
from portal.web.i18n import t

LANGUAGE_SWITCH = "language-switch"


def other_language(lang: str) -> str:
    return "en" if lang == "ja" else "ja"


def frame(lang: str) -> html.Div:
    other = other_language(lang)
    nav = [("/", "nav-home"), ("/datasets", "nav-datasets"), ("/kpi", "nav-kpi"),
           ("/uses", "nav-uses"), ("/requests", "nav-requests"),
           ("/developers", "nav-developers"), ("/about", "nav-about")]
    return html.Div([
        html.A(t("skip", lang), href="#main", className="skip-link"),
        html.Header(dbc.Navbar(dbc.Container([
            dbc.NavbarBrand(t("site-title", lang), href=urls.home(lang)),
            html.Nav(dbc.Nav([dbc.NavItem(dbc.NavLink(t(key, lang), href=urls.page(href, lang)))
                              for href, key in nav] + [
                # The twin page of the one shown (set below as the reader moves); the old
                # /lang/ address, which redirects there, until then.
                dbc.NavItem(html.A(t("switch-language", lang),
                                   href=urls.choose_language(other), className="nav-link",
                                   lang=other, hrefLang=other, id=LANGUAGE_SWITCH))],
                navbar=True, className="flex-wrap"), **{"aria-label": "main"}),
        ], fluid=True), color="primary", dark=True)),
        html.Main(dash_page_container(), id="main", tabIndex="-1",
                  className="container py-3"),
        html.Footer(html.Div([
            html.P("鹿沼市 総合政策部 デジタル政策課 — 〒322-8601 栃木県鹿沼市今宮町1688-1"
                   if lang == "ja" else
                   "Digital Policy Division, Kanuma City — 1688-1 Imamiya-cho, Kanuma, Tochigi"),
        ], className="container py-3"), className="border-top mt-4"),
        dcc.Location(id="url", refresh="callback-nav"),
    ])


def link_twin(pathname: Pathname | None, search: str | None) -> str:
    """The language switch leads to the same page, with the same query, in the other
    language."""
    path = pathname or "/"
    return urls.twin(path, other_language(urls.lang_of_path(path)), (search or "").lstrip("?"))


def register_frame_callbacks(app: Dash) -> None:
    """The frame's callbacks, on ``app`` itself: ``dash.callback`` registrations are taken by
    the first Dash app of the process, and the frame module is imported only once (pages are
    executed anew for each app, so their ``@callback`` reach every app)."""
    app.callback(Output(LANGUAGE_SWITCH, "href"), Input("url", "pathname"),
                 Input("url", "search"))(link_twin)


def dash_page_container() -> object:
    import dash

    return dash.page_container

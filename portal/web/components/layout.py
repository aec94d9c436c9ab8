"""The page frame: skip link, header with navigation and language switch, main, footer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from portal.web.i18n import t


def frame(lang: str) -> html.Div:
    other = "en" if lang == "ja" else "ja"
    nav = [("/", "nav-home"), ("/datasets", "nav-datasets"), ("/kpi", "nav-kpi"),
           ("/developers", "nav-developers"), ("/about", "nav-about")]
    return html.Div([
        html.A(t("skip", lang), href="#main", className="skip-link"),
        html.Header(dbc.Navbar(dbc.Container([
            dbc.NavbarBrand(t("site-title", lang), href="/"),
            html.Nav(dbc.Nav([dbc.NavItem(dbc.NavLink(t(key, lang), href=href))
                              for href, key in nav] + [
                dbc.NavItem(html.A(t("switch-language", lang), href=f"/lang/{other}",
                                   className="nav-link", lang=other, id="language-switch"))],
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


def dash_page_container() -> object:
    import dash

    return dash.page_container

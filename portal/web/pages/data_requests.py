"""/requests — the data requests staff published, with their status, date and answer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from portal import urls
from portal.query.requests import curated_requests
from portal.web.components.requests import curated_table
from portal.web.i18n import t
from portal.web.pages._context import (
    current_build,
    description_of,
    lang,
    register_pages,
    title_of,
)


def layout(**_: str) -> html.Div:
    language = lang()
    build = current_build()
    items = curated_requests(build, language) if build is not None else []
    return html.Div([
        html.H1(t("requests-page-title", language)),
        html.P(t("requests-intro", language)),
        html.P(dbc.Button(t("requests-new-link", language), href=urls.request_form(language),
                          color="primary", id="requests-new-link")),
        curated_table(items, language),
    ])


register_pages(__name__, layout, path="/requests", title=title_of("requests-page-title"),
               description=description_of("requests-page-description"))

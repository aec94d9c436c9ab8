"""The page for unknown paths (served with HTTP status 404 by portal.web.site)."""

from __future__ import annotations

import dash
from dash import html

from portal import urls
from portal.web.i18n import t
from portal.web.pages._context import description_of, lang, title_of

# One page for both languages: Dash serves it for every unknown path, and it speaks the
# language of the URL asked for.
dash.register_page(__name__, path="/404", title=title_of("not-found-title"),
                   description=description_of("not-found-body"))


def layout(**_: str) -> html.Div:
    language = lang()
    return html.Div([html.H1(t("not-found-title", language)),
                     html.P(t("not-found-body", language)),
                     html.A(t("nav-datasets", language), href=urls.datasets_search(language))])

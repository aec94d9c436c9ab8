"""The search page's filters and its empty result: on a phone the filters fold behind one
button, so the first result is near the top; a search that finds nothing offers the form for
asking the city to publish the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from portal import urls
from portal.web import ids
from portal.web.i18n import t


def filters_aside(blocks: Callable[[], list[Any]], chosen: int, language: str) -> list[Any]:
    """The filters twice, one copy per screen size (no script): on a phone a closed
    disclosure (``<details>``) above the results, on a wider screen the column beside them.
    ``chosen``: how many filters are applied, shown on the phone's button."""
    label = t("filters-button", language) + (f" ({chosen})" if chosen else "")
    return [
        html.Details([html.Summary(label, className="btn btn-outline-primary btn-sm mb-2"),
                      html.Div(blocks(), className="pb-2")],
                     id=ids.FILTERS_PHONE, className="d-md-none"),
        html.Div(blocks(), id=ids.FILTERS_WIDE, className="d-none d-md-block"),
    ]


def no_results(language: str) -> dbc.Alert:
    """What a search without results says: try other words, or ask for the data."""
    return dbc.Alert([t("no-results", language), " ",
                      html.A(t("no-results-request", language),
                             href=urls.request_form(language), id=ids.NO_RESULTS_REQUEST,
                             className="alert-link")],
                     color="info", id=ids.NO_RESULTS)

"""Places on the dataset page: the table's filters in the page's URL and on its map, and
"near a place" — a town, an address or the browser's position — listing the rows nearest to
it, with the distance.

The page's query string is the rows API's own filters (``受入対象者__contains=要配慮者``) plus
``near=``: a link or a reload gives the grid, the map and the list they were showing. The
callbacks only move values; the work is in portal.query (maps, near, places).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, dcc, html
from flask import current_app

from portal.errors import PortalError
from portal.messages import render_fix
from portal.query.maps import follows_filters, map_layer
from portal.query.near import Near, has_positions, nearest
from portal.query.places import resolve_place
from portal.query.rows import RESERVED, RowsQuery, parse_query
from portal.store.current import Build, ResourceView
from portal.web import ids
from portal.web.components.columns import name_column
from portal.web.components.map import map_data, map_summary
from portal.web.components.preview import GridRequest, filter_params
from portal.web.i18n import fmt_number, t
from portal.web.pages._context import current_build, lang

NEAR_PARAMETER = "near"
ADDRESS_COLUMNS = ("所在地_連結表記", "住所", "所在地")


class MapSlot(TypedDict):
    type: str
    kind: str


def url_filters(params: Mapping[str, str]) -> list[tuple[str, str]]:
    """The rows API filters of a page's query string (everything but ``near`` and the
    reserved ``_`` parameters), as pairs."""
    return [(k, v) for k, v in params.items()
            if k != NEAR_PARAMETER and not k.startswith("_") and k not in RESERVED]


def parsed_filters(pairs: list[tuple[str, str]] | list[list[str]], resource: ResourceView,
                   dataset_id: str) -> RowsQuery:
    """``pairs`` parsed by the rows API's parser: its coded error when one is wrong."""
    return parse_query(_pairs(pairs), resource.schema, dataset_id)


def _pairs(pairs: list[tuple[str, str]] | list[list[str]]) -> list[tuple[str, str]]:
    """(name, value) pairs; what a browser sent that is not one is left out."""
    return [(str(p[0]), str(p[1])) for p in pairs if len(p) == 2]


def page_query(pairs: list[tuple[str, str]] | list[list[str]]) -> str:
    return urlencode(_pairs(pairs))


def place_state(dataset_id: str, pairs: list[tuple[str, str]], near: str) -> list[Any]:
    """The page's dataset and filters (stores for the callbacks) and its query string
    (attributes that assets/40-places.js copies into the address bar)."""
    return [dcc.Store(id=ids.PLACE_DATASET, data=dataset_id),
            dcc.Store(id=ids.PAGE_FILTERS, data=[list(p) for p in pairs]),
            dcc.Store(id=ids.NEAR, data=near),
            html.Div(id=ids.PAGE_QUERY, hidden=True,
                     **{"data-filters": page_query(pairs), "data-near": near})]


def _column(names: tuple[str, ...], wanted: tuple[str, ...]) -> str | None:
    return next((n for n in wanted if n in names), None)


def _distance(metres: float, language: str) -> str:
    if metres < 1000:
        return f"{fmt_number(int(round(metres, -1)), language)} m"
    return f"{metres / 1000:.1f} km"


def near_list(found: list[Near], resource: ResourceView, place: str, language: str) -> html.Div:
    """The rows nearest first: name, address and the distance of each."""
    names = resource.field_names
    name = name_column(names) or names[0]
    address = _column(names, ADDRESS_COLUMNS)
    if not found:
        return html.Div(html.P(t("near-none", language)))
    items = [html.Li([html.Strong(str(n.row.get(name) or "")),
                      *([html.Br(), html.Span(str(n.row[address]), className="small")]
                        if address and n.row.get(address) else []),
                      html.Br(),
                      html.Span(_distance(n.metres, language), className="near-distance")])
             for n in found]
    return html.Div([html.H3(t("near-from", language, place=place), className="h6"),
                     html.Ol(items, id="near-list", className="near-list")])


def near_answer(build: Build, dataset_id: str, text: str, pairs: list[list[str]],
                language: str) -> Any:
    """What "near a place" shows for ``text`` under the table's filters ``pairs``."""
    if not text:
        return None
    resource = build.require(dataset_id).primary
    database = resource.file("sqlite")
    settings = current_app.extensions["portal.settings"]
    try:
        if database is None or not has_positions(resource.schema):
            raise PortalError("no-positions", parameter=NEAR_PARAMETER, id=dataset_id)
        place = resolve_place(build, settings.town_points, text)
        if place is None:
            raise PortalError("unknown-place", parameter=NEAR_PARAMETER, text=text[:100])
        query = parsed_filters(pairs, resource, dataset_id)
    except PortalError as error:  # what is wrong, and what to type instead
        return dbc.Alert([error.message(language), " ", render_fix(error.code, language)],
                         color="warning", className="mb-0", id="near-problem")
    found = nearest(build.path(database.path), resource.schema, query, place.point,
                    settings.near_limit)
    return near_list(found, resource, place.name or t("near-here-name", language), language)


def near_section(build: Build, dataset_id: str, near: str, pairs: list[tuple[str, str]],
                 language: str) -> html.Section:
    """The form (a town or an address; or the browser's position) and its answer."""
    return html.Section([
        html.H2(t("near-title", language), className="h4"),
        html.P(t("near-note", language), className="small text-body-secondary"),
        dbc.Label(t("near-label", language), html_for=ids.NEAR_INPUT),
        dbc.InputGroup([
            dbc.Input(id=ids.NEAR_INPUT, type="search", value=near if "," not in near else "",
                      placeholder=t("near-placeholder", language), autoComplete="street-address",
                      debounce=True),
            dbc.Button(t("near-button", language), id=ids.NEAR_BUTTON, color="primary"),
        ], className="mb-2"),
        html.Button(t("near-here", language), id=ids.NEAR_HERE, type="button",
                    className="btn btn-outline-primary btn-sm mb-2",
                    **{"data-failed": t("near-here-failed", language)}),
        html.P(id=ids.NEAR_STATUS, role="status", className="small text-danger mb-1"),
        html.Div(near_answer(build, dataset_id, near, [list(p) for p in pairs], language),
                 id={"type": ids.NEAR_RESULT, "kind": "near"}, className="near-result",
                 **{"aria-live": "polite"}),
    ], id="near-section")


def follow_grid(request: GridRequest | None, current: list[list[str]] | None,
                dataset_id: str | None) -> tuple[list[list[str]], str]:
    """The grid's filters, when they changed, into the page's store and query string."""
    build = current_build()
    if not request or build is None:
        raise dash.exceptions.PreventUpdate
    try:
        resource = build.require(dataset_id or "").primary
        pairs = filter_params(request.get("filterModel"), resource.schema)
    except PortalError:
        raise dash.exceptions.PreventUpdate from None  # the grid's status says what is wrong
    if [list(p) for p in pairs] == (current or []):
        raise dash.exceptions.PreventUpdate
    return [list(p) for p in pairs], page_query(pairs)


def follow_filters(pairs: list[list[str]] | None, dataset_id: str | None, layers: list[MapSlot],
                   summaries: list[MapSlot]) -> tuple[list[str], list[str]]:
    """The map's layer (once drawn) and its text alternative for the table's filters."""
    build = current_build()
    if build is None or not summaries:
        raise dash.exceptions.PreventUpdate
    try:
        layer, filtered = filtered_layer(build, dataset_id or "", pairs or [])
    except PortalError:
        raise dash.exceptions.PreventUpdate from None
    if layer is None:
        raise dash.exceptions.PreventUpdate
    summary = map_summary(layer, lang(), filtered)
    return [map_data(layer)] * len(layers), [summary] * len(summaries)


def filtered_layer(build: Build, dataset_id: str, pairs: list[list[str]] | list[tuple[str, str]]
                   ) -> tuple[dict[str, Any] | None, bool]:
    """The map layer for the table's filters, and whether it is filtered (a map whose
    positions are not rows shows everything)."""
    resource = build.require(dataset_id).primary
    try:
        query = parsed_filters(pairs, resource, dataset_id)
    except PortalError:
        query = RowsQuery()
    filters = query.filters if follows_filters(resource) else ()
    return map_layer(build, dataset_id, filters), bool(filters)


def ask_near(clicks: int | None, submits: int | None, text: str | None) -> str:
    if not clicks and not submits:
        raise dash.exceptions.PreventUpdate
    return (text or "").strip()


def answer_near(near: str | None, pairs: list[list[str]] | None, dataset_id: str | None,
                slots: list[MapSlot]) -> tuple[list[Any], str]:
    """The nearest rows for the place asked (or the browser's position) under the table's
    filters; the page's query string keeps the place."""
    build = current_build()
    if build is None:
        raise dash.exceptions.PreventUpdate
    near = (near or "").strip()[:200]
    if not slots:  # a dataset without positions: only the query string
        return [], near
    try:
        answer = near_answer(build, dataset_id or "", near, pairs or [], lang())
    except PortalError as error:  # a dataset id the page was not built for
        answer = dbc.Alert(error.message(lang()), color="warning")
    return [answer] * len(slots), near


def register_place_callbacks(app: Dash) -> None:
    """On ``app`` itself, as the frame's are (portal.web.components.layout)."""
    app.callback(Output(ids.PAGE_FILTERS, "data"), Output(ids.PAGE_QUERY, "data-filters"),
                 Input(ids.PREVIEW_TABLE, "getRowsRequest"), State(ids.PAGE_FILTERS, "data"),
                 State(ids.PLACE_DATASET, "data"), prevent_initial_call=True)(follow_grid)
    app.callback(Output({"type": ids.MAP_LAYER, "kind": ALL}, "data-map"),
                 Output({"type": ids.MAP_SUMMARY_TEXT, "kind": ALL}, "children"),
                 Input(ids.PAGE_FILTERS, "data"), State(ids.PLACE_DATASET, "data"),
                 State({"type": ids.MAP_LAYER, "kind": ALL}, "id"),
                 State({"type": ids.MAP_SUMMARY_TEXT, "kind": ALL}, "id"),
                 prevent_initial_call=True)(follow_filters)
    app.callback(Output(ids.NEAR, "data"), Input(ids.NEAR_BUTTON, "n_clicks"),
                 Input(ids.NEAR_INPUT, "n_submit"), State(ids.NEAR_INPUT, "value"),
                 prevent_initial_call=True)(ask_near)
    app.callback(Output({"type": ids.NEAR_RESULT, "kind": ALL}, "children"),
                 Output(ids.PAGE_QUERY, "data-near"),
                 Input(ids.NEAR, "data"), Input(ids.PAGE_FILTERS, "data"),
                 State(ids.PLACE_DATASET, "data"),
                 State({"type": ids.NEAR_RESULT, "kind": ALL}, "id"),
                 prevent_initial_call=True)(answer_near)

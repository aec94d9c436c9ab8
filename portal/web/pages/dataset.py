"""/datasets/<id> — metadata, downloads, preview, data dictionary, API examples, history."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, TypedDict

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, dcc, html
from flask import current_app, has_request_context

from portal import urls
from portal.catalog.model import FREQUENCIES
from portal.errors import NotFound, PortalError
from portal.origin import base_url
from portal.query.charts import opening_chart
from portal.query.detail import dataset_detail
from portal.query.near import has_positions
from portal.query.requests import requests_answered_by
from portal.query.usage import usage_of
from portal.query.uses import list_uses
from portal.store.current import Build, DatasetView
from portal.web import ids
from portal.web.components.blocks import category_label
from portal.web.components.chart import chart_figure
from portal.web.components.chart_builder import chart_section, figure_config
from portal.web.components.columns import folded_columns, lead_order
from portal.web.components.map import map_alternative, map_view
from portal.web.components.markdown import markdown_block, plain_text
from portal.web.components.places import (
    NEAR_PARAMETER,
    filtered_layer,
    near_section,
    parsed_filters,
    place_state,
    url_filters,
)
from portal.web.components.preview import (
    GridRequest,
    PreviewState,
    grid_page,
    grid_query,
    preview_grid,
    preview_slot,
)
from portal.web.components.quality import quality_section
from portal.web.components.requests import answered_requests
from portal.web.components.snippets import pandas_snippet, r_snippet
from portal.web.components.uses import dataset_uses
from portal.web.i18n import fmt_bytes, fmt_date, fmt_month, fmt_number, t
from portal.web.pages._context import current_build, lang, register_pages


def _head_dataset(dataset_id: str | None) -> DatasetView | None:
    """The dataset a page's <title> and description are about, when there is one."""
    build = current_build() if has_request_context() else None
    return build.dataset(dataset_id) if build and dataset_id else None


def _title(dataset_id: str | None = None, **_: Any) -> str:
    dataset = _head_dataset(dataset_id)
    language = lang()
    if dataset is None:
        return f"{t('not-found-title', language)} — {t('site-title', language)}"
    title = dataset.meta["title"].get(language) or dataset.meta["title"]["ja"]
    return f"{title} — {t('site-title', language)}"


def _description(dataset_id: str | None = None, **_: Any) -> str:
    dataset = _head_dataset(dataset_id)
    language = lang()
    if dataset is None:
        return t("not-found-body", language)
    text = dataset.meta["description"].get(language) or dataset.meta["description"]["ja"]
    return plain_text(text)[:160]


def _metadata(detail: dict[str, Any], language: str) -> html.Table:
    source = detail["source"]
    license_title = (detail["license_detail"]["title"] or {}).get(language, detail["license"])
    rows = [
        ("publisher", detail["publisher"][language] or detail["publisher"]["ja"]),
        ("category", category_label(detail["category"], language)),
        ("license", html.A(license_title, href=detail["license_detail"]["url"])
         if detail["license_detail"]["url"] else license_title),
        ("issued", fmt_date(detail["issued"], language)),
        ("modified", fmt_date(detail["modified"], language)),
        ("frequency", FREQUENCIES[detail["frequency"]][0 if language == "ja" else 1]),
        # The source's terms are free text as written (Japanese): marked as such.
        ("source", [source["title"][language] or source["title"]["ja"],
                    html.Br(), html.Small(source.get("license") or "", lang="ja")]),
    ]
    if detail.get("standard"):
        rows.append(("standard", detail["standard"]))
    return html.Table(html.Tbody([html.Tr([html.Th(t(key, language), scope="row"),
                                           html.Td(value)]) for key, value in rows]),
                      className="table table-sm")


def _downloads(detail: dict[str, Any], language: str) -> html.Div:
    header = html.Thead(html.Tr([html.Th(t(k, language), scope="col") for k in
                                 ("format", "encoding", "size", "rows")] +
                                [html.Th("SHA-256", scope="col")]))
    blocks = []
    for resource in detail["resources"]:
        title = (resource["title"] or {}).get(language) or resource["name"]
        body = html.Tbody([html.Tr([
            html.Td(html.A(f["label"], href=f["url"])), html.Td(f["encoding"] or ""),
            html.Td(fmt_bytes(f["size"], language)),
            html.Td(fmt_number(f["rows"], language) if f["rows"] is not None else ""),
            html.Td(html.Code(f["sha256"][:16] + "…", title=f["sha256"]))])
            for f in resource["files"]])
        blocks += [html.H3(title, className="h6 mt-2"),
                   html.Div(html.Table([header, body], className="table table-sm"),
                            className="table-scroll")]
    return html.Div(blocks)


def _usage(dataset_id: str, language: str) -> list[html.P]:
    """Downloads over the last 12 months of the published usage table, when there is one."""
    build = current_build()
    usage = usage_of(build) if build is not None else None
    if usage is None or usage.first_month is None or usage.last_month is None:
        return []
    return [html.P(t("downloads-12-months", language,
                     first=fmt_month(usage.first_month, language),
                     last=fmt_month(usage.last_month, language),
                     count=fmt_number(usage.of(dataset_id), language)), id="usage-downloads")]


def _dictionary(resource: dict[str, Any], language: str) -> html.Div:
    fields = resource["schema"].get("fields", [])
    return html.Div(html.Table([
        html.Thead(html.Tr([html.Th(t(k, language), scope="col") for k in
                            ("field-name", "field-type", "field-description")])),
        html.Tbody([html.Tr([html.Td(f["name"]),
                             html.Td(f.get("type", "string"), className="text-nowrap"),
                             html.Td(f.get("description", ""))]) for f in fields]),
    ], className="table table-sm"), className="table-scroll")


def _preview(detail: dict[str, Any], language: str, filters: list[tuple[str, str]],
             status: str) -> html.Div:
    build = current_build()
    assert build is not None
    resource = build.require(detail["id"]).primary
    database = resource.file("sqlite")
    if database is None:
        return html.Div()
    caption = t("preview-caption", language, n=fmt_number(resource.rows, language))
    constant = resource.constant or {}
    folded = folded_columns(lead_order(resource.schema.get("fields", []), constant)[1],
                            constant, language)
    return preview_slot(detail["id"], caption, filters, status, folded)


def _chart_data(detail: dict[str, Any], language: str) -> tuple[Any, dict[str, Any]] | None:
    """The chart builder's section set to the table's default chart, and its figure."""
    build = current_build()
    assert build is not None
    try:
        data = opening_chart(build, detail["id"], date.today())
    except PortalError:
        return None
    if data is None:
        return None
    schema = build.require(detail["id"]).primary.schema
    title = detail["title"][language] or detail["title"]["ja"]
    return (chart_section(base_url(), detail["id"], schema, data, title, language),
            {"id": ids.CHART, "figure": chart_figure(data, schema, language),
             "config": figure_config(detail["id"])})


def _slot(kind: str, component_id: str, language: str, *extra: Any) -> html.Section:
    return html.Section([
        html.H2(t(kind, language), className="h4"),
        html.P(t(f"{kind}-note", language), className="small text-body-secondary"),
        *extra,
        html.Div(id={"type": ids.LAZY_FIGURE, "kind": kind}, className="lazy-figure",
                 style={"minHeight": "360px"}, **{"data-lazy-figure": component_id}),
    ])


def _figures(detail: dict[str, Any], language: str, filters: list[tuple[str, str]],
             near: str) -> list[Any]:
    """The chart and map sections with an empty slot each: a slot is drawn when it scrolls
    into view (assets/30-lazy-figures.js), so plotly.js and Leaflet are fetched only by
    visitors who look at a chart or a map. The chart's figure travels with the page; the map's
    layer, which may be large, only when drawn. The map's text alternative is in the page."""
    build = current_build()
    assert build is not None
    sections: list[Any] = []
    wanted: dict[str, Any] = {}
    chart = _chart_data(detail, language)
    if chart is not None:
        sections.append(chart[0])
        wanted["chart"] = chart[1]
    layer, filtered = filtered_layer(build, detail["id"], filters)
    if layer is not None:
        files = detail["resources"][0]["files"] if detail["resources"] else []
        geojson = next((f["url"] for f in files if f["kind"] == "geojson"), None)
        sections.append(_slot("map", ids.MAP, language, map_alternative(
            layer, f"#{ids.PREVIEW_TABLE}", geojson, language, filtered)))
        wanted["map"] = {"id": ids.MAP, "dataset": detail["id"],
                         "title": detail["title"][language] or detail["title"]["ja"]}
    if has_positions(build.require(detail["id"]).primary.schema):
        sections.append(near_section(build, detail["id"], near, filters, language))
    if not sections:
        return []
    return [*sections, dcc.Store(id=ids.FIGURES_WANTED, data=False),
            dcc.Store(id=ids.FIGURES, data=wanted)]


class FigureSlot(TypedDict):
    type: str
    kind: Literal["chart", "map"]


class Figure(TypedDict, total=False):
    """A slot's figure (dcc.Store ``figures``): a chart's Plotly figure, or the map's dataset
    and title."""

    id: str
    figure: dict[str, Any]
    dataset: str
    title: str
    config: dict[str, Any]


def _drawn(kind: str, figure: Figure, filters: list[list[str]]) -> Any:
    if kind == "map":
        build = current_build()
        layer = filtered_layer(build, figure["dataset"], filters)[0] \
            if build is not None else None
        tiles = current_app.extensions["portal.settings"].map_tiles
        return map_view(layer, figure["title"], tiles, lang()) if layer is not None else None
    config: Any = {"displaylogo": False, "locale": lang(), **figure.get("config", {})}
    return dcc.Graph(id=figure["id"], figure=figure["figure"], responsive=True, config=config,
                     style={"height": "360px"})


@callback(Output({"type": ids.LAZY_FIGURE, "kind": ALL}, "children"),
          Input(ids.FIGURES_WANTED, "data"),
          State({"type": ids.LAZY_FIGURE, "kind": ALL}, "id"),
          State(ids.FIGURES, "data"), State(ids.PAGE_FILTERS, "data"), prevent_initial_call=True)
def draw_figures(wanted: bool | None, slots: list[FigureSlot], figures: dict[str, Figure],
                 filters: list[list[str]] | None = None) -> list[Any]:
    if not wanted:
        raise dash.exceptions.PreventUpdate
    return [_drawn(slot["kind"], figures[slot["kind"]], filters or []) for slot in slots]


@callback(Output(ids.PREVIEW_SLOT, "children"), Input(ids.GRID_WANTED, "data"),
          State(ids.PREVIEW_STATE, "data"), prevent_initial_call=True)
def draw_grid(wanted: Any, state: PreviewState) -> Any:
    """The grid, once its script is loaded (assets/25-lazy-grid.js sets grid-wanted)."""
    build = current_build()
    if not wanted or build is None:
        raise dash.exceptions.PreventUpdate
    resource = build.require(state["dataset"]).primary
    return preview_grid(resource.schema, lang(), state.get("filters"), resource.constant)


@callback(Output(ids.PREVIEW_TABLE, "getRowsResponse"), Output(ids.PREVIEW_STATE, "data"),
          Output(ids.PREVIEW_STATUS, "children"),
          Input(ids.PREVIEW_TABLE, "getRowsRequest"), State(ids.PREVIEW_STATE, "data"),
          prevent_initial_call=True)
def page_preview(request: GridRequest | None, state: PreviewState
                 ) -> tuple[dict[str, Any], PreviewState, str]:
    build = current_build()
    if not request or build is None:
        raise dash.exceptions.PreventUpdate
    try:
        resource = build.require(state["dataset"]).primary
        query = grid_query(request, resource.schema, state["dataset"])
    except PortalError as error:
        return {"rowData": [], "rowCount": 0}, state, error.message(lang())
    database = resource.file("sqlite")
    if database is None:
        raise dash.exceptions.PreventUpdate
    window, state = grid_page(build.path(database.path), resource.schema, query, request, state)
    return {"rowData": window.rows, "rowCount": window.total}, state, ""


def _api_examples(detail: dict[str, Any]) -> html.Div:
    primary = detail["resources"][0]
    csv_url = primary["files"][0]["url"]
    json_url = next((f["url"] for f in primary["files"] if f["kind"] == "json"), None)
    return html.Div([
        html.H3("curl", className="h6"),
        html.Pre(html.Code(f"curl '{primary['rows_url']}?_size=10'")),
        html.H3("pandas", className="h6"),
        html.Pre(html.Code(pandas_snippet(csv_url, json_url, primary["schema"]))),
        html.H3("R", className="h6"), html.Pre(html.Code(r_snippet(csv_url, primary["schema"]))),
    ])


def layout(dataset_id: str = "", **params: str) -> html.Div:
    language = lang()
    build = current_build()
    if build is None:
        return html.Div(html.P(t("no-build", language)))
    try:
        detail = dataset_detail(build, dataset_id, base_url())
    except NotFound:
        return html.Div([html.H1(t("not-found-title", language)),
                         html.P(t("not-found-body", language))])
    title = detail["title"][language] or detail["title"]["ja"]
    notices = _english_notice(detail) if language == "en" else []
    if detail.get("state") == "stale":
        notices.append(dbc.Alert(t("stale", language), color="warning"))
    if detail.get("overdue") and detail.get("status") != "withdrawn":
        notices.append(dbc.Alert(t("overdue", language,
                                   date=fmt_date(detail["update_due"], language)),
                                 color="warning", id="overdue-notice"))
    if detail.get("status") == "withdrawn":
        notices.append(dbc.Alert(t("withdrawn", language,
                                   date=fmt_date(detail["withdrawn"], language)), color="info"))
        return html.Div([html.H1(title), *notices])
    filters, status = _url_filters(build, detail["id"], params, language)
    near = params.get(NEAR_PARAMETER, "")[:200]
    return html.Div([
        *place_state(detail["id"], filters, near),
        html.H1(title, lang="en" if language == "en" and detail["title"]["en"] else "ja"),
        *notices,
        html.Div(markdown_block(detail["description"][language] or detail["description"]["ja"]),
                 lang="en" if language == "en" and detail["description"]["en"] else "ja"),
        html.Section([html.H2(t("metadata", language), className="h4"),
                      _metadata(detail, language)]),
        html.Section([html.H2(t("downloads", language), className="h4"),
                      *_usage(detail["id"], language), _downloads(detail, language)]),
        html.Section([html.H2(t("preview", language), className="h4"),
                      _preview(detail, language, filters, status)]),
        # After the preview: the grid must stay near the first screen (bench/transfer.py).
        quality_section(detail.get("quality"), language),
        *_figures(detail, language, filters, near),
        html.Section([html.H2(t("dictionary", language), className="h4"),
                      *[_dictionary(r, language) for r in detail["resources"]]]),
        *dataset_uses(list_uses(build, language, dataset=detail["id"]), detail["id"], language),
        *answered_requests(requests_answered_by(build, detail["id"], language), language),
        html.Section([html.H2(t("api-example", language), className="h4"),
                      _api_examples(detail)]),
        html.Section([html.H2(t("history", language), className="h4"),
                      _history(detail, language),
                      html.A(t("subscribe", language), href=urls.dataset_feed(detail["id"]),
                             rel="alternate", id=ids.SUBSCRIBE)]),
    ])


def _url_filters(build: Build, dataset_id: str, params: dict[str, str], language: str
                 ) -> tuple[list[tuple[str, str]], str]:
    """The rows API filters of the page's URL, and "" — or none and the rows API's message
    naming the parameter, when one is wrong."""
    filters = url_filters(params)
    try:
        parsed_filters(filters, build.require(dataset_id).primary, dataset_id)
    except PortalError as error:
        return [], error.message(language)
    return filters, ""


def _history(detail: dict[str, Any], language: str) -> html.Ul:
    """What staff wrote in the entry's ``changes:`` (or "data updated"), newest first."""
    return html.Ul([html.Li(f"{fmt_date(h['date'], language)}: "
                            f"{h['summary'].get(language) or h['summary']['ja']}")
                    for h in detail.get("history", [])], id="dataset-history")


def _english_notice(detail: dict[str, Any]) -> list[dbc.Alert]:
    """On an English page, one notice of what is only in Japanese, instead of Japanese words
    appearing unannounced in English sentences."""
    if not (detail["title"]["en"] and detail["description"]["en"]):
        key = "english-no-description"
    elif any(f["name"].endswith("_英語") for r in detail["resources"]
             for f in r["schema"].get("fields", [])):
        key = "english-some-columns"
    else:
        key = "english-data-japanese"
    return [dbc.Alert(t(key, "en"), color="info", id="english-notice")]


register_pages(__name__, layout, path_template="/datasets/<dataset_id>", title=_title,
               description=_description)

"""/datasets/<id>/chart — the chart builder on a page of its own: its query string is the
chart (type, x, y, agg, color, filters), so the address draws it again; ``embed=1`` shows the
chart without the site's header and footer, for an iframe."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import Input, Output, State, callback, dcc, html
from flask import has_request_context

from portal import urls
from portal.errors import NotFound, PortalError
from portal.origin import base_url
from portal.query.charts import dataset_chart
from portal.web import ids
from portal.web.components.chart import chart_figure
from portal.web.components.chart_builder import (
    builder_form,
    chart_outputs,
    figure_config,
    grid_filters,
)
from portal.web.components.preview import FilterItem, PreviewState, grid_query
from portal.web.i18n import t
from portal.web.pages._context import current_build, lang, register_pages


def _dataset_title(dataset_id: str | None, language: str) -> str | None:
    build = current_build() if has_request_context() else None
    dataset = build.dataset(dataset_id) if build and dataset_id else None
    if dataset is None:
        return None
    return str(dataset.meta["title"].get(language) or dataset.meta["title"]["ja"])


def _title(dataset_id: str | None = None, **_: Any) -> str:
    language = lang()
    title = _dataset_title(dataset_id, language)
    if title is None:
        return f"{t('not-found-title', language)} — {t('site-title', language)}"
    return f"{t('chart-page-title', language, title=title)} — {t('site-title', language)}"


def _description(**_: Any) -> str:
    return t("chart-page-description", lang())


def layout(dataset_id: str = "", **params: str) -> html.Div:
    language = lang()
    build = current_build()
    title = _dataset_title(dataset_id, language)
    if build is None or title is None:
        return html.Div([html.H1(t("not-found-title", language)),
                         html.P(t("not-found-body", language))])
    schema = build.require(dataset_id).primary.schema
    # Dash gives a repeated query parameter as a list of its values.
    pairs = [(k, item) for k, v in params.items()
             for item in (v if isinstance(v, list) else [v]) if isinstance(item, str)]
    heading = html.H1(t("chart-page-title", language, title=title))
    back = html.P(html.A(t("chart-back", language), href=urls.dataset_page(dataset_id, language)))
    embedded = params.get("embed") == "1"
    try:
        data = dataset_chart(build, dataset_id, pairs, date.today())
    except NotFound:
        return html.Div([html.H1(t("not-found-title", language)),
                         html.P(t("not-found-body", language))])
    except PortalError as error:
        message = t("chart-error", language, message=error.message(language))
        return html.Div([heading, back,
                         html.Div(message, id=ids.CHART_ERROR, role="alert",
                                  className="alert alert-danger"),
                         builder_form(dataset_id, schema, None, language)])
    if data is None:
        return html.Div([heading, back, html.P(t("chart-none", language)),
                         builder_form(dataset_id, schema, None, language)])
    figure = {"id": ids.CHART, "figure": chart_figure(data, schema, language),
              "config": figure_config(dataset_id)}
    outputs = chart_outputs(base_url(), dataset_id, data, title, language, page_link=False)
    return html.Div([
        heading,
        *([] if embedded else [back, builder_form(dataset_id, schema, data.spec, language)]),
        *outputs,
        dcc.Store(id=ids.FIGURES_WANTED, data=False),
        dcc.Store(id=ids.FIGURES, data={"chart": figure}),
        # The figures callback also reads the page's row filters (the dataset page's map
        # follows them); a chart page has none beyond its own query.
        dcc.Store(id=ids.PAGE_FILTERS, data=[]),
    ], className="chart-embedded" if embedded else "chart-page")


@callback(Output(ids.CHART_GRID_FILTERS, "children"),
          Input(ids.PREVIEW_TABLE, "filterModel"), State(ids.PREVIEW_STATE, "data"),
          prevent_initial_call=True)
def grid_filters_to_chart(model: dict[str, FilterItem] | None,
                          state: PreviewState) -> list[Any]:
    """The preview grid's filters, as the chart form's hidden fields: 描画 draws the rows
    the grid shows."""
    build = current_build()
    if build is None:
        return []
    try:
        query = grid_query({"filterModel": model or {}}, build.require(state["dataset"])
                           .primary.schema, state["dataset"])
    except PortalError:
        return []
    return grid_filters(query.filters, lang())


register_pages(__name__, layout, path_template="/datasets/<dataset_id>/chart", title=_title,
               description=_description)

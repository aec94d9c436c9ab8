"""The chart builder: a form whose state is the chart page's query string, the chart's slot,
its summary, its data as a table, and links to download, bookmark and embed it.

The form is a plain GET form to /datasets/<id>/chart: choosing and pressing 描画 opens the
chart's own address, which draws the same chart in any fresh page (and in an iframe).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from portal import urls
from portal.query.aggregate import ChartData
from portal.query.chart_spec import AGGREGATIONS, CHART_TYPES, ChartSpec, quantity_fields
from portal.web import ids
from portal.web.components.chart import chart_summary, chart_table
from portal.web.i18n import t

OPERATOR_SIGNS = {"exact": "=", "not": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}
FORM_OPERATORS = ("exact", "not", "gt", "gte", "lt", "lte", "contains")
EMBED_HEIGHT = 560


def _select(name: str, label: str, options: Sequence[tuple[str, str]], chosen: str | None,
            field_id: str) -> html.Div:
    return html.Div([
        html.Label(label, htmlFor=field_id, className="form-label small mb-0"),
        html.Select([html.Option(text, value=value, selected=value == (chosen or ""))
                     for value, text in options],
                    id=field_id, name=name, className="form-select form-select-sm"),
    ], className="col-6 col-md-4 col-lg-2")


def operator_text(operator: str, lang: str) -> str:
    return OPERATOR_SIGNS.get(operator) or t(f"chart-op-{operator}", lang)


def filter_text(filters: Sequence[tuple[str, str, str]], lang: str) -> str:
    return "、".join(t("chart-filter-keep", lang, column=c, operator=operator_text(o, lang),
                      value=v) for c, o, v in filters) if filters else \
        t("chart-filters-none", lang)


def grid_filters(filters: Sequence[tuple[str, str, str]], lang: str) -> list[Any]:
    """The preview grid's filters on the dataset page's form: said, and sent with it."""
    if not filters:
        return []
    return [html.P(t("chart-grid-filters", lang, filters=filter_text(filters, lang)),
                   className="small mb-1"), *filter_inputs(filters)]


def filter_inputs(filters: Sequence[tuple[str, str, str]]) -> list[Any]:
    """The filters as the form's hidden fields, in the rows API's ``col__op=value`` form."""
    return [dcc.Input(type="hidden", name=c if o == "exact" else f"{c}__{o}", value=v)
            for c, o, v in filters]


def _current_filters(dataset_id: str, spec: ChartSpec, lang: str) -> html.Ul:
    """The filters in force, each with a link to the same chart without it."""
    items = []
    for index, chosen in enumerate(spec.filters):
        rest = ChartSpec(spec.kind, spec.x, spec.y, spec.agg, spec.color,
                         tuple(f for i, f in enumerate(spec.filters) if i != index))
        items.append(html.Li([filter_text([chosen], lang), " ",
                              html.A(t("chart-filter-remove", lang),
                                     href=urls.chart_page(dataset_id, lang, rest.params()))]))
    return html.Ul(items or [html.Li(t("chart-filters-none", lang))], className="small mb-1")


def builder_form(dataset_id: str, schema: Mapping[str, Any], spec: ChartSpec | None,
                 lang: str, grid: bool = False) -> html.Form:
    """The builder's controls, set to ``spec``. On the dataset page (``grid``) the preview
    grid's filters are added to it as they change."""
    names = [f["name"] for f in schema.get("fields", [])]
    quantities = quantity_fields(schema)
    columns = [(n, n) for n in names]
    fields = [
        _select("type", t("chart-type", lang), [(k, t(f"chart-type-{k}", lang))
                                                for k in CHART_TYPES],
                spec.kind if spec else "bar", "chart-field-type"),
        _select("x", t("chart-x", lang), columns, spec.x if spec else None, "chart-field-x"),
        _select("y", t("chart-y", lang), [("", t("chart-y-none", lang))] +
                [(q, q) for q in quantities], spec.y if spec else None, "chart-field-y"),
        _select("agg", t("chart-agg", lang), [(a, t(f"chart-agg-{a}", lang))
                                              for a in AGGREGATIONS],
                spec.agg if spec else "sum", "chart-field-agg"),
        _select("color", t("chart-color", lang), [("", t("chart-color-none", lang))] + columns,
                spec.color if spec else None, "chart-field-color"),
    ]
    adding = [
        _select("_filter_column", t("chart-filter-column", lang), [("", "—")] + columns, None,
                "chart-field-filter-column"),
        _select("_filter_op", t("chart-filter-op", lang),
                [(o, operator_text(o, lang)) for o in FORM_OPERATORS], "exact",
                "chart-field-filter-op"),
        html.Div([html.Label(t("chart-filter-value", lang), htmlFor="chart-field-filter-value",
                             className="form-label small mb-0"),
                  dcc.Input(id="chart-field-filter-value", name="_filter_value", type="text",
                            className="form-control form-control-sm")],
                 className="col-6 col-md-4 col-lg-2"),
    ]
    kept = spec.filters if spec else ()
    return html.Form([
        html.Div(fields, className="row g-2"),
        html.Fieldset([
            html.Legend(t("chart-filters", lang), className="small fw-bold mb-0"),
            _current_filters(dataset_id, spec, lang) if spec else None,
            html.Div(filter_inputs(kept)),
            html.Div(id=ids.CHART_GRID_FILTERS) if grid else None,
            html.Div(adding, className="row g-2"),
        ], className="mt-2"),
        html.Button(t("chart-draw", lang), type="submit", className="btn btn-primary btn-sm mt-2"),
    ], action=urls.chart_page(dataset_id, lang), method="get", id=ids.CHART_FORM,
        className="chart-form mb-3")


def embed_snippet(base: str, dataset_id: str, spec: ChartSpec, title: str, lang: str) -> str:
    src = urls.absolute(base, urls.chart_page(dataset_id, lang, [*spec.params(), ("embed", "1")]))
    label = t("chart-embed-title", lang, title=title).replace('"', "&quot;")
    return (f'<iframe src="{src.replace("&", "&amp;")}" title="{label}" width="100%" '
            f'height="{EMBED_HEIGHT}" loading="lazy" style="border:0"></iframe>')


def chart_slot() -> html.Div:
    """Where the chart is drawn once it comes near the screen (assets/30-lazy-figures.js)."""
    data: Any = {"data-lazy-figure": ids.CHART}
    return html.Div(id={"type": ids.LAZY_FIGURE, "kind": "chart"}, className="lazy-figure",
                    style={"minHeight": "360px"}, **data)


def chart_outputs(base: str, dataset_id: str, data: ChartData, title: str,
                  lang: str, page_link: bool) -> list[Any]:
    """The summary, the slot, the table and the links of a drawn chart."""
    params = data.spec.params()
    links = [html.Li(html.A(t("chart-csv", lang), href=urls.api_chart(dataset_id, params, True),
                            id=ids.CHART_CSV, download=f"{dataset_id}-chart.csv"))]
    if page_link:
        links.insert(0, html.Li(html.A(t("chart-open", lang), id=ids.CHART_LINK,
                                       href=urls.chart_page(dataset_id, lang, params))))
    return [
        html.P(chart_summary(data, lang), id=ids.CHART_SUMMARY),
        html.P(t("chart-truncated", lang, n=len(data.labels)), className="small")
        if data.truncated else None,
        chart_slot(),
        html.P(t("chart-image-note", lang), className="small text-body-secondary"),
        html.Details([html.Summary(t("chart-table", lang)),
                      chart_table(data, lang, ids.CHART_TABLE)], className="mb-2"),
        html.Ul(links, className="small"),
        html.Details([html.Summary(t("chart-embed", lang)),
                      html.Pre(html.Code(embed_snippet(base, dataset_id, data.spec, title, lang)),
                               id=ids.CHART_EMBED, className="chart-embed-code")],
                     className="small"),
    ]


def chart_section(base: str, dataset_id: str, schema: Mapping[str, Any], data: ChartData,
                  title: str, lang: str) -> html.Section:
    """The dataset page's chart: the builder set to the default chart, and the chart."""
    return html.Section([
        html.H2(t("chart", lang), className="h4"),
        html.P(t("chart-builder-note", lang), className="small text-body-secondary"),
        builder_form(dataset_id, schema, data.spec, lang, grid=True),
        *chart_outputs(base, dataset_id, data, title, lang, page_link=True),
    ], id="chart-section")


def figure_config(dataset_id: str) -> dict[str, Any]:
    """Plotly's bar always shown (phones have no hover), with its picture download."""
    return {"displayModeBar": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"],
            "toImageButtonOptions": {"format": "png", "filename": f"{dataset_id}-chart"}}

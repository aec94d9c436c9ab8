"""A chart's figure (a plain Plotly dict), its text summary and its data as a table, from the
aggregated rows of portal/query/charts.py.

Categories are drawn as categories: a year is the text 2023 (or the data's label, 令和5年度),
never a number with separators or halves between ticks. Only a scatter plot of one quantity
against another has a numeric x axis.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import html

from portal.query.aggregate import ChartData, Series
from portal.query.chart_spec import is_quantity
from portal.web.i18n import fmt_number, t

HEIGHT = 360


def series_name(series: Series, lang: str) -> str:
    return t("chart-count", lang) if series.name == "count" else series.name


def _numeric_x(data: ChartData, schema: Mapping[str, Any]) -> bool:
    field = next((f for f in schema.get("fields", []) if f["name"] == data.spec.x), None)
    return data.spec.kind == "scatter" and field is not None and is_quantity(field, schema)


def chart_figure(data: ChartData, schema: Mapping[str, Any], lang: str) -> dict[str, Any]:
    spec = data.spec
    x: list[Any] = list(data.x) if _numeric_x(data, schema) else list(data.labels)
    if spec.kind == "pie":
        values = data.series[0].values if data.series else ()
        traces: list[dict[str, Any]] = [{"type": "pie", "labels": x, "values": list(values),
                                         "sort": False, "name": value_label(data, lang)}]
    else:
        shape = {"bar": {"type": "bar"}, "line": {"type": "scatter", "mode": "lines+markers"},
                 "scatter": {"type": "scatter", "mode": "markers"}}[spec.kind]
        traces = [{**shape, "name": series_name(s, lang), "x": x, "y": list(s.values)}
                  for s in data.series]
    layout: dict[str, Any] = {
        "margin": {"l": 60, "r": 10, "t": 40, "b": 50}, "height": HEIGHT,
        "legend": {"orientation": "h", "y": -0.25}, "showlegend": len(traces) > 1 or
        spec.kind == "pie"}
    if spec.kind != "pie":
        layout["xaxis"] = {"title": {"text": spec.x}, "automargin": True,
                           "type": "linear" if _numeric_x(data, schema) else "category"}
        layout["yaxis"] = {"title": {"text": value_label(data, lang)}, "automargin": True}
    return {"data": traces, "layout": layout}


def value_label(data: ChartData, lang: str) -> str:
    """What the y axis holds: 人口の合計 / Sum of 人口, or 件数 / count."""
    spec = data.spec
    if spec.y is None:
        return t("chart-count", lang)
    return t("chart-value", lang, y=spec.y, agg=t(f"chart-agg-{spec.agg}", lang))


def _number(value: float | int | None, lang: str) -> str:
    if value is None:
        return ""
    return fmt_number(round(value, 2) if isinstance(value, float) else value, lang)


def chart_summary(data: ChartData, lang: str) -> str:
    """One sentence for readers who do not see the picture: what is drawn, and where the
    highest and lowest values are."""
    kind = t(f"chart-type-{data.spec.kind}", lang)
    cells = [(value, label, s) for s in data.series
             for value, label in zip(s.values, data.labels, strict=True) if value is not None]
    if not cells:
        return t("chart-summary-empty", lang, kind=kind)
    several = len(data.series) > 1

    def where(cell: tuple[float, str, Series]) -> str:
        return f"{cell[1]}({series_name(cell[2], lang)})" if several else cell[1]

    high = max(cells, key=lambda c: c[0])
    low = min(cells, key=lambda c: c[0])
    return t("chart-summary", lang, kind=kind, x=data.spec.x, value=value_label(data, lang),
             n=len(data.labels), series=len(data.series), max=_number(high[0], lang),
             max_at=where(high), min=_number(low[0], lang), min_at=where(low))


def chart_table(data: ChartData, lang: str, table_id: str) -> html.Div:
    """The numbers of the chart as a table: one row per category, one column per series."""
    header = html.Thead(html.Tr([html.Th(data.spec.x, scope="col")] +
                                [html.Th(series_name(s, lang), scope="col")
                                 for s in data.series]))
    body = html.Tbody([html.Tr([html.Th(label, scope="row")] +
                               [html.Td(_number(s.values[i], lang), className="text-end")
                                for s in data.series])
                       for i, label in enumerate(data.labels)])
    return html.Div(html.Table([html.Caption(value_label(data, lang)), header, body],
                               className="table table-sm", id=table_id),
                    className="table-scroll")

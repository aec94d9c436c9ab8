"""/kpi — every KPI of the DX plan, and the published-dataset count against its target path."""

from __future__ import annotations

from datetime import date
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from portal.query.kpi import kpi_summary
from portal.query.requests import requests_per_fiscal_year
from portal.web.components.requests import requests_per_year
from portal.web.i18n import fmt_date, fmt_number, t
from portal.web.pages._context import (
    current_build,
    description_of,
    lang,
    register_pages,
    title_of,
)


def _t(key: str, language: str, **params: Any) -> str:
    return t(f"kpi-page-{key}", language, **params)


def _name(ja: str | None, en: str | None, language: str) -> tuple[str, str]:
    """(text, its language): the English name on an English page where the data has one; the
    Japanese name, marked as Japanese, where it has none (the page then says so once)."""
    if language == "en" and en:
        return en, "en"
    return ja or "", "ja"


def _untranslated(summary: dict[str, Any]) -> bool:
    return any(not policy.get("name_en") for policy in summary["policies"]) or any(
        not (kpi.get("name_en") and kpi.get("measure_name_en"))
        for policy in summary["policies"] for kpi in policy["kpis"])


def _number(value: Any, language: str) -> str:
    return fmt_number(value, language) if value is not None else ""


def _count_chart(count: dict[str, Any], language: str) -> tuple[dcc.Graph, str]:
    years = [row["label"] if language == "ja" else f"FY{row['fiscal_year']}"
             for row in count["targets"]]
    targets = [row["target"] for row in count["targets"]]
    actuals = [row["count"] for row in count["by_fiscal_year"]]
    current = [row["fiscal_year"] == count["fiscal_year"] for row in count["targets"]]
    figure = go.Figure()
    figure.add_bar(x=years, y=actuals, name=_t("series-count", language),
                   marker={"color": ["#0b3d91" if c else "#7a93c4" for c in current],
                           "pattern": {"shape": ["/" if c else "" for c in current]}},
                   text=[_number(a, language) for a in actuals], textposition="outside")
    figure.add_scatter(x=years, y=targets, name=_t("series-target", language),
                       mode="lines+markers+text", line={"dash": "dash", "color": "#b34700"},
                       marker={"symbol": "diamond", "size": 10},
                       text=[_number(v, language) for v in targets], textposition="top center")
    # The labels above the highest point (the last target) are drawn in the top margin
    # instead of being cut at the plot's edge.
    figure.update_traces(cliponaxis=False)
    figure.update_layout(margin={"l": 40, "r": 10, "t": 30, "b": 40}, height=320,
                         legend={"orientation": "h", "y": -0.2}, template="plotly_white")
    summary = " ".join(
        f"{y}: {_t('target', language)} {_number(t, language) or '-'} / "
        f"{_t('series-count', language)} {_number(a, language) or '-'}"
        for y, t, a in zip(years, targets, actuals, strict=True))
    alt = _t("chart-alt", language, summary=summary)
    graph = dcc.Graph(figure=figure, config={"displayModeBar": False, "responsive": True},
                      id="kpi-count-chart")
    return graph, alt


def _gap_sentence(count: dict[str, Any], language: str) -> str:
    label = count["fiscal_year_label"] if language == "ja" else f"FY{count['fiscal_year']}"
    if count["target"] is None:
        return _t("no-target", language, label=label)
    if count["gap"] == 0:
        return _t("reached", language, label=label, target=count["target"])
    return _t("gap", language, label=label, target=count["target"], gap=count["gap"])


def _cell(target: dict[str, Any], language: str, start: str, live: bool) -> html.Td:
    planned = (_number(target["target"], language) if target["target"] is not None
               else _t("no-plan-target", language))
    if target["actual"] is not None:
        actual = _number(target["actual"], language)
    elif live and target.get("before_catalog"):
        actual = _t("before-catalog", language, start=fmt_date(start, language))
    else:
        actual = _t("unpublished", language)
    return html.Td([html.Span(f"{_t('target', language)}: {planned}"), html.Br(),
                    html.Span(f"{_t('actual', language)}: {actual}")],
                   # Wide enough for "not yet published" on one line; the table scrolls.
                   style={"minWidth": "8.5rem"})


def _table(summary: dict[str, Any], language: str) -> html.Div:
    count = summary["published_datasets"]
    before = {r["fiscal_year"] for r in count["by_fiscal_year"] if r.get("before_catalog")}
    years = [t["label"] if language == "ja" else f"FY{t['fiscal_year']}"
             for t in summary["policies"][0]["kpis"][0]["targets"]] \
        if summary["policies"] else []
    head = html.Thead(html.Tr([html.Th(_t(k, language), scope="col")
                               for k in ("measure", "indicator", "unit")] +
                              [html.Th(y, scope="col") for y in years]))
    body = []
    for policy in summary["policies"]:
        policy_name, policy_lang = _name(policy["name"], policy.get("name_en"), language)
        body.append(html.Tr(html.Th([f"{_t('policy', language)} {policy['number']}: ",
                                     html.Span(policy_name, lang=policy_lang)],
                                    colSpan=3 + len(years), scope="colgroup",
                                    className="table-light")))
        for kpi in policy["kpis"]:
            live = bool(kpi.get("live"))
            cells = [_cell({**t, "before_catalog": t["fiscal_year"] in before}, language,
                           count["catalog_start"], live) for t in kpi["targets"]]
            measure, measure_lang = _name(kpi["measure_name"], kpi.get("measure_name_en"),
                                          language)
            indicator, indicator_lang = _name(kpi["name"], kpi.get("name_en"), language)
            unit, unit_lang = _name(kpi["unit"], kpi.get("unit_en"), language)
            name = [html.Span(indicator, lang=indicator_lang, className="kpi-name")] + (
                [html.Br(), html.Small(_t("live", language))] if live else [])
            body.append(html.Tr([html.Td([f"{kpi['measure']} ",
                                          html.Span(measure, lang=measure_lang)],
                                         style={"minWidth": "9rem"}),
                                 html.Th(name, scope="row", style={"minWidth": "12rem"}),
                                 html.Td(unit, lang=unit_lang, className="text-nowrap"),
                                 *cells], id=f"kpi-{kpi['id']}", className="kpi-row"))
    return html.Div(html.Table([html.Caption(_t("targets-caption", language)), head,
                                html.Tbody(body)], className="table table-sm"),
                    className="table-scroll")


def _freshness(state: dict[str, Any], language: str) -> html.P:
    share = "-" if state["share"] is None else f"{state['share'] * 100:.0f}%"
    return html.P(_t("up-to-date", language, current=state["current"], total=state["total"],
                     share=share), id="kpi-up-to-date")


def layout(**_: str) -> html.Div:
    language = lang()
    build = current_build()
    if build is None:
        return html.Div(html.H1(_t("title", language)))
    summary = kpi_summary(build, date.today())
    count = summary["published_datasets"]
    graph, alt = _count_chart(count, language)
    notice = ([html.P(_t("untranslated", language), className="alert alert-info",
                      id="kpi-untranslated")]
              if language == "en" and _untranslated(summary) else [])
    return html.Div([
        html.H1(_t("title", language)),
        html.P(_t("intro", language)),
        *notice,
        html.Section([
            html.H2(_t("count-heading", language), className="h4"),
            html.P([_t("count-now", language), ": ",
                    html.Strong(fmt_number(count["count"], language), id="kpi-count")],
                   className="lead"),
            html.P(_gap_sentence(count, language), id="kpi-gap"),
            html.Figure([graph, html.Figcaption(alt, id="kpi-chart-alt", className="small")],
                        **{"aria-label": alt}),
            _freshness(summary["up_to_date"], language),
            html.Details([html.Summary(_t("definition", language)),
                          html.P(count["definition"][language])]),
        ]),
        html.Section(_table(summary, language)),
        requests_per_year(requests_per_fiscal_year(build), language),
    ])


register_pages(__name__, layout, path="/kpi", title=title_of("kpi-page-title"),
               description=description_of("kpi-page-description"))

"""Data requests on the site: the form, the curated list, a dataset's answered requests and
the counts per fiscal year on the KPI page. Every value is text (React escapes it)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from portal import urls
from portal.datarequests.form import HONEYPOT, LIMITS
from portal.messages import render, render_fix
from portal.web.i18n import fmt_date, fmt_number, t

WHAT = "request-what"
WHY = "request-why"
CONTACT = "request-contact"
TRAP = "request-website"
TOKEN = "request-token"
SUBMIT = "request-submit"
STATUS = "request-status"
REQUESTS_TABLE = "requests-table"
DATASET_REQUESTS = "dataset-requests"
KPI_REQUESTS = "kpi-requests"


def _field(component_id: str, key: str, language: str, area: bool) -> html.Div:
    name = component_id.removeprefix("request-")
    widget: Any = (dbc.Textarea(id=component_id, name=name, rows=4, value="")
                   if area else dbc.Input(id=component_id, name=name, type="text", value="",
                                          autoComplete="email"))
    # The hint is inside the label (dbc inputs take no aria-describedby): read with the field.
    return html.Div([
        dbc.Label([t(f"request-form-{key}", language),
                   html.Span(t(f"request-form-{key}-help", language,
                               limit=fmt_number(LIMITS[name], language)),
                             className="d-block small text-body-secondary fw-normal")],
                  html_for=component_id),
        widget,
    ], className="mb-3")


def request_form(language: str, token: str) -> html.Div:
    """The form; its answer appears in STATUS (a live region), and the fields keep what was
    typed unless the request was taken."""
    return html.Div([
        _field(WHAT, "what", language, area=True),
        _field(WHY, "why", language, area=True),
        _field(CONTACT, "contact", language, area=False),
        # A field people never see or reach: bots that fill every input fill it too.
        html.Div([html.Label(t("request-form-honeypot", language), htmlFor=TRAP),
                  dbc.Input(id=TRAP, name=HONEYPOT, type="text", value="", tabIndex="-1",
                            autoComplete="off")],
                 className="visually-hidden", **{"aria-hidden": "true"}),
        dcc.Store(id=TOKEN, data=token),
        html.P(t("request-form-privacy", language), className="small text-body-secondary"),
        dbc.Button(t("request-form-submit", language), id=SUBMIT, color="primary",
                   n_clicks=0),
        html.Div(id=STATUS, role="status", **{"aria-live": "polite"}, className="mt-3"),
    ])


def refusal(code: str, params: dict[str, Any], language: str) -> html.Div:
    """A coded refusal: what went wrong and what to do, from the message catalogue."""
    return html.Div(dbc.Alert([html.P(render(code, language, **params), className="mb-1"),
                               html.P(render_fix(code, language, **params),
                                      className="mb-0 small")], color="danger"),
                    **{"data-code": code})


def receipt(reference: int, duplicate: bool, language: str) -> html.Div:
    key = "request-form-duplicate" if duplicate else "request-form-accepted"
    return html.Div(dbc.Alert(t(key, language, reference=reference), color="success"),
                    **{"data-code": "request-duplicate" if duplicate else "request-accepted",
                       "data-reference": str(reference)})


def _text(pair: dict[str, str] | None, language: str) -> str:
    if not pair:
        return ""
    return pair.get(language) or pair["ja"]


def _answer(item: dict[str, Any], language: str) -> list[Any]:
    parts: list[Any] = []
    link = item.get("dataset_link")
    if link is not None:
        parts.append(html.A(_text(link["title"], language), href=link["url"]))
    if item.get("reason"):
        parts.append(html.Span(_text(item["reason"], language)))
    if item.get("note"):
        parts.append(html.Span(_text(item["note"], language), className="d-block small"))
    if item.get("answered"):
        parts.append(html.Span(t("requests-answered-on", language,
                                 date=fmt_date(item["answered"], language)),
                               className="d-block small text-body-secondary"))
    return parts


def curated_table(items: list[dict[str, Any]], language: str) -> html.Div | html.P:
    if not items:
        return html.P(t("requests-empty", language), id=REQUESTS_TABLE)
    head = html.Thead(html.Tr([html.Th(t(f"requests-col-{key}", language), scope="col")
                               for key in ("title", "received", "status", "answer")]))
    rows = [html.Tr([
        html.Th(_text(item["title"], language), scope="row"),
        html.Td(fmt_date(item["received"], language)),
        html.Td(item["status_label"][language], **{"data-status": item["status"]}),
        html.Td(_answer(item, language)),
    ], id=f"request-{item['id']}") for item in items]
    return html.Div(html.Table([html.Caption(t("requests-caption", language)), head,
                                html.Tbody(rows)], className="table"),
                    className="table-responsive", id=REQUESTS_TABLE)


def answered_requests(items: list[dict[str, Any]], language: str) -> list[html.Section]:
    """The dataset page's section of requests it answered; nothing when there are none."""
    if not items:
        return []
    return [html.Section([
        html.H2(t("dataset-requests-heading", language), className="h4"),
        html.Ul([html.Li(f"{_text(item['title'], language)} "
                         f"({fmt_date(item['received'], language)})") for item in items]),
        html.A(t("requests-page-title", language), href=urls.requests_page(language)),
    ], id=DATASET_REQUESTS)]


def requests_per_year(rows: list[dict[str, Any]], language: str) -> html.Section:
    """The KPI page's table: requests received and answered per fiscal year."""
    heading = html.H2(t("kpi-requests-heading", language), className="h4 mt-4")
    if not rows:
        return html.Section([heading, html.P(t("kpi-requests-none", language))],
                            id=KPI_REQUESTS)
    head = html.Thead(html.Tr([html.Th(t(f"kpi-requests-{key}", language), scope="col")
                               for key in ("year", "received", "answered")]))
    body = html.Tbody([html.Tr([
        html.Th(row["label"] if language == "ja" else f"FY{row['fiscal_year']}", scope="row"),
        html.Td(fmt_number(row["received"], language)),
        html.Td(fmt_number(row["answered"], language))]) for row in rows])
    return html.Section([heading, html.Div(html.Table(
        [html.Caption(t("kpi-requests-caption", language)), head, body], className="table"),
        className="table-responsive"),
        html.A(t("requests-page-title", language), href=urls.requests_page(language))],
        id=KPI_REQUESTS)

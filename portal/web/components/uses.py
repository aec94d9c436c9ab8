"""Uses of the data (利活用事例) on the site: a card per use, the /uses filters, a dataset's
uses and the home page's latest."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from portal import urls
from portal.catalog.model import USE_KINDS
from portal.web.i18n import fmt_date, fmt_number, t

USES_LIST = "uses-list"
DATASET_USES = "dataset-uses"
HOME_USES = "home-uses"


def _text(pair: dict[str, str] | None, language: str) -> str:
    if not pair:
        return ""
    return pair.get(language) or pair["ja"]


def use_card(use: dict[str, Any], language: str, heading: str = "h3") -> html.Article:
    title = _text(use["title"], language)
    picture = ([html.Img(src=use["image_url"], alt=t("uses-image-alt", language, title=title),
                         className="img-fluid mb-2", style={"maxHeight": "12rem"})]
               if use.get("image_url") else [])
    datasets = use["dataset_links"]
    return html.Article([
        *picture,
        getattr(html, heading.upper())(
            html.A(title, href=use["url"], rel="noopener noreferrer external"),
            className="h5"),
        html.P([dbc.Badge(use["kind_label"][language], color="secondary", className="me-2"),
                t("uses-maker", language, maker=_text(use["maker"], language)), " · ",
                fmt_date(use["date"], language)], className="small mb-1"),
        *([html.P(_text(use["description"], language), className="mb-1")]
          if use.get("description") else []),
        *([html.P([t("uses-datasets", language), ": ",
                   *[part for n, d in enumerate(datasets) for part in
                     ([", "] if n else []) + [html.A(_text(d["title"], language),
                                                     href=d["url"])]]],
                  className="small mb-0")] if datasets else []),
    ], className="border-bottom py-2", id=f"use-{use['id']}", **{"data-kind": use["kind"]})


def uses_filter(kinds: list[str], datasets: list[tuple[str, str]], kind: str, dataset: str,
                language: str) -> html.Form:
    """A plain GET form: the filtered list has its own URL, to link and bookmark."""
    def select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> dbc.Col:
        return dbc.Col([
            dbc.Label(label, html_for=f"uses-{name}"),
            dbc.Select(id=f"uses-{name}", name=name, value=chosen, options=[
                {"label": t("uses-filter-all", language), "value": ""},
                *[{"label": text, "value": value} for value, text in options]]),
        ], xs=12, md=5, className="mb-2")

    kind_options = [(k, USE_KINDS[k][1 if language == "en" else 0]) for k in kinds]
    return html.Form(dbc.Row([
        select("kind", t("uses-filter-kind", language), kind_options, kind),
        select("dataset", t("uses-filter-dataset", language), datasets, dataset),
        dbc.Col(dbc.Button(t("uses-filter-apply", language), type="submit", color="primary"),
                xs=12, md=2, className="d-flex align-items-end mb-2"),
    ]), action=urls.uses_page(language), method="get", className="my-3")


def uses_list(uses: list[dict[str, Any]], language: str) -> html.Section:
    return html.Section([
        html.P(t("uses-count", language, count=fmt_number(len(uses), language)),
               className="text-body-secondary"),
        *([use_card(u, language, "h2") for u in uses] if uses else
          [html.P(t("uses-empty", language))]),
    ], id=USES_LIST)


def dataset_uses(uses: list[dict[str, Any]], dataset_id: str,
                 language: str) -> list[html.Section]:
    """The dataset page's section of its uses; nothing when it has none."""
    if not uses:
        return []
    return [html.Section([
        html.H2(t("dataset-uses-heading", language), className="h4"),
        *[use_card(u, language) for u in uses],
        html.A(t("home-uses-more", language), href=urls.uses_page(language, dataset=dataset_id)),
    ], id=DATASET_USES)]


def home_uses(uses: list[dict[str, Any]], language: str) -> list[html.Section]:
    if not uses:
        return []
    return [html.Section([
        html.H2(t("home-uses-heading", language), className="h4 mt-3"),
        *[use_card(u, language) for u in uses],
        html.A(t("home-uses-more", language), href=urls.uses_page(language)),
    ], id=HOME_USES)]

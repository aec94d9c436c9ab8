"""/ — what the portal is, search, counts, categories, recent updates."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from portal import urls
from portal.query.search import dataset_summary
from portal.query.usage import most_downloaded, usage_of
from portal.query.uses import latest_uses
from portal.store.current import Build
from portal.web.components.blocks import category_label, dataset_card, search_form
from portal.web.components.uses import home_uses
from portal.web.i18n import fmt_month, fmt_number, t
from portal.web.pages._context import (
    current_build,
    description_of,
    lang,
    register_pages,
    title_of,
)


def _kpi(summary: dict[str, Any], language: str) -> html.Section:
    """Published datasets now against this fiscal year's target (KPI 3-2 of the DX plan)."""
    year = (summary["fiscal_year_label"] if language == "ja"
            else f"FY{summary['fiscal_year']}")
    target = summary["target"]
    progress = (t("kpi-target", language, year=year, target=fmt_number(target, language))
                if target is not None else t("kpi-no-target", language, year=year))
    return html.Section(dbc.Card(dbc.CardBody([
        html.H2(t("kpi-heading", language), className="h5"),
        html.P([html.Strong(t("kpi-published", language,
                              count=fmt_number(summary["count"], language)),
                            id="home-kpi-published"),
                " / ", progress], className="mb-1"),
        html.A(t("kpi-link", language), href=urls.kpi_page(language)),
    ])), className="my-3", **{"aria-label": t("kpi-heading", language)})


def _most_downloaded(build: Build, language: str) -> list[html.Section]:
    """The most-downloaded datasets of the published usage table; nothing when it is empty."""
    ranked = most_downloaded(build)
    if not ranked:
        return []
    usage = usage_of(build)
    assert usage.first_month and usage.last_month
    return [html.Section([
        html.H2(t("most-downloaded", language), className="h4 mt-3"),
        html.P(t("most-downloaded-note", language, first=fmt_month(usage.first_month, language),
                 last=fmt_month(usage.last_month, language)),
               className="small text-body-secondary"),
        html.Ol([html.Li([html.A(d.meta["title"].get(language) or d.meta["title"]["ja"],
                                 href=urls.dataset_page(d.id, language)),
                          f" — {t('downloads-count', language, count=fmt_number(n, language))}"])
                 for d, n in ranked]),
    ], id="most-downloaded")]


def layout(**_: str) -> html.Div:
    language = lang()
    build = current_build()
    if build is None:
        return html.Div(html.P(t("no-build", language)))
    from portal.query.kpi import kpi_summary

    published = build.published
    today = date.today()
    summary = kpi_summary(build, today)["published_datasets"]
    this_month = today.isoformat()[:7]
    categories = Counter(d.meta["category"] for d in published)
    recent = sorted(published, key=lambda d: (d.meta["modified"], d.id), reverse=True)[:5]
    counts = [
        ("count-datasets", summary["count"]),
        ("count-categories", len(categories)),
        ("count-updated", sum(d.meta["modified"].startswith(this_month) for d in published)),
    ]
    return html.Div([
        html.H1(t("site-title", language)),
        html.P(t("intro", language), className="lead"),
        search_form(language),
        _kpi(summary, language),
        html.Section([
            dbc.Row([dbc.Col(dbc.Card(dbc.CardBody([
                html.P(t(key, language), className="mb-1"),
                html.P(fmt_number(value, language), className="h3 mb-0", id=f"home-{key}")])),
                xs=12, sm=4,
                className="mb-2") for key, value in counts]),
        ], **{"aria-label": t("count-datasets", language)}),
        html.Section([
            html.H2(t("browse-category", language), className="h4 mt-3"),
            html.Ul([html.Li(html.A(f"{category_label(c, language)} ({n})",
                                    href=urls.datasets_search(language, category=c)))
                     for c, n in sorted(categories.items())], className="list-inline"),
        ]),
        *home_uses(latest_uses(build, language), language),
        *_most_downloaded(build, language),
        html.Section([
            html.H2(t("recent", language), className="h4 mt-3"),
            *[dataset_card(dataset_summary(d), language) for d in recent],
        ]),
    ])


register_pages(__name__, layout, path="/", title=title_of(None),
               description=description_of("home-description"))
